import type { Locale } from '../i18n/locales.js';
import type { LocaleContent } from './knowledge-base.js';

/**
 * A question bank is a knowledge folder read only for the alternate questions of its articles. Docs
 * pulled from elsewhere (the official Partner Center pages, say) declare no `questions:`, yet that
 * field is the one that knows how users ask; the bank lends its questions to the docs' article with
 * the same locale and slug, so the docs keep their own titles, sections and wording and gain the
 * users' words. It lends its synonyms too, to a locale that has none of its own. The bundled
 * `knowledge/` is the default bank.
 */
export interface Overlay {
  /** Questions lent, over all locales. */
  questions: number;
  /** Articles that received at least one. */
  articles: number;
}

const key = (question: string) => question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Appends the bank's questions to the matching articles of `docs` (in place); a question already there
 * is not repeated. A docs locale without synonyms takes the bank's.
 */
export function overlayQuestions(
  docs: Partial<Record<Locale, LocaleContent>>,
  bank: Partial<Record<Locale, LocaleContent>>,
): Overlay {
  const overlay: Overlay = { questions: 0, articles: 0 };
  for (const [locale, content] of Object.entries(docs) as [Locale, LocaleContent][]) {
    content.synonyms ??= bank[locale]?.synonyms;
    const lent = new Map((bank[locale]?.articles ?? []).map((a) => [a.article.slug, a.article.questions]));
    for (const { article } of content.articles) {
      const seen = new Set(article.questions.map(key));
      const fresh = (lent.get(article.slug) ?? []).filter((q) => {
        const k = key(q);
        if (k === '' || seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      if (fresh.length === 0) continue;
      article.questions = [...article.questions, ...fresh];
      overlay.questions += fresh.length;
      overlay.articles++;
    }
  }
  return overlay;
}
