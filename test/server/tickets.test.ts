import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '../helpers/bot.js';
import { message, post, replyTexts, startApp, type RunningApp } from '../helpers/http.js';

const running: RunningApp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function say(app: RunningApp, text: string, locale = 'it-IT') {
  const res = await post(app.url, message(text, { conversation: { id: `ticket-e2e-${locale}` }, locale }));
  expect(res.status).toBe(200);
  return replyTexts(res.json).join('\n');
}

describe('filing a support request through the server', () => {
  it('files it in Italian, puts it on disk, and finds it again after a restart', async () => {
    const dataDir = await tempDir();
    const first = await startApp(dataDir);
    running.push(first);
    expect(await say(first, 'Il portale dà errore quando provo a reimpostare la password di un utente, apri una richiesta')).toMatch(/Prima di aprire una richiesta/);
    expect(await say(first, 'No')).toMatch(/Di che tipo di problema/);
    expect(await say(first, 'tecnico')).toMatch(/Quanto è grave/);
    expect(await say(first, 'B')).toMatch(/contattarti/);
    expect(await say(first, 'mario.rossi@contoso.it')).toMatch(/Da quando/);
    expect(await say(first, 'da ieri')).toMatch(/Apro questa richiesta/);
    const done = await say(first, 'sì');
    const id = /SR-\d{6}/.exec(done)?.[0];
    expect(id).toBe('SR-000001');

    // On disk before the user was told its id.
    const partition = JSON.parse(await readFile(path.join(dataDir, 'tickets', 'partition-000000.json'), 'utf8')) as unknown;
    expect(JSON.stringify(partition)).toContain('mario.rossi@contoso.it');

    await running.pop()?.stop();
    const second = await startApp(dataDir);
    running.push(second);
    const status = await say(second, `a che punto è il ticket ${id}?`);
    expect(status).toContain(id);
  });

  it('answers "what is the status of SR-…" in the middle of filing another, then asks the pending question again', async () => {
    const app = await startApp(await tempDir());
    running.push(app);
    const en = (text: string) => say(app, text, 'en-US');
    await en('The billing page stays blank since this morning, please open a ticket');
    await en('No');
    await en('technical');
    await en('C');
    await en('someone@contoso.cn');
    await en('skip');
    const filed = await en('yes');
    const id = /SR-\d{6}/.exec(filed)?.[0] ?? '';
    expect(id).toBe('SR-000001');

    const CATEGORY = /What (kind of problem|is the problem about)/;
    // Only the request, no problem yet: the dialog asks for it.
    expect(await en('I need to report a problem')).toMatch(/Please describe the problem/);
    // The article on the customer list is offered first; it does not help.
    expect(await en('The customer list page shows a spinner forever and never loads any customer')).toContain('/kb/en-US/see-your-customer-list');
    expect(await en('No')).toMatch(CATEGORY);
    // The interruption: the status is shown, then the category question comes back.
    const interrupted = await en(`what's the status of ${id}?`);
    expect(interrupted).toContain(id);
    expect(interrupted).toMatch(CATEGORY);
    expect(await en('technical')).toMatch(/How serious/);
  });
});
