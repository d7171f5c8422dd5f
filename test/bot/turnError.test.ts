import { describe, expect, it } from 'vitest';
import { MemoryStorage } from 'botbuilder';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { botAdapter, sharedFixtures, textOf } from '../helpers/bot.js';
import { createTurnErrorHandler } from '../../src/bot/helpdeskBot.js';
import { createLogger, redactPersonalData } from '../../src/logger.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

const { translator, knowledge } = await sharedFixtures();

describe('when a turn fails', () => {
  it('tells the user in their language with a reference, and the conversation goes on', async () => {
    let failNext = true;
    const flaky: KnowledgeBase = {
      ...knowledge,
      locales: knowledge.locales,
      search: (...args) => {
        if (failNext) {
          failNext = false;
          throw new Error('index exploded');
        }
        return knowledge.search(...args);
      },
      getArticle: (...args) => knowledge.getArticle(...args),
      toc: (...args) => knowledge.toc(...args),
      stats: () => knowledge.stats(),
      prepare: () => knowledge.prepare(),
    };
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const storage = new MemoryStorage();
    const { adapter } = await botAdapter({ knowledge: flaky, channelLocale: 'it-IT', storage });
    adapter.onTurnError = createTurnErrorHandler(translator, logger, 'en-US');
    const t = translator.forLocale('it-IT');
    await adapter
      .send(t('menu.selfSupport'))
      .assertReply(t('selfSupport.askQuestion'))
      .send('Come sospendo un abbonamento?')
      .assertReply((a) => {
        expect(textOf(a)).toMatch(/^Scusa, qualcosa è andato storto da parte mia \(riferimento [0-9a-f]{8}\)/);
        const ref = /riferimento ([0-9a-f]{8})/.exec(textOf(a))?.[1];
        expect(lines.join('')).toContain(ref);
        expect(lines.join('')).toContain('index exploded');
      })
      // The state before the failed turn was kept: the bot is still waiting for the question.
      .send('Come sospendo un abbonamento?')
      .assertReply((a) => expect(textOf(a)).toMatch(/^Da \*\*/));
  });
});

describe('logs', () => {
  it.each([
    ['write to mario.rossi@contoso.it', 'write to [email]'],
    ['call +86 10 1234 5678 now', 'call [phone] now'],
    ['listening on http://127.0.0.1:3978', 'listening on http://127.0.0.1:3978'],
  ])('redacts personal data in "%s"', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it('leaves message text out unless asked', () => {
    const capture = (logPersonalData: boolean) => {
      const out: string[] = [];
      const stream = new Writable({ write: (c, _e, cb) => (out.push(String(c)), cb()) });
      const logger = createLogger({ level: 'info', logPersonalData }, stream);
      logger.info({ text: 'my email is a@b.cn', conversationId: 'c1' }, 'turn');
      return out.join('');
    };
    expect(capture(false)).not.toContain('a@b.cn');
    expect(capture(false)).toContain('c1');
    expect(capture(true)).toContain('a@b.cn');
  });
});
