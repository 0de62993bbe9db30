/**
 * What a question asks for, as opposed to what it is about. Neighbouring concerns of one topic
 * (低保怎么申请 / 低保申请条件 / 低保标准多少 / 低保什么时候发 / 低保没收到 / 低保违规举报) share
 * their topic words and differ mostly in question words — 怎么, 哪里, 多少, 能不能, 没 — which the
 * analyzer drops as stopwords because they say nothing about the topic. The cues are read from the
 * normalised text before segmentation, so a stopword still counts here.
 */
export type QuestionIntent = 'how' | 'where' | 'when' | 'amount' | 'eligible' | 'materials' | 'not-yet' | 'why' | 'complaint';

// Each cue is a regular expression over normalised text (simplified, lower case, punctuation as spaces).
const INTENT_CUES: readonly (readonly [QuestionIntent, RegExp])[] = [
  // Procedure: how to apply or get something done (怎么办 alone asks for a remedy, not a procedure).
  ['how', /怎么(?!办|回事|样|还|没|不)|怎样(?!了)|如何|咋(?!办|回事|整|还|没|不)|流程|手续|步骤|第一步|从哪开始/],
  // Where to go, whom to ask, which number to call, where to look it up.
  ['where', /哪里|哪儿|在哪|去哪|上哪|到哪|哪个(部门|窗口|单位|地方|网站|平台)|什么地方|啥地方|找谁|(什么|啥|哪个)电话|地址|窗口/],
  ['when', /什么时候|啥时候|何时|多久|多长时间|几天|几个月|哪天|几号|时限|期限|截止|时效/],
  ['amount', /多少(?!天|年|时间)|标准|金额|额度|几块|几百|几千|几个钱|补多少|给多少|收费|费用/],
  // Who qualifies, whether one may: conditions and permission.
  ['eligible', /条件|资格|符合|够格|够不够|算不算|能不能|可不可以|能否|可否|是否可以|谁能|哪些人|什么样的(人|家)|啥样的?人|(能|可以|够)[^ ]{0,12}(吗|不)( |$)/],
  ['materials', /材料|资料|证件|带什么|带啥|要带|准备什么|准备啥/],
  // Something due has not arrived or is stuck: progress, arrears, no reply.
  ['not-yet', /没有?(收到|到账|发|拿到|给|下来|批|消息|答复|回复|结果|动静|信|回音|音信|下文)|还没|迟迟|一直没|进度|到账|怎么还|咋还/],
  ['why', /为什么|为啥|凭什么|怎么回事|咋回事|为何|什么原因|啥原因/],
  // Reporting someone, disputing a decision (告诉/公告/报告 are not complaints).
  ['complaint', /举报|投诉|反映|检举|(?<![公报广预警通劝宣忠])告(?!诉|知|示)|不服|维权|异议|不公平|违规|乱收费/],
];

/** The intents a text's cue words signal, in a fixed order, each at most once. */
export function questionIntents(normalized: string): QuestionIntent[] {
  return INTENT_CUES.filter(([, cue]) => cue.test(normalized)).map(([intent]) => intent);
}
