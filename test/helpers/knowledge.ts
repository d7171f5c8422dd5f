import type { Locale } from '../../src/i18n/locales.js';
import type { IndexInput } from '../../src/knowledge/indexer.js';
import { parseArticle } from '../../src/knowledge/parse.js';

/** An index input for one article with alternate questions, written as a docs file would be. */
export function articleWithQuestions(locale: Locale, slug: string, questions: readonly string[], body: string): IndexInput {
  const front = `---\ntitle: ${slug}\nquestions:\n${questions.map((q) => `  - ${q}`).join('\n')}\n---\n`;
  const parsed = parseArticle(`${front}# ${slug}\n\n${body}`, { slug, locale, file: slug });
  if (!parsed.ok) throw new Error(parsed.reason);
  return { ...parsed.value, anchors: [] };
}
