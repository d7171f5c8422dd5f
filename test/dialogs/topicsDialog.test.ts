import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, type Locale } from '../../src/i18n/locales.js';
import type { TocNode } from '../../src/knowledge/types.js';
import { botAdapter, buttonsOf, sharedFixtures, textOf } from '../helpers/bot.js';

const { translator, knowledge } = await sharedFixtures();
const t = (locale: Locale) => translator.forLocale(locale);

/** The sections under the home page, as the bundled TOC lists them. */
function sections(locale: Locale): TocNode[] {
  return knowledge.toc(locale)[0]?.children ?? [];
}

function section(locale: Locale, slug: string): TocNode {
  const node = sections(locale).find((n) => n.slug === slug);
  if (!node) throw new Error(`no ${slug} section in the ${locale} TOC`);
  return node;
}

describe('topics: browsing the table of contents', () => {
  it.each(SUPPORTED_LOCALES)(
    'in %s, the menu button lists the sections, a section its articles, and back returns',
    async (locale) => {
      const { adapter } = await botAdapter({ channelLocale: locale });
      const billing = section(locale, 'billing');
      const top = sections(locale).map((n) => n.title);
      await adapter
        .send(t(locale)('menu.topics'))
        .assertReply((a) => {
          expect(textOf(a)).toBe(t(locale)('selfSupport.topicsPrompt'));
          expect(buttonsOf(a)).toEqual(top);
        })
        .send(billing.title)
        .assertReply((a) => expect(textOf(a)).toContain(billing.title))
        .assertReply((a) =>
          expect(buttonsOf(a)).toEqual([...billing.children.map((c) => c.title), t(locale)('common.back')]),
        )
        .send(t(locale)('common.back'))
        .assertReply((a) => expect(buttonsOf(a)).toEqual(top));
    },
  );

  it('an article without subtopics ends the browsing with its summary', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'de-DE' });
    const billing = section('de-DE', 'billing');
    const bill = billing.children.find((c) => c.slug === 'read-your-bill');
    if (!bill) throw new Error('no read-your-bill under billing');
    await adapter
      .send(t('de-DE')('menu.topics'))
      .assertReply((a) => expect(buttonsOf(a)).toContain(billing.title))
      .send(billing.title)
      .assertReply((a) => expect(textOf(a)).toContain(billing.title))
      .assertReply((a) => expect(buttonsOf(a)).toContain(bill.title))
      .send(bill.title)
      .assertReply((a) => expect(textOf(a)).toContain(bill.title))
      .assertReply((a) => expect(textOf(a)).toBe(t('de-DE')('menu.again')));
  });
});
