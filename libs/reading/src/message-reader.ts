import { simplifyScript } from '@app/analysis';

/** One request in a message: the clause that asks, and the clauses written before it. */
export interface AskUnit {
  /** The clause that asks or requests (请问…吗, 希望…, 怎么办, …?). */
  ask: string;
  /**
   * The clauses before it in the same sentence, nearest last: in 我在县城买了房，想把爸妈户口迁过来，
   * 行不行 the ask is the whole sentence.
   */
  lead: string[];
  /**
   * Clauses of the sentences before (at most MAX_EARLIER, nearest last): the topic an ask such as
   * 请问她能领吗 refers back to. The matcher takes as many as the ask needs, not the whole story.
   */
  earlier: string[];
}

export interface MessageReading {
  /** The requests in the order written; the first is what the reply answers. */
  asks: AskUnit[];
  /** The message without salutation, closing and signature, clauses joined by '，'. */
  body: string;
  /** The body without its asks: the story around them, context for the first. */
  story: string;
  /** The body's first sentence: in a letter or a message board post it usually names the matter. */
  opening: string;
  /** No clause asks anything (a complaint told as a story): the units are the opening sentence. */
  implicit: boolean;
}

const MAX_EARLIER = 4;
/** A clause longer than this is cut to its ending, where Chinese puts the predicate and the ask. */
const MAX_CLAUSE_CHARS = 60;

// Sentence ends, including the line breaks that separate a message board's subject from its text.
const SENTENCE_END = /[。！？!?；;\n\r]+|…+|\.{3,}/u;
const CLAUSE_BREAK = /[，,、：:]+|\s{2,}/u;

/** Greetings and forms of address that open a message (领导您好, 尊敬的王书记：, 你好). */
const SALUTATION = [
  /^(尊敬|敬爱|亲爱)的/u,
  /^(你|您|大家|各位|领导)(们)?好/u,
  /^(hi|hello|在吗|在不在|有人吗|打扰(了|一下)?|冒昧打扰(一下)?|不好意思打扰(了|一下)?)$/u,
  /^[\p{Script=Han}]{0,8}(领导|书记|市长|县长|区长|镇长|乡长|局长|主任|工作人员|同志|老师|负责人|管理员|小编|客服|政府)(们)?(你|您)?(们)?好?$/u,
];

/** Thanks, sign-offs and signatures that close a message. */
const CLOSING = [
  /^(谢谢|感谢|多谢|非常感谢|万分感谢|麻烦(你|您)?了|辛苦(你|您)?了|盼复|盼回复|望回复|期待(您的)?回复|静候佳音|此致|敬礼|此致敬礼)/u,
  /^[\p{Script=Han}\d*xX]{0,12}(市民|居民|业主|村民|群众|家长|职工|员工|网友|敬上|留言人|留言)$/u,
];

/**
 * Request verbs, polite question openers and sentence-final question particles: a clause with one of
 * them asks for something.
 */
const STRONG_ASK = new RegExp([
  '请问|想问|问一下|问下|咨询|请教',
  '(?<![申邀聘提报])请(?!假|客|柬|示)',
  '希望|要求|恳请|恳求|请求|建议|呼吁|盼望|期盼|求助|帮忙|帮帮|督促|敦促|给个说法|讨个说法|做主',
  '投诉|举报|检举',
  '怎么办|咋办|怎么处理|如何处理|是否|能否|可否|有无|能不能|可不可以|有没有|是不是|要不要|会不会|行不行|够不够|算不算',
  '[吗么呢][啊呀哦]?$',
  // A clause that ends on its question word is a question (医保报销比例是多少).
  '(多少|哪里|哪儿|哪个|什么|啥|几时|何时|怎么样|咋样|如何)[啊呀呢]?$',
].join('|'), 'u');
/**
 * Question words, which also occur in a story's narration (不知道什么原因, 几个月了没人管): they mark
 * an ask only when no clause carries a strong cue.
 */
const WEAK_ASK = /怎么|怎样|如何|咋|为什么|为啥|为何|什么|啥|哪|多少|几[个时号天年月次岁块]|谁(?!知)|反映|尽快|[不没]$/u;

