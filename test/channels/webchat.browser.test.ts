import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import type { DirectLineRoutes } from '../../src/channels/directline/routes.js';
import { DEFAULT_PUBLIC_DIR } from '../../src/channels/webchat/routes.js';
import type { DeliveredActivity } from '../../src/channels/directline/conversations.js';

const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = path.join(DEFAULT_PUBLIC_DIR, 'vendor', 'webchat.js');
const RESULTS = path.resolve(import.meta.dirname, '..', '..', 'test-results');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`Skipping the web chat browser test: ${CHROMIUM} is missing (Debian: apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('web chat in a real browser', () => {
  let app: App;
  let routes: DirectLineRoutes;
  let browser: Browser;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run vendor:webchat`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'webchat-'));
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    // The whole app as `npm start` builds it: the page, the embedded Direct Line and the bot.
    app = await createApp(config, logger);
    routes = app.directLine;
    await new Promise<void>((resolve) => app.server.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const transcript = (): DeliveredActivity[] => {
    // The page under test opened the newest conversation.
    const conversation = [...routes.store.all()].at(-1);
    return conversation ? conversation.since(undefined).activities : [];
  };
  const botMessagesAfter = (index: number) => transcript().slice(index + 1).filter((a) => a.type === 'message' && a.from?.role === 'bot');

  it.each([
    ['Direct Line v3 (REST and a WebSocket)', '', 'webchat-it-IT.png'],
    ['the streaming socket (App Service Extension)', '?transport=streaming', 'webchat-it-IT-streaming.png'],
  ])('asks in Italian over %s, gets an answer, clicks a suggested action', async (_transport, query, screenshot) => {
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));

    await page.goto(`${base}/${query}`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('it-IT');
    expect(await page.inputValue('#language')).toBe('it-IT');
    // The welcome arrives through the WebSocket and is rendered.
    await page.waitForSelector('.webchat__basic-transcript__activity', { timeout: 15_000 });

    const question = 'Come aggiungo un nuovo cliente?';
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(question);
    await input.press('Enter');
    await expect.poll(() => transcript().findIndex((a) => a.text === question), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    const asked = transcript().findIndex((a) => a.text === question);
    await expect.poll(() => botMessagesAfter(asked).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const answer = botMessagesAfter(asked)[0]!;
    expect(answer.locale ?? answer.text).toBeTruthy();
    // The answer is on screen.
    const firstLine = (answer.text ?? '').split('\n')[0]!.replace(/[*_#[\]`]/g, '').trim().slice(0, 20);
    if (firstLine) await page.getByText(firstLine, { exact: false }).first().waitFor({ timeout: 10_000 });

    // A suggested action, clicked, is sent as the user's message and answered.
    const withActions = await expect
      .poll(() => transcript().filter((a) => (a.suggestedActions?.actions.length ?? 0) > 0).length, { timeout: 15_000 })
      .toBeGreaterThan(0)
      .then(() => transcript().filter((a) => (a.suggestedActions?.actions.length ?? 0) > 0).at(-1)!);
    const action = withActions.suggestedActions!.actions[0]!;
    const button = page.locator('.webchat__suggested-actions button, .webchat__suggested-action').filter({ hasText: action.title ?? '' }).first();
    await button.click({ timeout: 10_000 });
    await expect.poll(() => transcript().findIndex((a) => a.from?.role === 'user' && a.text === String(action.value ?? action.title)), { timeout: 15_000 }).toBeGreaterThan(asked);
    const clicked = transcript().findIndex((a) => a.from?.role === 'user' && a.text === String(action.value ?? action.title));
    await expect.poll(() => botMessagesAfter(clicked).length, { timeout: 15_000 }).toBeGreaterThan(0);

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, screenshot), fullPage: true });
    // Everything came from our own server: no CDN.
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith(base.replace('http', 'ws')) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
    // The transport asked for is the one used: one socket, of the right kind.
    expect(sockets).toEqual([query ? '/.bot/v3/directline/conversations/connect' : expect.stringMatching(/^\/v3\/directline\/conversations\/[\w-]+\/stream$/)]);
    await context.close();
  }, 90_000);
});
