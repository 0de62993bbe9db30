import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readKnowledgeFolder } from './knowledge-folder-reader.js';
import { knowledgeFolderFiles, writeKnowledgeFolder } from './knowledge-folder-writer.js';
import { formatIssue } from './knowledge-import-error.js';

const FIXTURE = resolve('test/fixtures/knowledge-mini');

describe('knowledge folder', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'knowledge-'));
    await cp(FIXTURE, dir, { recursive: true });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const issuesOf = async () => (await readKnowledgeFolder(dir)).issues.map(formatIssue);

  // A referral (转办指引): answered by another channel, so it links no catalogue item.
  const REFERRAL = `- id: C-referral-power
  title: 停电、电费找供电公司
  question: 家里停电了找谁？
  paraphrases: [电费不对找谁, 电压不稳找哪里]
  answer: 由供电企业处理，可拨打95598。
  kind: referral
`;

  it('reads the fixture without issues, resolving area names to codes', async () => {
    const { bundle, issues } = await readKnowledgeFolder(dir);
    expect(issues).toEqual([]);
    expect(bundle.areas).toHaveLength(2);
    expect(bundle.items.find((i) => i.id === 'tourism-4')?.areaCode).toBe('tourism');
    expect(bundle.items.find((i) => i.id === 'social-assistance-1')?.extra).toEqual({ 来源: 'test fixture' });
    expect(bundle.concerns.find((c) => c.id === 'C-tourism-draft')?.status).toBe('draft');
    expect(bundle.interpretations[0].date).toBe('2022-11-18');
  });

  it('round-trips: reading what it wrote gives the same knowledge', async () => {
    await writeFile(join(dir, 'concerns', 'referrals.yaml'), REFERRAL);
    const first = await readKnowledgeFolder(dir);
    const out = await mkdtemp(join(tmpdir(), 'export-'));
    try {
      await writeKnowledgeFolder(first.bundle, out);
      const second = await readKnowledgeFolder(out);
      expect(second.issues).toEqual([]);
      expect(second.bundle).toEqual(first.bundle);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('reads kind: referral, and a concern without kind is a concern', async () => {
    await writeFile(join(dir, 'concerns', 'referrals.yaml'), REFERRAL);
    const { bundle, issues } = await readKnowledgeFolder(dir);
    expect(issues).toEqual([]);
    expect(bundle.concerns.find((c) => c.id === 'C-referral-power')).toMatchObject({ kind: 'referral', itemIds: [], extra: {} });
    expect(bundle.concerns.find((c) => c.id === 'C-tourism-complaint')?.kind).toBe('concern');
  });

  it('reports an unknown kind with its file, entry and field', async () => {
    await writeFile(join(dir, 'concerns', 'referrals.yaml'), REFERRAL.replace('kind: referral', 'kind: 转办'));
    expect(await issuesOf()).toContain('concerns/referrals.yaml · C-referral-power（第1项） · kind: 应为 concern（关切事项）或 referral（转办指引），不认识“转办”');
  });

  it('writes kind only for referrals, so that folders without it are written as before', async () => {
    await writeFile(join(dir, 'concerns', 'referrals.yaml'), REFERRAL);
    const files = knowledgeFolderFiles((await readKnowledgeFolder(dir)).bundle);
    expect(files.get('concerns/tourism.yaml')).not.toContain('kind:');
    expect(files.get('concerns/referrals.yaml')).toContain('\n  kind: referral\n  status: published\n');
    // What the writer wrote, read and written again, is the same bytes.
    const out = await mkdtemp(join(tmpdir(), 'export-'));
    try {
      await writeKnowledgeFolder((await readKnowledgeFolder(dir)).bundle, out);
      expect(knowledgeFolderFiles((await readKnowledgeFolder(out)).bundle)).toEqual(files);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('names the file, row and column of a missing required cell and an unknown area', async () => {
    const path = join(dir, 'catalogue', 'tourism.csv');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('tourism-5,tourism,公共服务,旅行社名录', 'tourism-5,天文,公共服务,'));
    const issues = await issuesOf();
    expect(issues).toContain('catalogue/tourism.csv · 第3行 · 二级事项: 必填内容为空');
    expect(issues).toContain('catalogue/tourism.csv · 第3行 · 领域: 领域“天文”不存在（可填写领域的名称、代码或别名）');
  });

  it('reports a missing column once, for the header row', async () => {
    await writeFile(join(dir, 'catalogue', 'extra.csv'), '编号,领域,一级事项\nx-1,tourism,公共服务\n');
    expect(await issuesOf()).toContain('catalogue/extra.csv · 第1行: 缺少必需的列：二级事项、公开内容（第一行应是表头；可下载导入模板对照。若表头显示为乱码，请另存为 UTF-8 或 GBK 编码的 CSV，或 .xlsx）');
  });

  it('reports duplicate ids and links that do not resolve', async () => {
    await writeFile(
      join(dir, 'concerns', 'more.yaml'),
      '- { id: C-tourism-complaint, title: 重复, question: 重复？, answer: 重复 }\n' +
        '- { id: C-x, title: 甲, question: 甲？, answer: 甲, items: [no-such-item], interpretations: [no-such] }\n',
    );
    const issues = await issuesOf();
    expect(issues.some((i) => i.startsWith('concerns/tourism.yaml · C-tourism-complaint · id: 关切事项编号重复'))).toBe(true);
    expect(issues).toContain('concerns/more.yaml · C-x · items: 目录事项“no-such-item”不存在');
    expect(issues).toContain('concerns/more.yaml · C-x · interpretations: 政策解读“no-such”不存在');
  });

  it('reports missing required fields, wrong types and a bad status per entry', async () => {
    await writeFile(join(dir, 'concerns', 'bad.yaml'), '- { id: C-y, title: 乙, paraphrases: 不是列表, status: live }\n');
    const issues = await issuesOf();
    expect(issues).toContain('concerns/bad.yaml · C-y（第1项） · question: 缺少必填字段');
    expect(issues).toContain('concerns/bad.yaml · C-y（第1项） · answer: 缺少必填字段');
    expect(issues).toContain('concerns/bad.yaml · C-y（第1项） · paraphrases: 应为列表，例如 [甲, 乙]');
    expect(issues).toContain('concerns/bad.yaml · C-y（第1项） · status: 应为 published | draft | retired');
  });

  it('reports unreadable YAML and a missing front matter', async () => {
    await writeFile(join(dir, 'concerns', 'broken.yaml'), '- id: [unclosed\n');
    await writeFile(join(dir, 'interpretations', 'plain.md'), '没有头部的正文');
    const issues = await issuesOf();
    expect(issues.some((i) => i.startsWith('concerns/broken.yaml: YAML 无法解析'))).toBe(true);
    expect(issues).toContain('interpretations/plain.md: 缺少 YAML 头部（以 --- 开始和结束）');
  });

  it('reports a folder that does not exist', async () => {
    const { issues } = await readKnowledgeFolder(join(dir, 'nope'));
    expect(issues).toHaveLength(1);
  });
});
