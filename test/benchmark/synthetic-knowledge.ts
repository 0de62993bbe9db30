import { emptyBundle, KnowledgeSnapshot, type CatalogueItemRecord, type ConcernRecord } from '@app/knowledge';

// Deterministic pseudo-random numbers, so every run measures the same knowledge base.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 3266489909) >>> 0;
    return ((s ^ (s >>> 16)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = `最低生活保障 特困供养 临时救助 医疗救助 养老保险 医疗保险 失业保险 工伤保险 生育保险 社保卡 公积金 残疾人补贴 高龄津贴
  养老服务 公租房 廉租房 危房改造 宅基地 不动产 户口 身份证 居住证 出生证明 结婚登记 离婚登记 收养登记 入学 转学 学籍 助学金
  营养餐 校车 疫苗接种 家庭医生 健康证 食品经营许可 药品 农机补贴 耕地补贴 种粮补贴 创业贷款 创业补贴 职业培训 就业登记
  公益岗位 劳动仲裁 法律援助 人民调解 公证 征收补偿 征地补偿 拆迁安置 规划许可 施工许可 环评 排污许可 噪声污染 油烟污染
  垃圾分类 占道经营 违法建设 路灯 供水 供气 供暖 公交 停车 图书馆 文化馆 体育场馆 景区 旅行社 导游 个人所得税 增值税 发票
  社保缴费 退役军人 优待证 抚恤金 低保边缘 防返贫 小额信贷 雨露计划 受灾救助 应急避难 安全生产 事故调查 预算 决算 三公经费
  政府采购 招标投标 项目审批 信息公开 政策解读 年度报告 依申请公开 行政复议 行政诉讼`.split(/\s+/).filter(Boolean);
const OBJECTS = `申请条件 办理流程 所需材料 办理时限 补贴标准 发放时间 资格认证 年度审核 信息变更 注销 补办 查询方式 公示名单 投诉渠道 收费标准
  政策依据 经办机构 线上办理 异地办理 结果公开 复核 退出 续期 转移接续 待遇领取`.split(/\s+/).filter(Boolean);
const CONTEXTS = `农村 城镇 老年人 残疾人 儿童 学生 企业 个体户 外地 本地 乡镇 社区 困难家庭 独生子女 新生儿 退休人员 灵活就业人员
  高校毕业生 返乡人员 失业人员 孕妇 军属 外来务工人员 村民 居民`.split(/\s+/).filter(Boolean);
const DEPARTMENTS = `民政局 人社局 医保局 住建局 自然资源局 公安局 教育局 卫健委 农业农村局 市场监管局 司法局 生态环境局 城管局 应急管理局
  财政局 发改局 税务局 文旅局 退役军人事务局 乡镇人民政府`.split(/\s+/).filter(Boolean);
const TEMPLATES = [
  (c: string, s: string, o: string) => `${s}${o}是什么`,
  (c: string, s: string, o: string) => `请问${c}${s}的${o}`,
  (c: string, s: string, o: string) => `我是${c}，想问下${s}${o}`,
  (c: string, s: string, o: string) => `${c}${s}${o}在哪里看`,
  (c: string, s: string, o: string) => `${s}的${o}怎么弄`,
];

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)];

/**
 * A knowledge base shaped like real ones for timing: concerns from the same few hundred words,
 * catalogue rows that all cite 政府信息公开条例 and 20个工作日, so common words match most documents.
 */
export function syntheticKnowledge(concernCount: number, itemCount: number, seed = 42): KnowledgeSnapshot {
  const r = random(seed);
  const bundle = emptyBundle();
  bundle.areas = [{ code: 'synthetic', name: '综合', aliases: [], department: null }];
  const seen = new Set<string>();
  while (bundle.concerns.length < concernCount) {
    const [c, s, o] = [pick(CONTEXTS, r), pick(SUBJECTS, r), pick(OBJECTS, r)];
    const title = `${c}${s}${o}`;
    if (seen.has(title)) continue;
    seen.add(title);
    const concern: ConcernRecord = {
      id: `C-${bundle.concerns.length}`,
      title,
      question: `${c}${s}的${o}是怎样的？`,
      paraphrases: TEMPLATES.slice(0, 4).map((t) => t(c, s, o)),
      keywords: [s, o],
      answer: `${c}${s}的${o}，请向县${pick(DEPARTMENTS, r)}咨询，具体以公布的为准，也可拨打12345热线。`,
      areaCode: 'synthetic', itemIds: [], interpretationIds: [], status: 'published', kind: 'concern', extra: {}, sourceFile: 'synthetic.yaml',
    };
    bundle.concerns.push(concern);
  }
  for (let i = 0; i < itemCount; i++) {
    const [s, o, d] = [pick(SUBJECTS, r), pick(OBJECTS, r), pick(DEPARTMENTS, r)];
    const item: CatalogueItemRecord = {
      id: `item-${i}`,
      areaCode: 'synthetic',
      level1: `${s}服务`,
      title: `${pick(CONTEXTS, r)}${s}${o}信息`,
      content: `1.${s}${o};2.${s}政策文件;3.办理结果公开;4.监督投诉渠道`,
      basis: '1.《中华人民共和国政府信息公开条例》;2.《关于全面推进政务公开工作的意见》',
      timeLimit: '信息形成或变更之日起20个工作日内公开',
      publisher: `县级${d}`,
      channels: '■政府网站 □政府公报 ■两微一端',
      audience: '全社会', mode: '主动', level: '县级、乡级', extra: {}, sourceFile: 'synthetic.csv',
    };
    bundle.items.push(item);
  }
  return new KnowledgeSnapshot(bundle, 1);
}

/** Resident-like questions over the synthetic vocabulary (some match a concern, some only items). */
export function syntheticQuestions(count: number, seed = 7): string[] {
  const r = random(seed);
  return Array.from({ length: count }, () => pick(TEMPLATES, r)(pick(CONTEXTS, r), pick(SUBJECTS, r), pick(OBJECTS, r)));
}
