// Mainland mobile numbers (optionally +86), landlines with area code, 18-digit ID numbers.
const ID_NUMBER = /(?<![0-9])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])(?![0-9])/g;
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])/g;
const LANDLINE = /(?<![0-9])(0\d{2,3})-?(\d{7,8})(?![0-9])/g;

/**
 * Masks phone and ID numbers before text is logged, stored in the query log or exported.
 * Full-width digits are made half-width first so that they are caught too.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_m, area: string, num: string) => `${area}-****${num.slice(-2)}`);
}
