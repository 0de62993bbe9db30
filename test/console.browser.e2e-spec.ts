/**
 * The staff console in a real browser (Debian's chromium through playwright-core) against the real
 * API on a random port: sign-in, create + publish a concern and see the engine answer with it, the
 * catalogue import preview, and the learning loop. Skipped only when /usr/bin/chromium is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AuthService } from '@app/auth';
import { QueryLogService } from '@app/conversation';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const CONSOLE_SRC = resolve('apps/console');
const CONSOLE_INDEX = resolve('dist/console/index.html');
const SCREENSHOTS = join(tmpdir(), 'console-browser-tests');

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`跳过管理后台浏览器测试：没有找到 ${CHROMIUM}（Debian/Ubuntu: apt-get install chromium）`);
const describeInBrowser = hasChromium ? describe : describe.skip;

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

/** Builds the console when dist/console is missing or older than its sources (tests must not run a stale UI). */
function ensureConsoleBuilt(): void {
  if (existsSync(CONSOLE_INDEX) && statSync(CONSOLE_INDEX).mtimeMs >= newestSource(CONSOLE_SRC)) return;
  execFileSync('npx', ['vite', 'build', 'apps/console', '--logLevel', 'error'], { stdio: 'inherit' });
}

describeInBrowser('staff console in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let token: string;
  const username = 'editor-zhang';
  const password = 'Console-Test-pw-2026';

  async function api<T>(method: string, path: string, body?: unknown, auth = true): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (auth) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => null)) as T };
  }

  /** A page already signed in (token in localStorage, as the sign-in page leaves it). */
  async function signedInPage(): Promise<Page> {
    const context = await newContext();
    // Runs in the page (DOM types are not in the node tsconfig), as the sign-in page leaves it.
    await context.addInitScript(`localStorage.setItem('console.token', ${JSON.stringify(token)})`);
    return context.newPage();
  }

  /** CI machines are small and shared: give each browser step a minute rather than playwright's 30 s. */
  async function newContext(options: { acceptDownloads?: boolean } = {}) {
    const context = await browser.newContext({ locale: 'zh-CN', ...options });
    context.setDefaultTimeout(60_000);
    return context;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.app.get(AuthService).createUser({ username, displayName: '张编辑', role: 'curator', password });
    const login = await api<{ token: string }>('POST', '/api/auth/login', { username, password }, false);
    token = login.body.token;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in (a wrong password is refused in Chinese) and shows the curator menu', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${base}/console/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.getByText('用户名或密码错误').waitFor();

    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.getByTestId('current-user').getByText('张编辑（编辑）').waitFor();
    const menu = page.getByRole('menu');
    for (const label of ['关切事项', '目录事项', '政策解读', '目录导入', '学习闭环', '数据看板', '操作日志']) {
      await menu.getByText(label, { exact: true }).waitFor();
    }
    // 用户管理 is for admins only.
    expect(await menu.getByText('用户管理').count()).toBe(0);
    expect(page.url()).toBe(`${base}/console/concerns`);
    await shot(page, '01-concern-list');
    await page.context().close();
  }, 240_000);

  it('creates and publishes a concern, the public answer API answers with it within seconds, and reverting the publication in the audit log takes it back', async () => {
    const page = await signedInPage();
    await page.goto(`${base}/console/concerns/new`);
    const question = '在县城养狗需要办理犬只登记证吗';
    await page.getByLabel('标题', { exact: true }).fill('养犬登记怎么办理');
    await page.getByLabel('标准问题').fill(question);
    await page.getByLabel('相似问法（每行一条）').fill(['养狗要不要办狗证', '狗证在哪里办', '办理养犬登记需要什么材料', '家里的狗要登记吗'].join('\n'));
    await page.getByLabel('答复口径').fill('养犬登记的办理地点和所需材料以县公安机关公布的规定为准，也可以拨打12345咨询。');
    // Publishing needs a disclosed item to rest on, and shows the resident's reply first.
    await page.getByLabel('依据的目录事项').fill('旅行社');
    await page.getByTitle('旅行社名录（tourism-5）').click();
    await page.getByRole('button', { name: '保存并发布' }).click();
    await page.getByTestId('publish-preview').getByText('养犬登记的办理地点').waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: /^发\s*布$/ }).click();
    await page.waitForURL(/\/console\/concerns\/[^/]+$/);
    await page.getByText('已发布，几秒内即可用于答复').waitFor();
    const id = decodeURIComponent(page.url().split('/').pop()!);
    await shot(page, '02-concern-published');

    type Answer = { decision: string; concern: { id: string } | null; reply: string };
    let answer: Answer | null = null;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      answer = (await api<Answer>('POST', '/api/answer', { text: question, channel: 'web' }, false)).body;
      if (answer?.concern?.id === id) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(answer?.decision).toBe('answer');
    expect(answer?.concern?.id).toBe(id);
    expect(answer?.reply).toContain('县公安机关');

    // The test box on the same page now shows this concern as the winner.
    await page.getByTestId('concern-test-box').getByRole('button', { name: /测\s*试/ }).click();
    await page.getByTestId('concern-test-box').getByText('直接答复').first().waitFor();

    // The change history of this concern: revert the publication, and residents stop getting it.
    await page.getByText('查看此事项的修改记录').click();
    await page.waitForURL(/\/console\/audit\?/);
    const latest = page.locator('.ant-table-row').first();
    await latest.getByText('状态变更').waitFor();
    await latest.getByRole('button', { name: /撤\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已撤销，撤销操作本身也记入日志').waitFor();
    await shot(page, '02b-audit-reverted');
    const reverted = await api<{ status: string }>('GET', `/api/console/concerns/${encodeURIComponent(id)}`);
    expect(reverted.body.status).toBe('draft');
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      answer = (await api<Answer>('POST', '/api/answer', { text: question, channel: 'web' }, false)).body;
      if (answer?.concern?.id !== id) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(answer?.concern?.id).not.toBe(id);
    await page.context().close();
  }, 240_000);

  it('edits a concern\'s kind (关切事项 / 转办指引) and filters the list by it', async () => {
    const page = await signedInPage();
    await page.goto(`${base}/console/concerns/new`);
    await page.getByLabel('类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '转办指引' }).click();
    await page.getByText('转办指引：由其他部门或渠道办理的事').waitFor();
    await page.getByLabel('标题', { exact: true }).fill('快递丢了找谁');
    await page.getByLabel('标准问题').fill('快递丢件了去哪里投诉？');
    await page.getByLabel('答复口径').fill('先向快递公司投诉；对处理结果不满意的，可以向邮政管理部门申诉，拨打12305。');
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    // The page is /console/concerns/new until the save lands: wait for the concern's own address.
    await page.waitForURL((url) => /\/console\/concerns\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    const id = decodeURIComponent(page.url().split('/').pop()!);
    expect((await api<{ kind: string; itemIds: string[] }>('GET', `/api/console/concerns/${encodeURIComponent(id)}`)).body).toMatchObject({ kind: 'referral', itemIds: [] });

    await page.goto(`${base}/console/concerns?kind=referral`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: '快递丢了找谁' }).getByText('转办指引').waitFor();
    expect(await rows.count()).toBe(1);
    await shot(page, '02b-referral-list');
    await page.context().close();
  }, 240_000);

  it('previews a catalogue CSV (adds, changes, errors) and commits only a clean one', async () => {
    const page = await signedInPage();
    await page.goto(`${base}/console/import`);
    const header = '编号,领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级';
    const newRow = 'tourism-90,旅游,公共服务,星级饭店名录,星级饭店名称、地址、星级。,《旅游饭店星级的划分与评定》,信息形成之日起20个工作日内公开,县级文化和旅游行政部门,■政府网站,全社会,主动,县级';
    // tourism-5 as in the fixture, with a shorter disclosure time limit: one change.
    const changedRow =
      'tourism-5,tourism,公共服务,旅行社名录,旅行社名称、地址等基本信息。,"1.《中华人民共和国旅游法》;2.《旅行社条例》;3.《中华人民共和国政府信息公开条例》。",信息形成或变更之日起10个工作日内公开,县级(市辖区)文化和旅游行政部门,■政府网站 □政府公报 ■两微一端,全社会,主动,县级、乡级';
    const badRow = 'tourism-91,旅游,公共服务,,缺少事项名称的一行,,,,,,,';
    const upload = (name: string, lines: string[]) =>
      page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8') });

    await upload('tourism-extra.csv', [header, newRow, changedRow, badRow]);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await preview.getByRole('tab', { name: /错误\s*1/ }).waitFor();
    await preview.getByText('二级事项').first().waitFor();
    expect(await preview.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, '03-import-errors');

    await upload('tourism-extra.csv', [header, newRow, changedRow]);
    await preview.getByRole('tab', { name: /错误\s*0/ }).waitFor();
    await preview.getByRole('tab', { name: /新增\s*1/ }).waitFor();
    await preview.getByText('星级饭店名录').waitFor();
    await preview.getByRole('tab', { name: /修改\s*1/ }).click();
    await preview.getByText('信息形成或变更之日起10个工作日内公开').waitFor();
    await shot(page, '04-import-changes');
    expect((await api('GET', '/api/console/items/tourism-90')).status).toBe(404);
    await preview.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成', { exact: true }).first().waitFor();
    const item = await api<{ title: string }>('GET', '/api/console/items/tourism-90');
    expect(item.status).toBe(200);
    expect(item.body.title).toBe('星级饭店名录');

    // The concern resting on the changed item now waits for review, and the console lists it.
    await page.goto(`${base}/console/reviews`);
    await page.getByTestId('reviews-flagged').getByText('C-tourism-agency-list').waitFor();
    await page.context().close();
  }, 240_000);

  it('opens every menu page as admin without errors: charts draw, an item shows what rests on it, export downloads a zip', async () => {
    const adminPassword = 'Console-Admin-pw-2026';
    await t.app.get(AuthService).createUser({ username: 'admin-li', displayName: '李管理员', role: 'admin', password: adminPassword });
    const login = await api<{ token: string }>('POST', '/api/auth/login', { username: 'admin-li', password: adminPassword }, false);
    const context = await newContext({ acceptDownloads: true });
    await context.addInitScript(`localStorage.setItem('console.token', ${JSON.stringify(login.body.token)})`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`脚本错误：${error.message}`));
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    // One question on the record so that the dashboard has something to draw.
    // Signed in: only staff or an integration may speak for the wechat channel on /api/answer.
    await api('POST', '/api/answer', { text: '旅行社名录在哪看', channel: 'wechat' });
    await t.app.get(QueryLogService).flush();

    await page.goto(`${base}/console/`);
    await page.getByRole('menu').getByRole('menuitem', { name: '用户管理' }).waitFor();
    const labels = await page.getByRole('menu').getByRole('menuitem').allInnerTexts();
    expect(labels).toContain('用户管理');
    for (const label of labels) {
      await page.getByRole('menu').getByRole('menuitem', { name: label }).click();
      await page.getByRole('heading', { name: label, level: 3 }).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('menu').getByRole('menuitem', { name: '数据看板' }).click();
    await page.getByTestId('chart-per-day').locator('canvas').waitFor();
    await page.getByTestId('chart-decisions').locator('canvas').waitFor();
    await shot(page, '07-dashboard');

    await page.goto(`${base}/console/items/tourism-5`);
    await page.getByTestId('item-concerns').getByText('C-tourism-agency-list').waitFor();

    await page.goto(`${base}/console/export`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载知识库/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^knowledge-.*\.zip$/);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('lists an unanswerable question in the learning loop and turns the group into a draft concern', async () => {
    const asked = ['我家的羊驼走丢了找哪个部门', '羊驼走丢了找哪个部门', '我家羊驼走丢了找谁'];
    for (const [i, text] of asked.entries()) {
      const response = await api<{ decision: string }>('POST', '/api/answer', { text, channel: i === 0 ? 'wechat' : 'web', userId: `resident-${i}` }, i === 0);
      expect(response.body.decision).not.toBe('answer');
    }
    await t.app.get(QueryLogService).flush();

    const page = await signedInPage();
    await page.goto(`${base}/console/learning`);
    const group = page.getByTestId('learning-group').filter({ hasText: '羊驼' }).first();
    await group.waitFor();
    await group.getByText('羊驼走丢了找哪个部门').first().waitFor();
    await shot(page, '05-learning-loop');
    await group.getByRole('button', { name: '新建草稿事项' }).click();
    await page.waitForURL(/\/console\/concerns\/[^/]+$/);
    await page.getByText('草稿', { exact: true }).first().waitFor();
    const id = decodeURIComponent(page.url().split('/').pop()!);
    const concern = await api<{ status: string; question: string; paraphrases: string[] }>('GET', `/api/console/concerns/${encodeURIComponent(id)}`);
    expect(concern.status).toBe(200);
    expect(concern.body.status).toBe('draft');
    expect([concern.body.question, ...concern.body.paraphrases].join('\n')).toContain('羊驼');
    expect(await page.getByLabel('标准问题').inputValue()).toContain('羊驼');
    await shot(page, '06-draft-from-learning');
    await page.context().close();
  }, 240_000);

  it('adds a learning-loop group to an existing concern as paraphrases, chosen with the search-as-you-type picker', async () => {
    const asked = ['无人机航拍要去哪里备案', '无人机航拍去哪备案'];
    for (const text of asked) await api('POST', '/api/answer', { text, channel: 'hotline' });
    await t.app.get(QueryLogService).flush();

    const page = await signedInPage();
    await page.goto(`${base}/console/learning`);
    const group = page.getByTestId('learning-group').filter({ hasText: '无人机' }).first();
    await group.getByRole('button', { name: '加为相似问法' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').fill('旅游投诉');
    // antd keeps an aria-only copy of the options; click the visible one.
    await page.locator('.ant-select-item-option').filter({ hasText: '旅游投诉怎么办' }).click();
    await dialog.getByRole('button', { name: '加为相似问法' }).click();
    await page.getByText('已加为相似问法').waitFor();
    // Handled: the group leaves the list, and the concern now holds the residents' phrasings.
    await page.getByTestId('learning-group').filter({ hasText: '无人机' }).waitFor({ state: 'detached' });
    const concern = await api<{ paraphrases: string[] }>('GET', '/api/console/concerns/C-tourism-complaint');
    expect(concern.body.paraphrases).toEqual(expect.arrayContaining(asked));
    await page.context().close();
  }, 240_000);
});
