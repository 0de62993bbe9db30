export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'chitchat';

const PATTERNS: [SmallTalkKind, RegExp][] = [
  ['thanks', /^(谢谢|谢了|多谢|感谢|非常感谢|太感谢了|thanks?|thank you|thx|辛苦了|好的谢谢|谢谢你|谢谢您|谢啦)+$/],
  ['goodbye', /^(再见|拜拜|bye|byebye|88|没有了|没事了|好的没事了)+$/],
  ['greeting', /^(你好|您好|hi|hello|hey|哈喽|嗨|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早|喂|你好呀|您好呀|老师好|同志好|小助手)+$/],
];

/**
 * Chat that is not a policy question: about the assistant itself, the time, the weather, moods,
 * jokes. Matching it against concerns finds look-alikes (你几岁了 → 几岁上一年级), so it is told
 * apart first. Whole short messages only: 你能不能帮我查下低保 is a question, not chat.
 */
const CHITCHAT: RegExp[] = [
  /^你(今年)?(几岁|多大|多少岁|叫什么(名字)?|叫啥(名字)?|的名字是?(什么|啥)|有名字|是谁|是男是女|是男的还是女的|是人还是机器|是不是(真人|机器人|人工))了?[吗么]?$/u,
  // Personal news told to the assistant (生日, 放假), not a question about a benefit.
  /^(今天|明天|后天)?(是)?我(的)?生日(快乐)?$/u,
  /^(祝我|祝你)(生日快乐|新年快乐|节日快乐)$/u,
  /^你是(谁|什么|啥|哪位|机器人|真人|人工|ai|人工智能)[吗么]?$/u,
  /^你(吃饭|睡觉|下班|结婚|有对象|住哪|住在哪|在哪|喜欢什么|喜欢我|爱我|累不累|会唱歌|会讲笑话|会聊天)了?[吗么没]?$/u,
  /^(现在)?(几点|几点钟|什么时间|啥时间|啥时候)了[吗么]?$/u,
  /^(今天|明天|后天)(是)?(几号|星期几|周几|礼拜几|农历几号)$/u,
  /^(今天|明天|后天|这几天|最近)?(的)?(天气|气温)(怎么样|咋样|如何|好不好|好吗)?$/u,
  /^(今天|明天|后天)(会)?(下雨|下雪|刮风|热不热|冷不冷)[吗么]?$/u,
  /^(给我|跟我|陪我)?(讲|说)(个|一个|几个)?(笑话|故事)(吧|听听)?$/u,
  /^(陪我|跟我|和我)?(聊聊天|聊天|聊会儿?天?|唠唠嗑|唠嗑)(吧|好吗)?$/u,
  /^我(好|很|太|有点|真)?(无聊|烦|累|开心|高兴|难过|伤心|郁闷|饿|困)(啊|了|死了)?$/u,
  /^(你)?(真|好|太)?(笨|傻|蠢|厉害|聪明|棒|牛)$/u,
  /^(测试|test|testing|嗯+|哦+|噢+|ok|okay|好的|好吧|知道了|明白了|收到)$/u,
];

/** Whole-message greetings, thanks, goodbyes and chat (normalised text, spaces removed). */
export function detectSmallTalk(normalized: string): SmallTalkKind | null {
  const compact = normalized.replace(/\s+/g, '').replace(/[?？!！。.,，~～]+$/u, '').replace(/[啊呀哦呢吧啦嘛哈]+$/u, '');
  if (!compact) return null;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(compact)) return kind;
  if (compact.length <= 14 && CHITCHAT.some((pattern) => pattern.test(compact))) return 'chitchat';
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
