import type { Translate } from '../src/i18n/i18n.js';
import type { Locale } from '../src/i18n/locales.js';
import type { Section } from '../src/knowledge/types.js';

/** Where an article can be read in full: the configured docs site, or the copy our server serves. */
export type ArticleLink = (locale: Locale, slug: string) => string;

const MAX_ANSWER_CHARS = 1200;

/** Shortens a section for a chat bubble at a line boundary, so numbered steps stay whole. */
export function shortenSection(text: string, max = MAX_ANSWER_CHARS): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let out = '';
  for (const line of lines) {
    if (out.length + line.length + 1 > max) break;
    out += (out ? '\n' : '') + line;
  }
  return `${(out || text.slice(0, max)).trimEnd()}\n…`;
}

/** The markdown of an answer: where it is from, the section, a link to the whole article, the credit. */
export function answerText(input: {
  t: Translate;
  title: string;
  section: Section;
  link: string;
  fromLocaleName?: string;
}): string {
  const { t, title, section, link } = input;
  const parts = [];
  if (input.fromLocaleName) parts.push(t('selfSupport.fromOtherLanguage', { language: input.fromLocaleName }));
  const heading = section.level > 1 && section.heading !== title ? ` — ${section.heading}` : '';
  parts.push(t('selfSupport.answerIntro', { title: `${title}${heading}` }));
  parts.push(shortenSection(section.text));
  parts.push(`[${t('selfSupport.readMore')}](${link})`);
  parts.push(`_${t('selfSupport.attribution')}_`);
  return parts.join('\n\n');
}
