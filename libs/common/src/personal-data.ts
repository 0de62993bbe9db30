// Mainland mobile numbers (optionally +86), landlines with area code, 18- and 15-digit ID numbers.
const ID_NUMBER = /(?<![0-9])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])(?![0-9])/g;
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])/g;
const LANDLINE = /(?<![0-9])(0\d{2,3})-?(\d{7,8})(?![0-9])/g;

// Whole-run patterns, on a run with its separators removed and its digits made Arabic.
const RUN_ID_18 = /^([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])$/;
const RUN_ID_15 = /^([1-9]\d{5})\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2}(\d)$/;
const RUN_MOBILE = /^(?:\+?86)?(1[3-9]\d)(\d{4})(\d{4})$/;

const CHINESE_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
// A run of digits (Arabic, full-width or Chinese) that people split with spaces (also the ideographic
// space), dots, dashes or slashes — written to dodge a plain pattern, or just how the number is read.
const DIGIT = '[0-9０-９〇零一二三四五六七八九幺]';
const RUN = new RegExp(`\\+?${DIGIT}(?:[\\s\\u3000.．\\-－—·/]{0,2}${DIGIT})*[Xx]?`, 'gu');

function arabic(run: string): string {
  return run
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[〇零一二三四五六七八九幺]/gu, (d) => CHINESE_DIGITS[d])
    .replace(/[^0-9+Xx]/g, '');
}

/** One run as a whole: an ID or a mobile number once the separators are gone, masked; else null. */
function maskRun(run: string): string | null {
  const digits = arabic(run);
  let m = RUN_ID_18.exec(digits);
  if (m) return `${m[1]}${'*'.repeat(11)}${m[2]}`;
  m = RUN_ID_15.exec(digits);
  if (m) return `${m[1]}${'*'.repeat(8)}${m[2]}`;
  m = RUN_MOBILE.exec(digits);
  if (m) return `${m[1]}****${m[3]}`;
  return null;
}

/**
 * Masks phone and ID numbers before text is logged, stored in the query log or exported. Each run of
 * digits is first read as a whole (separators dropped, full-width and Chinese digits made Arabic);
 * a run that is no single number (two numbers side by side) goes through the plain patterns.
 */
export function maskPersonalData(text: string): string {
  return text.replace(RUN, (run) => {
    const whole = maskRun(run);
    if (whole !== null) return whole;
    // Chinese number words that are no phone or ID number stay as written (一次性, 一二三四五).
    if (!/[0-9０-９]/.test(run)) return run;
    return run
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`)
      .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
      .replace(LANDLINE, (_m, area: string, num: string) => `${area}-****${num.slice(-2)}`);
  });
}