function clean(clause: string): string {
  return clause.replace(/^[\s"'“”‘’「」『』（）()【】\[\]《》<>·*#-]+|[\s"'“”‘’「」『』（）()【】\[\]《》<>·*#-]+$/gu, '');
}

/** Whether a clause has anything to analyse (letters, digits, Chinese). */
function meaningful(clause: string): boolean {
  return /[\p{L}\p{N}]/u.test(clause);
}

/**
 * Reads a resident's message the way a 12345 operator does (诉求提取): drops the salutation and the
 * closing, splits sentences and clauses, and finds the clauses that ask or request, each with the
 * clauses before it for the topic. A long story then reaches the matcher as its ask, not as one bag
 * of words in which every sentence of context dilutes the request.
 */
export function readMessage(raw: string): MessageReading {
  const text = simplifyScript(raw);
  const sentences: { clauses: string[]; question: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = SENTENCE_END.exec(rest);
    const body = end ? rest.slice(0, end.index) : rest;
    const question = end ? /[?？]/u.test(end[0]) : false;
    rest = end ? rest.slice(end.index + end[0].length) : '';
    const clauses = body.split(CLAUSE_BREAK).map(clean).filter(meaningful);
    if (clauses.length > 0) sentences.push({ clauses, question });
  }
  dropSalutation(sentences);
  dropClosing(sentences);

  const all: { clause: string; sentence: number; strong: boolean; weak: boolean }[] = [];
  sentences.forEach(({ clauses, question }, sentence) => {
    clauses.forEach((clause, i) => {
      const questionMark = i === clauses.length - 1 && question;
      all.push({ clause: tail(clause), sentence, strong: questionMark || STRONG_ASK.test(clause), weak: WEAK_ASK.test(clause) });
    });
  });
  const anyStrong = all.some((c) => c.strong);
  const asks: AskUnit[] = [];
  all.forEach(({ clause, sentence, strong, weak }, i) => {
    if (!(anyStrong ? strong : weak)) return;
    const before = all.slice(0, i);
    const start = before.findIndex((c) => c.sentence === sentence);
    const lead = start < 0 ? [] : before.slice(start).map((c) => c.clause);
    const earlier = before.slice(0, start < 0 ? before.length : start).slice(-MAX_EARLIER).map((c) => c.clause);
    asks.push({ ask: clause, lead, earlier });
  });
  const implicit = asks.length === 0 && all.length > 0;
  if (implicit) {
    // A story with no explicit ask: its opening sentence usually names the matter (a subject line,
    // 我们小区电梯坏了半个月). Its last clause stands as the ask, the others as its lead.
    const first = sentences[0].clauses.map(tail);
    asks.push({ ask: first[first.length - 1], lead: first.slice(0, -1), earlier: [] });
  }
  const opening = sentences.length > 0 ? sentences[0].clauses.join('，') : '';
  const asked = new Set(asks.map((a) => a.ask));
  const story = all.map((c) => c.clause).filter((c) => !asked.has(c)).join('，');
  return { asks, body: all.map((c) => c.clause).join('，'), story, opening, implicit };
}

function tail(clause: string): string {
  return clause.length > MAX_CLAUSE_CHARS ? clause.slice(-MAX_CLAUSE_CHARS) : clause;
}

/** Salutation clauses at the very start (尊敬的王书记：您好！). */
function dropSalutation(sentences: { clauses: string[] }[]): void {
  for (let dropped = 0; dropped < 3 && sentences.length > 0; dropped++) {
    const first = sentences[0];
    if (!SALUTATION.some((p) => p.test(first.clauses[0])) || first.clauses[0].length > 20) return;
    first.clauses.shift();
    if (first.clauses.length === 0) sentences.shift();
  }
}

/** Thanks and signature clauses at the end (the last clause standing is kept: 谢谢 alone is small talk). */
function dropClosing(sentences: { clauses: string[] }[]): void {
  const clauses = () => sentences.reduce((n, s) => n + s.clauses.length, 0);
  for (let dropped = 0; dropped < 4 && clauses() > 1; dropped++) {
    const last = sentences[sentences.length - 1];
    const clause = last.clauses[last.clauses.length - 1];
    if (!CLOSING.some((p) => p.test(clause)) || clause.length > 24) return;
    last.clauses.pop();
    if (last.clauses.length === 0) sentences.pop();
  }
}
