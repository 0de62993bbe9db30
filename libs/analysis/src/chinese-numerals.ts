const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Value of a numeral such as 二十、一百零五、十二; NaN when it is not one. */
export function parseChineseNumber(text: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch === '万') {
      section = (section + Math.max(digit, 0)) * 10000;
      total += section;
      section = 0;
      digit = -1;
    } else if (ch in UNITS) {
      section += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else {
      return Number.NaN;
    }
  }
  return total + section + Math.max(digit, 0);
}

// A numeral worth converting: contains a unit (二十、十五、一百), or is a run of three or more
// digits read one by one (一二三四五 = 12345). Single characters stay: 一次性、一件事 are words.
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千万]{2,}/g;

export function convertChineseNumerals(text: string): string {
  return text.replace(NUMERAL_RUN, (run) => {
    if (/[十百千万]/.test(run)) {
      const value = parseChineseNumber(run);
      return Number.isNaN(value) ? run : String(value);
    }
    if (run.length >= 3 && !/两/.test(run)) {
      return [...run].map((ch) => DIGITS[ch]).join('');
    }
    return run;
  });
}
