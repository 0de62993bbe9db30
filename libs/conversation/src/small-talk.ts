export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye';

const PATTERNS: [SmallTalkKind, RegExp][] = [
  ['thanks', /^(谢谢|谢了|多谢|感谢|非常感谢|太感谢了|thanks?|thank you|thx|辛苦了|好的谢谢|谢谢你|谢谢您|谢啦)+$/],
  ['goodbye', /^(再见|拜拜|bye|byebye|88|没有了|没事了|好的没事了)+$/],
  ['greeting', /^(你好|您好|hi|hello|hey|哈喽|嗨|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早|喂|你好呀|您好呀|老师好|同志好|小助手)+$/],
];

/** Whole-message greetings, thanks and goodbyes (normalised text, spaces removed). */
export function detectSmallTalk(normalized: string): SmallTalkKind | null {
  const compact = normalized.replace(/\s+/g, '').replace(/[啊呀哦呢吧啦嘛哈]+$/u, '');
  if (!compact) return null;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(compact)) return kind;
  return null;
}

const CHOICE = /^(?:第|选|选择|我选)?([1-9]|一|二|两|三|四|五)(?:个|项|条|号|个吧)?$/u;
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** "2", "第二个", "选3" → the number chosen; null when the message is not a choice. */
export function parseChoice(normalized: string): number | null {
  const match = CHOICE.exec(normalized.replace(/\s+/g, ''));
  if (!match) return null;
  return DIGIT[match[1]] ?? Number(match[1]);
}
