import { describe, expect, it } from 'vitest';
import type { LocaleContent } from '../../src/knowledge/knowledge-base.js';
import type { ParsedArticle } from '../../src/knowledge/parse.js';
import { overlayQuestions } from '../../src/knowledge/questionBank.js';

const article = (slug: string, questions: string[]) => ({ article: { slug, questions } }) as unknown as ParsedArticle;
const content = (...articles: ParsedArticle[]): LocaleContent => ({ articles, toc: [] });

describe('overlayQuestions', () => {
  it('lends questions by locale and slug, never across locales', () => {
    const docs = { 'it-IT': content(article('billing', [])), 'de-DE': content(article('billing', [])) };
    const bank = { 'it-IT': content(article('billing', ['quando pago la fattura?'])), 'es-ES': content(article('billing', ['¿cuándo pago?'])) };
    expect(overlayQuestions(docs, bank)).toEqual({ questions: 1, articles: 1 });
    expect(docs['it-IT'].articles[0]?.article.questions).toEqual(['quando pago la fattura?']);
    expect(docs['de-DE'].articles[0]?.article.questions).toEqual([]);
  });

  it('keeps the docs questions first and skips repeats that differ only in case or spacing', () => {
    const docs = { 'en-US': content(article('billing', ['When do I pay?'])) };
    const bank = { 'en-US': content(article('billing', ['when do  I pay?', 'what is the payment term', 'What is the payment term ', ' '])) };
    expect(overlayQuestions(docs, bank)).toEqual({ questions: 1, articles: 1 });
    expect(docs['en-US'].articles[0]?.article.questions).toEqual(['When do I pay?', 'what is the payment term']);
  });

  it('changes nothing when the bank has no such article', () => {
    const docs = { 'ru-RU': content(article('billing', ['как оплатить счёт'])) };
    expect(overlayQuestions(docs, { 'ru-RU': content(article('other', ['что-то'])) })).toEqual({ questions: 0, articles: 0 });
    expect(docs['ru-RU'].articles[0]?.article.questions).toEqual(['как оплатить счёт']);
  });
});
