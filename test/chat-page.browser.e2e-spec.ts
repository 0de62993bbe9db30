/**
 * The residents' web chat (/chat) in a real browser (Debian's chromium through playwright-core) on a
 * phone-sized screen, against the real API: ask, read the answer, vote, pick a clarification choice,
 * switch on elder mode and find it still on after a reload. Skipped only when /usr/bin/chromium is absent.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`跳过网页对话浏览器测试：没有找到 ${CHROMIUM}（Debian/Ubuntu: apt-get install chromium）`);
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser('web chat page in Chromium (phone screen)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const lastBot = () => page.locator('.msg.bot .bubble').last();

  async function ask(text: string): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#question', text);
    await page.press('#question', 'Enter');
    // Locator waits, not waitForFunction: its polling evaluates strings, which the page's CSP forbids.
    await page.locator('.msg.bot').nth(before).waitFor();
  }

  it('asks a question, shows the approved answer and records 有用', async () => {
    await page.goto(`${base}/chat`);
    await expect(page.title()).resolves.toBe('政务公开一键应答');
    await ask('被旅行社坑了，去哪里投诉？');
    await expect(lastBot().textContent()).resolves.toContain('县级文化和旅游行政部门');
    await expect(page.locator('.msg.me .bubble').last().textContent()).resolves.toBe('被旅行社坑了，去哪里投诉？');

    await lastBot().locator('button.useful').click();
    await page.locator('.thanks').last().waitFor();
    await expect(page.locator('.thanks').last().textContent()).resolves.toContain('感谢');
    const rows: { useful: boolean; channel: string; user_ref: string }[] = await t.app.get(DataSource)
      .query(`SELECT useful, channel, user_ref FROM answer_feedback WHERE concern_id = 'C-tourism-complaint'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ useful: true, channel: 'web' });
    expect(rows[0].user_ref).toMatch(/^web-[0-9a-f]{24}$/);
  });

  it('offers a clarification as buttons and answers the one tapped (same session)', async () => {
    await ask('低保');
    const choices = lastBot().locator('button.choice');
    expect(await choices.count()).toBeGreaterThanOrEqual(2);
    const second = (await choices.nth(1).textContent())!.replace(/^2\.\s*/, '');
    const before = await page.locator('.msg.bot').count();
    await choices.nth(1).click();
    await page.locator('.msg.bot').nth(before).waitFor();
    expect((await lastBot().textContent())?.startsWith(`【${second}】`)).toBe(true);
    await expect(lastBot().locator('button.useful').count()).resolves.toBe(1);
  });

  it('fits a phone screen and enlarges the text in elder mode, remembered after a reload', async () => {
    const fontSize = () => page.evaluate('parseFloat(getComputedStyle(document.body).fontSize)') as Promise<number>;
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
    expect(await fontSize()).toBeGreaterThanOrEqual(16);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const normal = await fontSize();

    await page.click('#elder-toggle');
    expect(await fontSize()).toBeGreaterThanOrEqual(normal * 1.3);
    await expect(page.getAttribute('#elder-toggle', 'aria-pressed')).resolves.toBe('true');
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.reload();
    await expect(page.getAttribute('#elder-toggle', 'aria-pressed')).resolves.toBe('true');
    expect(await fontSize()).toBeGreaterThanOrEqual(normal * 1.3);
    await page.click('#elder-toggle');
    expect(await fontSize()).toBe(normal);
    expect(pageErrors).toEqual([]);
  });
});
