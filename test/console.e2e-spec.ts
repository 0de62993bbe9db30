import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { AuthService } from '@app/auth';
import type { AppConfig } from '@app/common';
import { readKnowledgeFolder } from '@app/knowledge';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { createTestSchema, startTestApp, type TestApp } from './support/test-app.js';

// Starting the app takes seconds; on a busy CI machine, much longer.
const STARTUP_TIMEOUT_MS = 180_000;

const VOLUNTEER = {
  title: '报名旅游志愿者',
  question: '怎么报名成为文明旅游志愿者？',
  paraphrases: ['想当景区志愿者', '旅游志愿服务在哪报名', '假期去景点做义工'],
  keywords: ['旅游志愿者'],
  answer: '旅游志愿服务信息由县级文化和旅游行政部门在县政府网站公开，可在“文明旅游”栏目报名。',
  areaCode: '旅游',
  itemIds: ['tourism-5'],
  interpretationIds: [],
  owner: '文旅局张三',
  reviewDate: '2099-12-31',
};

/** Polls until the check passes or the time is up; returns the elapsed milliseconds. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`未在 ${ms} ms 内满足条件`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

describe('console curation API (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let curator: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    curator = await createUserAndLogin(t, 'curator', { displayName: '编辑甲' });
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await t.close();
  });

  const get = (path: string) => http.get(`/api/console/${path}`).set(curator.headers);
  const post = (path: string, body: object) => http.post(`/api/console/${path}`).set(curator.headers).send(body);
  const put = (path: string, body: object) => http.put(`/api/console/${path}`).set(curator.headers).send(body);
  const ask = async (text: string) => (await http.post('/api/answer').send({ text }).expect(200)).body;

  it('requires a curator (or admin): 401 without a token, 403 for an operator', async () => {
    await http.get('/api/console/concerns').expect(401);
    const operator = await createUserAndLogin(t, 'operator');
    const res = await http.get('/api/console/concerns').set(operator.headers).expect(403);
    expect(res.body.message).toContain('编辑');
    const admin = await createUserAndLogin(t, 'admin');
    await http.get('/api/console/concerns').set(admin.headers).expect(200);
  });

  it('creates a draft concern, tests it, publishes it, and /api/answer answers with it within 2 s', async () => {
    const created = await post('concerns', { ...VOLUNTEER, id: 'C-tourism-volunteer-2' }).expect(201);
    expect(created.body).toMatchObject({
      id: 'C-tourism-volunteer-2', status: 'draft', areaCode: 'tourism', owner: '文旅局张三', reviewDate: '2099-12-31',
      items: [{ id: 'tourism-5', title: '旅行社名录' }], needsReview: false, sourceFile: 'tourism.yaml',
    });
    expect((await ask('假期去景点做义工')).concern?.id).not.toBe('C-tourism-volunteer-2');

    // "Test this concern" runs against the knowledge as if the draft were published.
    const tested = await post('concerns/test', { questions: ['假期想去景点做义工怎么报名', '低保怎么申请'], concernId: 'C-tourism-volunteer-2' }).expect(200);
    expect(tested.body.results[0]).toMatchObject({ decision: 'answer', winner: { id: 'C-tourism-volunteer-2' } });
    expect(tested.body.results[0].candidates[0].matchedTerms.length).toBeGreaterThan(0);
    expect(tested.body.results[1].winner?.id).not.toBe('C-tourism-volunteer-2');

    await post('concerns/C-tourism-volunteer-2/status', { status: 'published' }).expect(200);
    const elapsed = await within(2000, async () => (await ask('假期想去景点做义工怎么报名')).concern?.id === 'C-tourism-volunteer-2');
    expect(elapsed).toBeLessThan(2000);

    await post('concerns/C-tourism-volunteer-2/status', { status: 'published' }).expect(409);
    await post('concerns/C-tourism-volunteer-2/status', { status: 'retired' }).expect(200);
    await within(2000, async () => (await ask('假期想去景点做义工怎么报名')).concern?.id !== 'C-tourism-volunteer-2');
  });

  it('rejects invalid concerns with clear Chinese 4xx messages, changing nothing', async () => {
    const missingLink = await post('concerns', { ...VOLUNTEER, itemIds: ['no-such-item'] }).expect(400);
    expect(missingLink.body.message).toContain('目录事项“no-such-item”不存在');
    const badArea = await post('concerns', { ...VOLUNTEER, areaCode: '天文' }).expect(400);
    expect(badArea.body.message).toBe('领域“天文”不存在');
    const badBody = await post('concerns', { ...VOLUNTEER, title: '  ', reviewDate: '2027-13-01', extra: 1 }).expect(400);
    expect(badBody.body.message).toEqual(expect.arrayContaining(['title: 标题不能为空', 'reviewDate: 复核日期格式应为 YYYY-MM-DD，例如 2027-06-30']));
    // Control characters are refused (JSON bodies arrive with NUL and lone surrogates already
    // stripped by the global parser; query strings do not, so the DTOs check them too).
    const control = await post('concerns', { ...VOLUNTEER, title: '旅游\u0001志愿者', paraphrases: ['坏\u001b字'] }).expect(400);
    expect(control.body.message).toEqual(expect.arrayContaining([
      'title: 标题包含无法保存的控制字符或无效字符', 'paraphrases: 问法包含无法保存的控制字符或无效字符',
    ]));
    await get(`concerns?q=${encodeURIComponent('\u0000')}`).expect(400);
    await get(`items?area=${encodeURIComponent('a\u0000')}`).expect(400);
    await post('concerns', { ...VOLUNTEER, id: 'C-tourism-complaint' }).expect(409);
    await get('concerns/C-nope').expect(404);
    await get('concerns/%E2%80%AE%3Cscript%3E').expect(404);

    // Publishing a concern that shares a phrasing with a published one: the folder validator's rule.
    await post('concerns', { ...VOLUNTEER, id: 'C-dup', paraphrases: ['被旅行社坑了找谁'] }).expect(201);
    const dup = await post('concerns/C-dup/status', { status: 'published' }).expect(400);
    expect(dup.body.message).toContain('与关切事项 C-tourism-complaint');
    expect((await get('concerns/C-dup').expect(200)).body.status).toBe('draft');
  });

  it('lists with filters and full-text search', async () => {
    const all = await get('concerns?pageSize=100').expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(7);
    const search = await get(`concerns?q=${encodeURIComponent('旅行社坑')}`).expect(200);
    expect(search.body.items.map((c: { id: string }) => c.id)).toContain('C-tourism-complaint');
    const traditional = await get(`concerns?q=${encodeURIComponent('旅遊投訴')}`).expect(200);
    expect(traditional.body.items.map((c: { id: string }) => c.id)).toContain('C-tourism-complaint');
    const drafts = await get('concerns?status=draft&area=tourism').expect(200);
    expect(drafts.body.items.every((c: { status: string; areaCode: string }) => c.status === 'draft' && c.areaCode === 'tourism')).toBe(true);
    const owned = await get(`concerns?owner=${encodeURIComponent('文旅局张三')}`).expect(200);
    expect(owned.body.total).toBeGreaterThanOrEqual(1);
    const paged = await get('concerns?page=2&pageSize=2').expect(200);
    expect(paged.body.items).toHaveLength(2);
    await get('concerns?status=live').expect(400);
    await get('concerns?needsReview=maybe').expect(400);
    await get('concerns?pageSize=1000').expect(400);
  });

  it('creates a referral (转办指引) without catalogue items, filters the list by kind, and keeps the kind when a save leaves it out', async () => {
    const referral = {
      title: '停电找供电公司', question: '家里停电了找谁？', paraphrases: ['电费不对找谁'], keywords: ['停电'],
      answer: '由供电企业处理，可拨打95598供电服务热线。', itemIds: [], interpretationIds: [],
    };
    const created = await post('concerns', { ...referral, id: 'C-referral-power', kind: 'referral' }).expect(201);
    expect(created.body).toMatchObject({ id: 'C-referral-power', kind: 'referral', status: 'draft', areaCode: null, items: [] });
    const referrals = await get('concerns?kind=referral').expect(200);
    expect(referrals.body.items.map((c: { id: string; kind: string }) => [c.id, c.kind])).toEqual([['C-referral-power', 'referral']]);
    const concerns = await get('concerns?kind=concern&pageSize=200').expect(200);
    expect(concerns.body.items.length).toBeGreaterThanOrEqual(7);
    expect(concerns.body.items.every((c: { kind: string }) => c.kind === 'concern')).toBe(true);

    await put('concerns/C-referral-power', { ...referral, answer: '由供电企业处理，可拨打95598，或使用国家电网、南方电网的App。' }).expect(200);
    expect((await get('concerns/C-referral-power').expect(200)).body.kind).toBe('referral');
    const bad = await post('concerns', { ...referral, id: 'C-referral-bad', kind: '转办' }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['kind: 类型只能是 concern、referral（关切事项、转办指引）']));
    await get('concerns?kind=other').expect(400);
  });

  it('flags the concerns resting on a changed item as needing review, and lists overdue reviews', async () => {
    const before = await get('items/tourism-9').expect(200);
    expect(before.body.concerns).toEqual([{ id: 'C-tourism-complaint', title: '旅游投诉怎么办', status: 'published', needsReview: false }]);
    expect(before.body.interpretations.map((i: { id: string }) => i.id)).toEqual(['interp-tourism-guideline']);
    const { concerns: _, interpretations: __, id: ___, extra: ____, sourceFile: _____, ...fields } = before.body;
    await put('items/tourism-9', { ...fields, timeLimit: '信息形成之日起10个工作日内公开' }).expect(200);

    const concern = await get('concerns/C-tourism-complaint').expect(200);
    expect(concern.body.needsReview).toBe(true);
    expect(concern.body.reviewNote).toContain('目录事项“旅游市场举报投诉信息”已修改');
    const flagged = await get('concerns?needsReview=true').expect(200);
    expect(flagged.body.items.map((c: { id: string }) => c.id)).toEqual(['C-tourism-complaint']);
    expect((await ask('被旅行社坑了去哪里投诉')).reply).toContain('10个工作日');

    // Saving the concern marks it reviewed; a past review date makes it overdue.
    const { id, title, question, paraphrases, keywords, answer, areaCode, itemIds, interpretationIds } = concern.body;
    await put('concerns/C-tourism-complaint', {
      title, question, paraphrases, keywords, answer, areaCode, itemIds, interpretationIds, owner: '文旅局李四', reviewDate: '2020-01-01',
    }).expect(200);
    const reviewed = await get(`concerns/${id}`).expect(200);
    expect(reviewed.body).toMatchObject({ needsReview: false, reviewNote: null, owner: '文旅局李四', reviewOverdue: true });
    const overdue = await get('reviews/overdue').expect(200);
    expect(overdue.body.map((c: { id: string }) => c.id)).toEqual(['C-tourism-complaint']);

    const interp = await get('interpretations/interp-tourism-guideline').expect(200);
    expect(interp.body.concerns.map((c: { id: string }) => c.id)).toContain('C-tourism-complaint');
    await put('interpretations/interp-tourism-guideline', {
      title: interp.body.title, body: `${interp.body.body}\n\n补充说明。`, itemIds: interp.body.itemIds, publisher: interp.body.publisher,
    }).expect(200);
    expect((await get('concerns/C-tourism-complaint').expect(200)).body.reviewNote).toContain('政策解读');
    const items = await get('items?area=tourism&q=%E6%97%85%E8%A1%8C%E7%A4%BE').expect(200);
    expect(items.body.items.map((i: { id: string }) => i.id)).toEqual(['tourism-5']);
  });

  it('audits every change with before/after, and reverts one (the revert is audited too)', async () => {
    const concern = (await get('concerns/C-tourism-agency-list').expect(200)).body;
    const { title: _, items: __, interpretations: ___, ...rest } = concern;
    const body = {
      title: '核实旅行社资质', question: rest.question, paraphrases: rest.paraphrases, keywords: rest.keywords, answer: rest.answer,
      areaCode: rest.areaCode, itemIds: rest.itemIds, interpretationIds: rest.interpretationIds,
    };
    await put('concerns/C-tourism-agency-list', body).expect(200);
    const log = await get('audit?entityType=concern&entityId=C-tourism-agency-list').expect(200);
    const entry = log.body.items[0];
    expect(entry).toMatchObject({ user: curator.user.username, action: 'update', entityType: 'concern', entityId: 'C-tourism-agency-list' });
    expect(entry.before.title).toBe('查询正规旅行社');
    expect(entry.after.title).toBe('核实旅行社资质');
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);

    const reverted = await post(`audit/${entry.id}/revert`, {}).expect(200);
    expect(reverted.body).toMatchObject({ action: 'revert', revertOf: entry.id, before: { title: '核实旅行社资质' }, after: { title: '查询正规旅行社' } });
    expect((await get('concerns/C-tourism-agency-list').expect(200)).body.title).toBe('查询正规旅行社');
    // The record has moved on since the first entry: reverting it again is refused.
    const stale = await post(`audit/${entry.id}/revert`, {}).expect(409);
    expect(stale.body.message).toContain('请先撤销后面的修改');
    await post('audit/99999999/revert', {}).expect(404);
    await post('audit/abc/revert', {}).expect(400);

    // Reverting a creation removes the record.
    await post('items', { id: 'tourism-new-1', areaCode: 'tourism', level1: '公共服务', title: '临时事项', content: '测试内容' }).expect(201);
    const created = (await get('audit?entityType=item&entityId=tourism-new-1').expect(200)).body.items[0];
    expect(created).toMatchObject({ action: 'create', before: null });
    await post(`audit/${created.id}/revert`, {}).expect(200);
    await get('items/tourism-new-1').expect(404);
  });

  it('refuses to publish a placeholder answer or a concern resting on no item, and previews the reply residents would get', async () => {
    const placeholder = '（答复口径待填写：本事项由“问题归集”生成，发布前请补充答复口径并关联公开事项。）';
    const draft = { ...VOLUNTEER, id: 'C-tourism-volunteer-3', question: '志愿服务时长在哪里查询？', paraphrases: [], answer: placeholder, itemIds: [] };
    await post('concerns', draft).expect(201);
    const refused = await post('concerns/C-tourism-volunteer-3/status', { status: 'published' }).expect(400);
    expect(refused.body.message).toContain('答复口径还没有填写');
    expect(refused.body.message).toContain('没有关联公开事项');
    const shown = (await get('concerns/C-tourism-volunteer-3/preview').expect(200)).body;
    expect(shown.reply).toContain('答复口径待填写');
    expect(shown.problems).toHaveLength(2);

    await put('concerns/C-tourism-volunteer-3', { ...draft, answer: '志愿服务时长可在“志愿汇”查询。', itemIds: ['tourism-5'] }).expect(200);
    const ready = (await get('concerns/C-tourism-volunteer-3/preview').expect(200)).body;
    expect(ready.problems).toEqual([]);
    expect(ready.reply).toContain('志愿服务时长可在“志愿汇”查询。');
    expect(ready.reply).toContain('旅行社名录');
    await post('concerns/C-tourism-volunteer-3/status', { status: 'published' }).expect(200);
  });

  it('reads a GBK CSV as Excel saves it, names the valid areas when one is wrong, and offers a template', async () => {
    const gbk = readFileSync(resolve('test/fixtures/catalogue-gbk.csv'));
    const preview = (await post('import/catalogue/preview', { filename: '目录.csv', contentBase64: gbk.toString('base64') }).expect(200)).body;
    expect(preview.errors).toEqual([]);
    expect(preview.adds).toEqual([expect.objectContaining({ id: 'tourism-30', title: '旅游咨询电话', areaCode: 'tourism' })]);

    const wrongArea = ['编号,领域,一级事项,二级事项,公开内容', 'tourism-31,旅遊局,公共服务,标题,内容'].join('\n');
    const errors = (await post('import/catalogue/preview', { filename: 'a.csv', contentBase64: Buffer.from(wrongArea).toString('base64') }).expect(200)).body.errors;
    const text = errors.map((e: { message: string }) => e.message).join('\n');
    expect(text).not.toContain('areas.yaml');
    expect(text).toContain('领域“旅遊局”不存在');
    expect(text).toContain('可填写的领域：旅游（tourism；也可写：文旅、文化和旅游），社会救助（social-assistance；也可写：民政救助）');

    const template = await get('import/catalogue/template').expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.headers['content-disposition']).toContain('attachment');
    const lines = template.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('编号,领域,一级事项,二级事项,公开内容');
  });

  it('shows account changes in the audit log to admins only, not to curators', async () => {
    const admin = await createUserAndLogin(t, 'admin');
    await createUserAndLogin(t, 'operator');
    const forAdmin = (await http.get('/api/console/audit?entityType=user').set(admin.headers).expect(200)).body;
    expect(forAdmin.total).toBeGreaterThan(0);
    expect((await get('audit?entityType=user').expect(200)).body).toEqual({ total: 0, items: [] });
    const all = (await get('audit?pageSize=200').expect(200)).body;
    expect(all.items.some((e: { entityType: string }) => e.entityType === 'user')).toBe(false);
  });

  it('previews a catalogue CSV (adds, changes, errors) and commits only an error-free preview', async () => {
    const csv = [
      '编号,领域,一级事项,二级事项,公开内容,公开时限',
      'tourism-20,旅游,公共服务,旅游厕所分布,旅游厕所的位置和开放时间。,信息形成之日起20个工作日内公开',
      'tourism-4,tourism,公共服务,A级旅游景区基本情况,本地A级旅游景区的名称、等级。,信息形成或变更之日起20个工作日内公开',
      'tourism-21,天文,公共服务,观星,内容,',
      ',旅游,公共服务,没有编号,内容,',
    ].join('\n');
    const preview = await post('import/catalogue/preview', { filename: '旅游.csv', contentBase64: Buffer.from(csv).toString('base64') }).expect(200);
    expect(preview.body.adds.map((i: { id: string }) => i.id)).toEqual(['tourism-20', 'tourism-21']);
    expect(preview.body.adds[0].sourceFile).toBe('tourism.csv');
    expect(preview.body.changes).toHaveLength(1);
    expect(preview.body.changes[0]).toMatchObject({ id: 'tourism-4', fields: ['content'] });
    expect(preview.body.changes[0].after.basis).toBe(preview.body.changes[0].before.basis); // column absent: kept
    expect(preview.body.errors).toEqual(expect.arrayContaining([
      { row: 4, message: '领域：领域“天文”不存在（可填写领域的名称、代码或别名）' },
      { row: 5, message: '编号：编号和序号都为空' },
    ]));
    const refused = await post('import/catalogue/commit', { previewId: preview.body.previewId }).expect(400);
    expect(refused.body.message).toContain('请修正后重新上传');

    const good = csv.split('\n').slice(0, 3).join('\n');
    const ok = await post('import/catalogue/preview', { filename: '旅游.csv', contentBase64: Buffer.from(good).toString('base64') }).expect(200);
    expect(ok.body.errors).toEqual([]);
    const committed = await post('import/catalogue/commit', { previewId: ok.body.previewId }).expect(200);
    expect(committed.body).toEqual({ added: 1, changed: 1 });
    expect((await get('items/tourism-20').expect(200)).body.title).toBe('旅游厕所分布');
    expect((await get('concerns/C-tourism-scenic-hours').expect(200)).body.needsReview).toBe(true);
    const audit = await get('audit?entityType=item&entityId=tourism-4').expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'import', user: curator.user.username });
    await post('import/catalogue/commit', { previewId: ok.body.previewId }).expect(404);

    // Unchanged upload: nothing to add or change.
    const again = await post('import/catalogue/preview', { filename: '旅游.csv', contentBase64: Buffer.from(good).toString('base64') }).expect(200);
    expect(again.body).toMatchObject({ adds: [], changes: [], unchanged: 2, errors: [] });
  });

  it('refuses cells Excel would run as formulas: in an import preview, and when saving an item or a concern', async () => {
    const csv = [
      '编号,领域,一级事项,二级事项,公开内容',
      'tourism-30,旅游,公共服务,=1+2,内容',
      'tourism-31,旅游,公共服务,负数,-5 元',
    ].join('\n');
    const preview = await post('import/catalogue/preview', { filename: '旅游.csv', contentBase64: Buffer.from(csv).toString('base64') }).expect(200);
    expect(preview.body.errors).toEqual([{ row: 2, message: expect.stringMatching(/^二级事项：.*公式/) }]);
    const item = await post('items', { areaCode: 'tourism', level1: '公共服务', title: '@SUM(A1)', content: '内容' }).expect(400);
    expect(item.body.message).toMatch(/二级事项.*公式/);
    const concern = await post('concerns', { ...VOLUNTEER, id: 'C-formula', paraphrases: ['正常问法', '+cmd'] }).expect(400);
    expect(concern.body.message).toMatch(/相似问法.*公式/);
    await get('concerns/C-formula').expect(404);
    // A Markdown list in an answer and a negative figure are ordinary text.
    await post('concerns', { ...VOLUNTEER, id: 'C-list', answer: '- 第一步：到县政务服务中心\n- 第二步：提交材料' }).expect(201);
  });

  it('previews an XLSX catalogue and rejects bad uploads with 400', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(['编号', '领域', '一级事项', '二级事项', '公开内容（要素）']);
    sheet.addRow(['sa-x1', '社会救助', '临时救助', '办理服务', '申请条件、办理流程']);
    sheet.addRow(['sa-x1', '社会救助', '临时救助', '重复', '重复编号']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await post('import/catalogue/preview', { filename: 'x.xlsx', contentBase64: xlsx.toString('base64') }).expect(200);
    expect(preview.body.adds.map((i: { id: string; areaCode: string }) => [i.id, i.areaCode])).toEqual([['sa-x1', 'social-assistance'], ['sa-x1', 'social-assistance']]);
    expect(preview.body.errors[0].message).toContain('目录事项编号重复');

    // A few KB whose last cell is at row 100,000: refused for its size, not walked row by row.
    const bombBook = new ExcelJS.Workbook();
    const bombSheet = bombBook.addWorksheet('目录');
    bombSheet.addRow(['编号', '领域', '一级事项', '二级事项', '公开内容']);
    bombSheet.getCell('A100000').value = 'x';
    const bomb = Buffer.from(await bombBook.xlsx.writeBuffer()).toString('base64');
    const refused = await post('import/catalogue/preview', { filename: 'bomb.xlsx', contentBase64: bomb }).expect(400);
    expect(refused.body.message).toContain('最后一个单元格在第 100000 行');

    await post('import/catalogue/preview', { filename: 'x.pdf', contentBase64: 'AAAA' }).expect(400);
    const broken = await post('import/catalogue/preview', { filename: 'x.xlsx', contentBase64: Buffer.from('not a zip').toString('base64') }).expect(400);
    expect(broken.body.message).toContain('文件无法读取');
    const noColumns = await post('import/catalogue/preview', { filename: 'x.csv', contentBase64: Buffer.from('甲,乙\n1,2').toString('base64') }).expect(200);
    expect(noColumns.body.errors[0]).toMatchObject({ row: 1 });
    // Larger than the global JSON body limit: the import route has its own (for signed-in users).
    const rows = Array.from({ length: 3000 }, (_, i) => `big-${i},旅游,公共服务,事项${i},公开内容${'的要素'.repeat(10)}`);
    const big = Buffer.from(['编号,领域,一级事项,二级事项,公开内容', ...rows].join('\n')).toString('base64');
    expect(big.length).toBeGreaterThan(t.config.server.bodyLimitBytes);
    const large = await post('import/catalogue/preview', { filename: 'big.csv', contentBase64: big }).expect(200);
    expect(large.body.adds).toHaveLength(3000);
    await http.post('/api/console/import/catalogue/preview').send({ filename: 'big.csv', contentBase64: big }).expect(401);
    await post('import/catalogue/commit', { previewId: '00000000-0000-0000-0000-000000000000' }).expect(404);
    await post('import/catalogue/commit', { previewId: 'x' }).expect(400);
  });

  it('exports the whole knowledge base as a zip that the folder reader reads without issues', async () => {
    const res = await get('export').buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="knowledge-\d{4}-\d{2}-\d{2}\.zip"/);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const dir = await mkdtemp(join(tmpdir(), 'console-export-'));
    try {
      for (const file of Object.values(zip.files).filter((f) => !f.dir)) {
        await mkdir(dirname(join(dir, file.name)), { recursive: true });
        await writeFile(join(dir, file.name), await file.async('nodebuffer'));
      }
      const { bundle, issues } = await readKnowledgeFolder(dir);
      expect(issues).toEqual([]);
      const volunteer = bundle.concerns.find((c) => c.id === 'C-tourism-volunteer-2');
      expect(volunteer).toMatchObject({ status: 'retired', kind: 'concern', extra: { owner: '文旅局张三', reviewDate: '2099-12-31' } });
      expect(bundle.concerns.find((c) => c.id === 'C-referral-power')).toMatchObject({ kind: 'referral', status: 'draft', itemIds: [] });
      expect(bundle.items.find((i) => i.id === 'tourism-20')?.sourceFile).toBe('tourism.csv');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('console across two instances on one PostgreSQL and Redis (e2e)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let a: TestApp;
  let b: TestApp;
  const prefix = `test:${randomBytes(4).toString('hex')}:auth:`;

  beforeAll(async () => {
    schema = await createTestSchema();
    const shared = (config: AppConfig) => {
      config.auth.redisPrefix = prefix;
      config.auth.maxLoginFailures = 2;
    };
    [a, b] = await Promise.all([
      startTestApp(shared, { sharedDatabaseUrl: schema.url }), startTestApp(shared, { sharedDatabaseUrl: schema.url }),
    ]);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await schema?.drop();
  });

  it('a session, a published concern and an import preview made on one instance work on the other', async () => {
    const httpA = request(a.app.getHttpServer());
    const httpB = request(b.app.getHttpServer());
    const curator = await createUserAndLogin(a, 'curator');
    await httpB.get('/api/auth/me').set(curator.headers).expect(200);

    await httpA.post('/api/console/concerns').set(curator.headers).send({ ...VOLUNTEER, id: 'C-two-instances' }).expect(201);
    await httpA.post('/api/console/concerns/C-two-instances/status').set(curator.headers).send({ status: 'published' }).expect(200);
    const elapsed = await within(2000, async () =>
      (await httpB.post('/api/answer').send({ text: '假期想去景点做义工怎么报名' })).body.concern?.id === 'C-two-instances');
    expect(elapsed).toBeLessThan(2000);

    const csv = '编号,领域,一级事项,二级事项,公开内容\ntourism-30,旅游,公共服务,游客中心,游客中心的位置和电话。\n';
    const preview = await httpA.post('/api/console/import/catalogue/preview').set(curator.headers)
      .send({ filename: 'a.csv', contentBase64: Buffer.from(csv).toString('base64') }).expect(200);
    await httpB.post('/api/console/import/catalogue/commit').set(curator.headers).send({ previewId: preview.body.previewId }).expect(200);
    await httpA.get('/api/console/items/tourism-30').set(curator.headers).expect(200);

    // Logout on one instance ends the session on both.
    await httpB.post('/api/auth/logout').set(curator.headers).expect(200);
    await httpA.get('/api/auth/me').set(curator.headers).expect(401);
  });

  it('login failures count across instances (Redis)', async () => {
    const username = `shared-${randomBytes(3).toString('hex')}`;
    await a.app.get(AuthService).createUser({ username, role: 'operator', password: 'Right-Password-1' });
    const login = (t: TestApp, password: string) => request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password });
    await login(a, 'wrong-1').expect(401);
    await login(b, 'wrong-2').expect(401);
    await login(a, 'Right-Password-1').expect(429);
    await login(b, 'Right-Password-1').expect(429);
  });
});
