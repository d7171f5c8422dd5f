import { REFERENCE_LOCALE, SUPPORTED_LOCALES, type Locale } from '../i18n/locales.js';
import { ARTICLE_FIELDS, buildLocaleIndex, type IndexInput, type LocaleIndex } from './indexer.js';
import type { ParsedArticle, TocEntry } from './parse.js';
import type { SynonymGroups } from './synonyms.js';
import { CONFIDENCE_THRESHOLD, analyzeQuery, rank, search, toHit, visible, type RankedArticle } from './search.js';
import type { Article, KnowledgeBase, SearchOptions, SearchResult, TocNode } from './types.js';

/** What the loader hands over for one locale. */
export interface LocaleContent {
  articles: ParsedArticle[];
  toc: TocEntry[];
  /** The locale's synonyms.yaml, if it has one. */
  synonyms?: SynonymGroups;
}

export interface KnowledgeBaseOptions {
  /** Per locale, questions none of the articles answer: the classifier learns them as one more class. */
  offTopic?: Partial<Record<Locale, readonly string[]>>;
}

/** Builds the in-memory knowledge base from parsed content. Pure; `loadKnowledge` reads the files. */
export function createKnowledgeBase(content: Partial<Record<Locale, LocaleContent>>, options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const indexes = new Map<Locale, LocaleIndex>();
  const tocs = new Map<Locale, TocNode[]>();
  const articles = new Map<Locale, Map<string, Article>>();
  for (const locale of SUPPORTED_LOCALES) {
    const entry = content[locale];
    if (!entry) continue;
    const inputs = indexInputs(entry);
    if (entry.toc.length > 0) tocs.set(locale, tocTree(entry.toc));
    if (inputs.length === 0) continue;
    indexes.set(locale, buildLocaleIndex(locale, inputs, ARTICLE_FIELDS, options.offTopic?.[locale], entry.synonyms));
    articles.set(locale, new Map(inputs.map((i) => [i.article.slug, i.article])));
  }
  const allSlugs = new Set([...articles.values()].flatMap((m) => [...m.keys()]));

  const searchElsewhere = (query: string, asked: Locale, options: SearchOptions, only?: ReadonlySet<string>): SearchResult => {
    let best: { index: LocaleIndex; ranked: RankedArticle[] } | undefined;
    for (const locale of fallbackOrder(asked)) {
      const index = indexes.get(locale);
      if (!index) continue;
      const ranked = rank(index, analyzeQuery(index, query)).filter((r) => !only || only.has(index.articles[r.article]?.slug ?? ''));
      if ((ranked[0]?.confidence ?? 0) > (best?.ranked[0]?.confidence ?? 0)) best = { index, ranked };
    }
    const answered = (best?.ranked[0]?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
    if (!best) return { hits: [], answered: false, fallback: false };
    const { index, ranked } = best;
    const hits = visible(ranked, answered, options).map((r) => toHit(index, r));
    return { hits, answered, fallback: hits.length > 0 };
  };

  return {
    locales: [...indexes.keys()],
    search(query, locale, options = {}) {
      const own = indexes.get(locale);
      if (!own) return searchElsewhere(query, locale, options);
      const result = search(own, query, options);
      const ownSlugs = articles.get(locale);
      if (result.answered || !ownSlugs || ownSlugs.size >= allSlugs.size) return result;
      // The asked locale lacks some articles: one of those may answer, in another language.
      const missing = new Set([...allSlugs].filter((slug) => !ownSlugs.has(slug)));
      const elsewhere = searchElsewhere(query, locale, { ...options, includeLowConfidence: false }, missing);
      return elsewhere.answered ? elsewhere : result;
    },
    getArticle(locale, slug) {
      return articles.get(locale)?.get(slug);
    },
    toc(locale) {
      return tocs.get(locale) ?? tocs.get(REFERENCE_LOCALE) ?? [];
    },
    stats() {
      let sections = 0;
      let terms = 0;
      let classifiers = 0;
      const counts: Partial<Record<Locale, number>> = {};
      for (const [locale, index] of indexes) {
        counts[locale] = index.articles.length;
        sections += index.section.docCount;
        terms += index.terms.size;
        if (index.classifier.made && index.classifier()) classifiers++;
      }
      return { articles: counts, sections, terms, classifiers };
    },
    async prepare() {
      for (const index of indexes.values()) {
        if (index.classifier.made) continue;
        await new Promise<void>((resolve) => setImmediate(resolve));
        index.classifier();
      }
    },
  };
}

/** The reference locale first, then the others in their usual order. */
function fallbackOrder(asked: Locale): Locale[] {
  return [REFERENCE_LOCALE, ...SUPPORTED_LOCALES.filter((l) => l !== REFERENCE_LOCALE)].filter((l) => l !== asked);
}

/** Flat TOC entries (with depths) to a tree. */
export function tocTree(entries: readonly TocEntry[]): TocNode[] {
  const roots: TocNode[] = [];
  const stack: { depth: number; node: TocNode }[] = [];
  for (const entry of entries) {
    const node: TocNode = { slug: entry.slug, title: entry.title, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= entry.depth) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.node.children : roots).push(node);
    stack.push({ depth: entry.depth, node });
  }
  return roots;
}

/** What the indexer reads for each article of a locale: the TOC title first, and how other articles link to it. */
export function indexInputs(entry: LocaleContent): IndexInput[] {
  const tocTitles = new Map<string, string>();
  for (const e of entry.toc) if (!tocTitles.has(e.slug)) tocTitles.set(e.slug, e.title);
  const anchors = new Map<string, string[]>();
  for (const { links } of entry.articles) {
    for (const link of links) anchors.set(link.slug, [...(anchors.get(link.slug) ?? []), link.text]);
  }
  const children = sectionChildren(tocTree(entry.toc));
  return entry.articles.map(({ article, titles, bodies }) => {
    const tocTitle = tocTitles.get(article.slug);
    return {
      article: tocTitle ? { ...article, title: tocTitle } : article,
      titles: [...new Set([...(tocTitle ? [tocTitle] : []), ...titles])],
      bodies,
      anchors: anchors.get(article.slug) ?? [],
      children: children.get(article.slug) ?? [],
    };
  });
}

/**
 * The overview articles of the TOC's sections and what each lists under it. The root (the home page,
 * with every section under it) is not one: it would lead every overview question away from its section.
 */
export function sectionChildren(roots: readonly TocNode[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (nodes: readonly TocNode[]) => {
    for (const node of nodes) {
      if (node.children.length > 0 && !found.has(node.slug)) found.set(node.slug, node.children.map((c) => c.slug));
      walk(node.children);
    }
  };
  for (const root of roots) walk(root.children);
  return found;
}

