import type { Locale } from '../i18n/locales.js';

/** One section of an article: what the bot shows as an answer. */
export interface Section {
  /** Stable id within the article (the heading's anchor, or a slug of the heading). */
  id: string;
  /** Heading text, plain (the article title for the intro section). */
  heading: string;
  /** Heading level: 1 for the intro under the H1, 2 for ##, 3 for ###. */
  level: number;
  /** Display text as markdown: numbered steps stay numbered lists, tables became readable text. */
  text: string;
}

export interface Article {
  slug: string;
  locale: Locale;
  title: string;
  description: string;
  /** Alternate questions declared in front matter. */
  questions: string[];
  /** Related slugs: front matter `related:` plus body links to other articles, in order, deduplicated. */
  related: string[];
  sections: Section[];
  /** Source file, for error messages and the `kb check` command. */
  file: string;
}

export interface TocNode {
  slug: string;
  title: string;
  children: TocNode[];
}

export interface Hit {
  slug: string;
  /** The locale of the article that answered; differs from the asked locale on a fallback. */
  locale: Locale;
  title: string;
  section: Section;
  /** Raw relevance score (BM25 family), comparable only within one query. */
  score: number;
  /** Calibrated 0..1 confidence that this article answers the question. */
  confidence: number;
}

export interface SearchResult {
  /**
   * Ranked hits, one per article (its best section), best first. Empty when nothing is confident
   * enough, unless low-confidence hits or suggestions were asked for.
   */
  hits: Hit[];
  /** True when the first hit is above the confidence threshold. */
  answered: boolean;
  /** True when the hits come from another locale than the one asked. */
  fallback: boolean;
}

export interface SearchOptions {
  /** Max hits; default 3. */
  limit?: number;
  /** Return hits even below the confidence threshold (for "show me more" and the CLI's --all). */
  includeLowConfidence?: boolean;
  /** When no article is confident enough, still return the ones a "did you mean" may offer (SUGGESTION_THRESHOLD). */
  suggestions?: boolean;
}

export interface LoadProblem {
  file: string;
  message: string;
}

/** What dialogs depend on. Pure in-memory once built: no I/O per query. */
export interface KnowledgeBase {
  readonly locales: readonly Locale[];
  search(query: string, locale: Locale, options?: SearchOptions): SearchResult;
  getArticle(locale: Locale, slug: string): Article | undefined;
  /** The TOC tree of a locale (falls back to the reference locale when it has none). */
  toc(locale: Locale): TocNode[];
  /** `classifiers`: how many locales have trained their article classifier so far. */
  stats(): { articles: Partial<Record<Locale, number>>; sections: number; terms: number; classifiers: number };
  /**
   * Trains what each locale's first question would otherwise train (~0.1 s a locale), one locale per
   * turn of the event loop, so a question that arrives meanwhile waits for one locale at most. The
   * server calls it once it listens; answers are the same with or without it, only sooner.
   */
  prepare(): Promise<void>;
}
