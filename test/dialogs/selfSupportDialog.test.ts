import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, type Locale } from '../../src/i18n/locales.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { botAdapter, buttonsOf, sharedFixtures, textOf } from '../helpers/bot.js';

const { translator, knowledge } = await sharedFixtures();
const t = (locale: Locale) => translator.forLocale(locale);

/** The same question in every language: how to suspend a customer's subscription. */
const SUSPEND: Record<Locale, string> = {
  'en-US': "How do I suspend a customer's subscription?",
  'it-IT': "Come sospendo l'abbonamento di un cliente?",
  'pt-BR': 'Como suspendo a assinatura de um cliente?',
  'es-ES': '¿Cómo suspendo la suscripción de un cliente?',
  'ru-RU': 'Как приостановить подписку клиента?',
  'de-DE': 'Wie setze ich das Abonnement eines Kunden aus?',
  'zh-CN': '如何暂停客户的订阅？',
};

/**
 * The bundled knowledge, but never sure enough to answer: what the bot gets for a question its
 * articles match only loosely. It offers the likeliest articles it would have ranked.
 */
const unsure: KnowledgeBase = {
  ...knowledge,
  search: (query, locale, options) => ({
    ...knowledge.search(query, locale, { ...options, includeLowConfidence: true }),
    answered: false,
  }),
};

const titleOf = (locale: Locale, slug: string) => knowledge.getArticle(locale, slug)?.title ?? slug;

describe('self-support: a question the knowledge base is not sure about', () => {
  it.each(SUPPORTED_LOCALES)(
    'in %s, asks "did you mean" with the likeliest articles, and answers the one picked',
    async (locale) => {
      const { adapter } = await botAdapter({ channelLocale: locale, knowledge: unsure });
      const suspend = titleOf(locale, 'suspend-a-subscription');
      await adapter
        .send(SUSPEND[locale])
        .assertReply((a) => {
          expect(textOf(a)).toBe(t(locale)('selfSupport.didYouMean'));
          expect(buttonsOf(a)).toContain(suspend);
          expect(buttonsOf(a).at(-1)).toBe(t(locale)('selfSupport.noneOfThese'));
          expect(buttonsOf(a).length).toBeLessThanOrEqual(4);
        })
        .send(suspend)
        .assertReply((a) => expect(textOf(a)).toContain(suspend))
        .assertReply((a) => expect(textOf(a)).toBe(t(locale)('selfSupport.wasHelpful')))
        .send(t(locale)('common.yes'))
        .assertReply(t(locale)('selfSupport.thanks'));
    },
  );

  it.each(SUPPORTED_LOCALES)(
    'in %s, "none of these" says no article answers it and offers a support request',
    async (locale) => {
      const { adapter } = await botAdapter({ channelLocale: locale, knowledge: unsure });
      await adapter
        .send(SUSPEND[locale])
        .assertReply((a) => expect(textOf(a)).toBe(t(locale)('selfSupport.didYouMean')))
        .send(t(locale)('selfSupport.noneOfThese'))
        .assertReply(t(locale)('selfSupport.noAnswer'))
        .assertReply((a) => expect(textOf(a)).toBe(t(locale)('selfSupport.offerTicket')))
        .send(t(locale)('common.no'))
        .assertReply(t(locale)('selfSupport.ticketDeclined'));
    },
  );
});

describe('self-support: a question no article comes close to', () => {
  it('says so and offers a support request, without suggestions', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'en-US' });
    await adapter
      .send(t('en-US')('menu.selfSupport'))
      .assertReply(t('en-US')('selfSupport.askQuestion'))
      .send('who won the football match last night?')
      .assertReply(t('en-US')('selfSupport.noAnswer'))
      .assertReply((a) => {
        expect(textOf(a)).toBe(t('en-US')('selfSupport.offerTicket'));
        expect(buttonsOf(a)).toEqual([t('en-US')('common.yes'), t('en-US')('common.no')]);
      });
  });
});

describe('self-support: an answer that did not help', () => {
  it('offers the other likely articles, then a support request', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'it-IT' });
    await adapter
      .send(SUSPEND['it-IT'])
      .assertReply((a) => expect(textOf(a)).toContain(titleOf('it-IT', 'suspend-a-subscription')))
      .assertReply(t('it-IT')('selfSupport.wasHelpful'))
      .send(t('it-IT')('common.no'))
      .assertReply((a) => {
        expect(textOf(a)).toBe(t('it-IT')('selfSupport.otherCandidates'));
        expect(buttonsOf(a)).not.toContain(titleOf('it-IT', 'suspend-a-subscription'));
      })
      .send(t('it-IT')('selfSupport.noneOfThese'))
      .assertReply((a) => expect(textOf(a)).toBe(t('it-IT')('selfSupport.offerTicket')));
  });
});
