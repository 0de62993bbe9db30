/**
 * The operator pages in a real browser (Debian chromium through playwright-core) against the real
 * API: search as you type with marked words and one-click copy of the approved answer; the work
 * order list (masked), claiming (number revealed) and a transition. Skipped without /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createUserAndLogin } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const PAGES = resolve('apps/console/src/pages/hotline');
const BUILT = resolve('dist/console/index.html');
const KEY = `browser-${randomBytes(12).toString('hex')}`;

(existsSync(CHROMIUM) ? describe : describe.skip)('hotline operator pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let orderId: string;

  beforeAll(async () => {
    // These pages must be in the bundle under test.
    const newest = Math.max(...readdirSync(PAGES).map((f) => statSync(join(PAGES, f)).mtimeMs));
    if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest) execFileSync('npx', ['vite', 'build', 'apps/console', '--logLevel', 'error'], { stdio: 'inherit' });
    t = await startTestApp((c) => {
      c.hotline.apiKeys = `platform:${KEY}`;
      c.hotline.queuePrefix = `test-hl-browser-${randomBytes(4).toString('hex')}`;
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const { token } = await createUserAndLogin(t, 'operator', { displayName: '李话务' });
    const created = await fetch(`${base}/api/hotline/orders`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ channel: '电话', category: '投诉', content: '旅游投诉怎么办，导游强制购物', callerPhone: '13812345678' }),
    });
    orderId = ((await created.json()) as { order: { id: string } }).order.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    context = await browser.newContext({ locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await context.addInitScript(`localStorage.setItem('console.token', ${JSON.stringify(token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds the approved answer as the operator types, marks the words and copies the answer in one click', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/console/hotline/search`);
    const input = page.getByTestId('hotline-search-input').locator('input');
    await input.pressSequentially('低保申请', { delay: 40 });
    const card = page.getByTestId('hotline-concern').first();
    await expect(card.locator('.ant-card-head-title').textContent()).resolves.toBe('低保怎么申请');
    const marked = await card.locator('mark').allTextContents();
    expect(marked).toEqual(expect.arrayContaining(['低保', '申请']));
    await expect(card.getByText('《社会救助暂行办法》').count()).resolves.toBe(1);
    await card.getByTestId('hotline-answer').locator('.ant-typography-copy').click();
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toContain('县民政局审核确认');
    await page.close();
  });

  it('lists the order masked, reveals the number to the operator who claims it, and moves it on', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/console/hotline/orders`);
    const row = page.locator('tr', { hasText: '导游强制购物' });
    await expect(row.textContent()).resolves.toContain('138****5678');
    await row.click();
    await page.waitForURL(`**/console/hotline/orders/${orderId}`);
    await expect(page.getByText('13812345678').count()).resolves.toBe(0);
    await page.getByTestId('order-claim').click();
    await page.getByText('13812345678').waitFor();
    await page.getByTestId('order-to-processing').click();
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('派单 → 办理').waitFor();
    const detail = await (await fetch(`${base}/api/hotline/orders/${orderId}`, { headers: { 'x-api-key': KEY } })).json() as { status: string };
    expect(detail.status).toBe('processing');
    await page.close();
  });

  it('short-time reply: the operator confirms one of the offered concerns and its approved answer fills the reply', async () => {
    const created = await fetch(`${base}/api/hotline/orders`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ channel: '电话', category: '咨询', content: '低保' }),
    });
    const { order } = (await created.json()) as { order: { id: string; replyMode: string } };
    expect(order.replyMode).toBe('short');
    const page = await context.newPage();
    await page.goto(`${base}/console/hotline/orders/${order.id}`);
    await page.getByTestId('order-choices').getByRole('button', { name: '低保怎么申请' }).click();
    const answer = page.locator('.ant-modal textarea').first();
    await expect(answer.inputValue()).resolves.toContain('县民政局审核确认');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('受理 → 答复').waitFor();
    const detail = await (await fetch(`${base}/api/hotline/orders/${order.id}`, { headers: { 'x-api-key': KEY } })).json() as { status: string; answer: string };
    expect(detail).toMatchObject({ status: 'replied' });
    expect(detail.answer).toContain('县民政局审核确认');
    await page.close();
  });
});
