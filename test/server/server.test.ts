import { afterEach, describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { tempDir, sharedFixtures } from '../helpers/bot.js';
import { message, post, replyTexts, startApp, type RunningApp } from '../helpers/http.js';
import { CorruptDataFileError } from '../../src/storage/jsonFile.js';

const { translator } = await sharedFixtures();
const running: RunningApp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function start(env: Record<string, string> = {}, dataDir?: string) {
  const r = await startApp(dataDir ?? (await tempDir()), env);
  running.push(r);
  return r;
}

describe('POST /api/messages', () => {
  it('answers a message with expectReplies in the language it is written in', async () => {
    const { url } = await start();
    const { status, json } = await post(url, message('Come posso aggiungere un nuovo cliente?', { locale: 'it-IT' }));
    expect(status).toBe(200);
    const texts = replyTexts(json);
    expect(texts[0]).toMatch(/^Da \*\*Aggiungere un nuovo cliente/);
    expect(texts[1]).toBe(translator.forLocale('it-IT')('selfSupport.wasHelpful'));
  });

  it.each([
    ['malformed JSON', '{"type": "message",', 400, 'malformed'],
    ['a JSON array', '[]', 400, 'notAnActivity'],
    ['no type', { conversation: { id: 'c' } }, 400, 'missingType'],
    ['no conversation', { type: 'message', text: 'hi' }, 400, 'missingConversation'],
    ['a remote serviceUrl', message('hi', { serviceUrl: 'https://attacker.example.com/' }), 403, 'serviceUrlNotLoopback'],
    ['no serviceUrl and no expectReplies', message('hi', { serviceUrl: undefined, deliveryMode: undefined }), 400, 'missingServiceUrl'],
  ])('refuses %s with a clear error', async (_what, body, status, code) => {
    const { url } = await start();
    const res = await post(url, body);
    expect(res.status).toBe(status);
    expect(res.json.error?.code).toBe(code);
    expect(res.json.error?.message).toBeTruthy();
  });

  it('localizes the error by Accept-Language', async () => {
    const { url } = await start();
    const res = await post(url, '{oops', { 'accept-language': 'de-DE,de;q=0.9' });
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toBe(translator.forLocale('de-DE')('http.malformed'));
  });

  it('refuses a body over the limit with 413 and keeps serving others', async () => {
    const { url } = await start({ MAX_BODY_BYTES: '2048' });
    const big = await post(url, message('x'.repeat(5000)));
    expect(big.status).toBe(413);
    expect(big.json.error?.code).toBe('tooLarge');
    const ok = await post(url, message('help'));
    expect(ok.status).toBe(200);
  });

  it('with an app id, a request without a valid token gets 401', async () => {
    const { url } = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret', HOST: '127.0.0.1' });
    expect((await post(url, message('hi'))).status).toBe(401);
    expect((await post(url, message('hi'), { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
  });
});

describe('health', () => {
  it('/healthz is alive and /readyz says what it checked', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
    expect(body.ready).toBe(true);
    expect(body.checks.knowledge?.ok).toBe(true);
    expect(body.checks.dataDir?.ok).toBe(true);
  });

  it('serves a bundled article as a page, and 404 for an unknown one', async () => {
    const { url } = await start();
    const page = await fetch(`${url}/kb/de-DE/add-a-new-customer`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>');
    expect((await fetch(`${url}/kb/de-DE/no-such-article`)).status).toBe(404);
    expect((await fetch(`${url}/kb/xx-XX/add-a-new-customer`)).status).toBe(404);
  });
});

describe('state', () => {
  it('resumes a conversation mid-dialog after a restart', async () => {
    const dataDir = await tempDir();
    const first = await startApp(dataDir);
    const t = translator.forLocale('es-ES');
    const asked = await post(first.url, message(t('menu.selfSupport'), { locale: 'es-ES' }));
    expect(replyTexts(asked.json)).toEqual([t('selfSupport.askQuestion')]);
    await first.stop();

    const second = await start({}, dataDir);
    const answered = await post(second.url, message('¿Cómo añado un cliente nuevo?', { locale: 'es-ES' }));
    expect(replyTexts(answered.json)[0]).toMatch(/^De \*\*/);
  });

  it('a corrupted state file stops start-up, named, and is left untouched', async () => {
    const dataDir = await tempDir();
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'state.json');
    await writeFile(file, '{"conversation/1": {"dialogState": ');
    await expect(startApp(dataDir)).rejects.toThrowError(CorruptDataFileError);
    await expect(startApp(dataDir)).rejects.toThrowError(file);
    expect(await readFile(file, 'utf8')).toBe('{"conversation/1": {"dialogState": ');
  });
});
