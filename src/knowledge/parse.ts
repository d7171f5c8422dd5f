import { parse as parseYaml } from 'yaml';
import type { Locale } from '../i18n/locales.js';
import type { Article, Section } from './types.js';

/**
 * Markdown of Microsoft Docs (and our own knowledge/, which uses the same format) to articles.
 * Pure: text in, values out. `load.ts` is the one place that reads files.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ParsedArticle {
  article: Article;
  /** Every title the article goes by (front matter, H1), for indexing; `article.title` is the shown one. */
  titles: string[];
  /** Per section, the text to index: without the text of links to other articles (it is about them). */
  bodies: string[];
  /** Links to other articles with their text: words that describe the target article. */
  links: { slug: string; text: string }[];
}

// Link text to another article is marked while cleaning, then kept for display and split off for indexing.
// The marked form is \ue000slug\ue001text\ue002 (private-use characters, absent from docs).
const MARKED_LINK = /\ue000([^\ue000\ue002\ue001]*)\ue001([^\ue000\ue002\ue001]*)\ue002/g;
const MARKERS = /\ue000[^\ue001]*\ue001|\ue002/g;

export interface TocEntry {
  slug: string;
  title: string;
  /** Nesting depth: heading level (`#` = 1) or list indentation. */
  depth: number;
}

// UTF-8 read as Mac Roman turns "à" (C3 A0) into "√†": the second byte's Mac Roman character maps
// back to U+00C0 + (byte - 0x80). These are the Mac Roman characters of bytes 0x80..0xBF.
const MAC_ROMAN_80_BF = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø';
const MOJIBAKE = new RegExp(`√([${MAC_ROMAN_80_BF}])`, 'g');

/** BOM, line endings, Unicode NFC and the known "√†" mojibake. */
export function normalizeSource(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(MOJIBAKE, (_, ch: string) => String.fromCharCode(0xc0 + MAC_ROMAN_80_BF.indexOf(ch)))
    .normalize('NFC');
}

interface FrontMatter {
  title?: string;
  description?: string;
  questions: string[];
  related: string[];
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

export function splitFrontMatter(source: string): ParseResult<{ data: FrontMatter; body: string }> {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { ok: true, value: { data: { questions: [], related: [] }, body: source } };
  let raw: unknown = simpleYaml(match[1] ?? '');
  try {
    raw ??= parseYaml(match[1] ?? '');
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `broken YAML front matter: ${message}` };
  }
  const data = readFrontMatter(raw ?? {});
  if (!data.ok) return data;
  return { ok: true, value: { data: data.value, body: source.slice(match[0].length) } };
}

const SIMPLE_KEY = /^([A-Za-z_][\w.-]*):(?:[ \t]+(.*))?$/;
const SIMPLE_ITEM = /^[ \t]+-[ \t]+(.*)$/;

/**
 * The front matter of docs is flat: `key: text`, `key: [a, b]`, `key:` + `  - item` lines. This reads
 * that subset in a fraction of the time of a full YAML parse (the largest cost of loading), and
 * returns undefined for anything else, which then goes to the YAML parser.
 */
export function simpleYaml(text: string): Record<string, string | string[]> | undefined {
  const out: Record<string, string | string[]> = {};
  let list: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const item = SIMPLE_ITEM.exec(line);
    if (item) {
      const value = simpleScalar(item[1] ?? '');
      if (!list || value === undefined) return undefined;
      list.push(value);
      continue;
    }
    const pair = SIMPLE_KEY.exec(line);
    if (!pair?.[1]) return undefined;
    const rest = (pair[2] ?? '').trim();
    list = undefined;
    if (rest === '') {
      out[pair[1]] = list = [];
    } else if (rest.startsWith('[') && rest.endsWith(']')) {
      const items = rest.slice(1, -1).split(',').map((v) => simpleScalar(v.trim()));
      if (items.some((v) => v === undefined)) return undefined;
      out[pair[1]] = items.filter((v): v is string => v !== undefined && v !== '');
    } else {
      const value = simpleScalar(rest);
      if (value === undefined) return undefined;
      out[pair[1]] = value;
    }
  }
  return out;
}

/** A plain or simply quoted scalar; undefined when YAML would read it some other way. */
function simpleScalar(raw: string): string | undefined {
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(raw);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(raw) || /:(\s|$)|\s#/.test(raw)) return undefined;
  if (/^(true|false|null|~|yes|no|on|off)$/i.test(raw)) return undefined;
  return raw;
}

function readFrontMatter(raw: unknown): ParseResult<FrontMatter> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'front matter is not a YAML mapping' };
  }
  const record = raw as Record<string, unknown>;
  const title = optionalString(record, 'title');
  const description = optionalString(record, 'description');
  const questions = stringList(record, 'questions');
  const related = stringList(record, 'related');
  for (const field of [title, description, questions, related]) if (!field.ok) return field;
  return {
    ok: true,
    value: {
      ...(title.ok && title.value !== undefined ? { title: title.value } : {}),
      ...(description.ok && description.value !== undefined ? { description: description.value } : {}),
      questions: questions.ok ? questions.value : [],
      related: related.ok ? related.value.map(linkSlug).filter((s): s is string => s !== undefined) : [],
    },
  };
}

function optionalString(record: Record<string, unknown>, key: string): ParseResult<string | undefined> {
  const value = record[key];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string' || typeof value === 'number') return { ok: true, value: String(value).trim() };
  return { ok: false, reason: `front matter "${key}" must be a string` };
}

function stringList(record: Record<string, unknown>, key: string): ParseResult<string[]> {
  const value = record[key];
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (typeof value === 'string') return { ok: true, value: [value.trim()] };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return { ok: true, value: value.map((v) => String(v).trim()).filter((v) => v !== '') };
  }
  return { ok: false, reason: `front matter "${key}" must be a list of strings` };
}

/** The slug a relative link points to (`slug.md`, `./slug.md#anchor`), or undefined for anything else. */
export function linkSlug(target: string): string | undefined {
  const t = target.trim();
  if (t === '' || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('#') || t.startsWith('/')) return undefined;
  const file = (t.split(/[#?]/)[0] ?? '').split('/').pop() ?? '';
  return /^([A-Za-z0-9][\w-]*)(?:\.md)?$/.exec(file)?.[1]?.toLowerCase();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Inline HTML of a table cell or paragraph to one line of markdown. */
function inlineHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/(?:p|li|div)>\s*<(?:p|li|div)[^>]*>/gi, '; ')
    .replace(/<\/?(?:strong|b)>/gi, '**')
    .replace(/<\/?(?:em|i)>/gi, '*')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*\s*\*\*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+;/g, ';')
    .replace(/;\s*;/g, ';')
    .trim()
    .replace(/^;\s*|;\s*$/g, '');
}

/** `<table>` to one "cell — cell" line per row. */
export function tableToText(html: string): string {
  const rows = html.match(/<tr[\s>][\s\S]*?<\/tr>/gi) ?? [];
  const lines = rows.map((row) => {
    const cells = row.match(/<t[dh][\s>][\s\S]*?<\/t[dh]>/gi) ?? [];
    return cells
      .map((cell) => inlineHtml(cell.replace(/^<t[dh][^>]*>|<\/t[dh]>$/gi, '')))
      .filter((c) => c !== '')
      .join(' — ');
  });
  return lines.filter((l) => l !== '').join('\n');
}

/** Markdown pipe table rows to "cell — cell" lines; the separator row goes. */
function pipeTablesToText(text: string): string {
  return text.replace(/^[ \t]*\|.*\|[ \t]*$/gm, (row) => {
    const cells = row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) return '';
    return cells.filter((c) => c !== '').join(' — ');
  });
}

/**
 * Resolves links: to another article → its text, and the slug is recorded; external → markdown link;
 * images go. Both markdown `[t](slug.md)` and HTML `<a href="slug.md">t</a>`.
 */
function resolveLinks(text: string, related: string[]): string {
  const link = (label: string, target: string): string => {
    const clean = inlineHtml(label);
    const slug = linkSlug(target);
    if (slug !== undefined) {
      related.push(slug);
      return clean === '' ? '' : `\ue000${slug}\ue001${clean}\ue002`;
    }
    const url = target.trim();
    return /^https?:\/\//i.test(url) && clean !== '' ? `[${clean}](${url})` : clean;
  };
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/<img[^>]*>/gi, '')
    .replace(/<a\s[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_, target: string, label: string) =>
      link(label, target),
    )
    .replace(/\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, target: string) =>
      link(label, target),
    );
}

/** `>**Note**<br> text`, `> **Note:** text` and `> [!NOTE]` blocks to one plain `> **Note:** text` line. */
function normalizeNotes(text: string): string {
  return text
    .replace(/^>[ \t]*\[!(\w+)\][ \t]*\n>[ \t]*/gm, (_, label: string) => `> **${capitalize(label)}:** `)
    .replace(
      /^>[ \t]*\*\*([^*\n]+?)\*\*[ \t]*[:：]?[ \t]*(?:<br\s*\/?>)?[ \t]*/gm,
      (_, label: string) => `> **${label.trim().replace(/[:：]$/, '')}:** `,
    );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** Body markdown (no front matter) to display markdown; records links to other articles in `related`. */
export function cleanMarkdown(body: string, related: string[]): string {
  let text = body.replace(/<!--[\s\S]*?-->/g, '');
  text = text.replace(/<table[\s\S]*?<\/table>/gi, (table) => `\n${resolveLinks(tableToText(table), related)}\n`);
  text = resolveLinks(text, related);
  text = normalizeNotes(text);
  text = pipeTablesToText(text);
  text = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:strong|b)>/gi, '**')
    .replace(/<\/?(?:em|i)>/gi, '*')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/?(?:p|div|ul|ol|li|span|colgroup|col|tbody|thead)[^>]*>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  text = decodeEntities(text).replace(/\u00a0/g, ' ');
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]+$/, '')
        .replace(/^(\s*)(\d+)[.)][ \t]+/, '$1$2. ')
        .replace(/^(\s*)[-*+][ \t]+/, '$1- '),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const HEADING = /^(#{1,6})(?:[ \t]+|(?=<))(.*?)[ \t#]*$/;
const BOLD_LINE = /^\*\*([^*\n]{1,120}?)\*\*[ \t]*[:：]?$/;

/** Heading text without its `<a name>` anchor; the anchor becomes the section id. */
export function parseHeading(raw: string): { text: string; anchor?: string } {
  let anchor: string | undefined;
  const text = raw.replace(/<a\s+([^>]*)>\s*<\/a>/gi, (_, attrs: string) => {
    const named = /\b(?:name|id)\s*=\s*["']([^"']+)["']/i.exec(attrs);
    if (named?.[1] && anchor === undefined) anchor = named[1];
    return '';
  });
  const related: string[] = [];
  const clean = inlineHtml(resolveLinks(text, related)).replace(MARKERS, '').replace(/\*\*|__/g, '').trim();
  return anchor === undefined ? { text: decodeEntities(clean) } : { text: decodeEntities(clean), anchor };
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

interface RawSection {
  heading: string;
  anchor?: string;
  level: number;
  lines: string[];
}

/** Splits body markdown into raw sections; `#` gives the title, bold-only lines are sub-headings. */
function splitSections(body: string): { h1?: string; sections: RawSection[] } {
  let h1: string | undefined;
  const sections: RawSection[] = [{ heading: '', level: 1, lines: [] }];
  let inFence = false;
  let previousBlank = true;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const current = sections[sections.length - 1];
    if (!current) break;
    const heading = inFence ? null : HEADING.exec(line);
    const bold = inFence || !previousBlank ? null : BOLD_LINE.exec(line.trim());
    previousBlank = line.trim() === '';
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const { text, anchor } = parseHeading(heading[2] ?? '');
      if (level === 1 && h1 === undefined && sections.length === 1) {
        h1 = text;
        if (anchor !== undefined) current.anchor = anchor;
        continue;
      }
      // An empty heading (`## <a id="x"></a>`) carries no words: its text stays in the current section.
      if (text === '') continue;
      sections.push({ heading: text, level: Math.max(level, 2), lines: [], ...(anchor ? { anchor } : {}) });
      continue;
    }
    // A bold line is a sub-heading once its section has text: "**Applies to**" under the title is not.
    if (bold?.[1] && current.lines.some((l) => /[\p{L}\p{N}]/u.test(l))) {
      const text = parseHeading(bold[1]).text;
      if (text !== '') {
        sections.push({ heading: text, level: 3, lines: [] });
        continue;
      }
    }
    current.lines.push(line);
  }
  return h1 === undefined ? { sections } : { h1, sections };
}

/** Parses one article file. `related` = front matter first, then body links, deduplicated, without itself. */
export function parseArticle(source: string, meta: { slug: string; locale: Locale; file: string }): ParseResult<ParsedArticle> {
  const split = splitFrontMatter(normalizeSource(source));
  if (!split.ok) return split;
  const { data, body } = split.value;
  const { h1, sections: raw } = splitSections(body);
  const links: string[] = [];
  const title = h1 || data.title || meta.slug;
  const sections: Section[] = [];
  const bodies: string[] = [];
  const linkTexts: { slug: string; text: string }[] = [];
  const usedIds = new Set<string>();
  for (const s of raw) {
    const marked = cleanMarkdown(s.lines.join('\n'), links);
    const text = marked.replace(MARKERS, '');
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    for (const [, slug, label] of marked.matchAll(MARKED_LINK)) {
      if (slug && label) linkTexts.push({ slug, text: label });
    }
    bodies.push(marked.replace(MARKED_LINK, ' '));
    const heading = s.level === 1 ? title : s.heading;
    sections.push({ id: uniqueId(s.anchor ?? (slugify(heading) || 'section'), usedIds), heading, level: s.level, text });
  }
  if (sections.length === 0) return { ok: false, reason: 'empty article: no text after the front matter' };
  // Links in reading order (HTML and markdown links are resolved in separate passes), then any unlabelled ones.
  const related = [...new Set([...data.related, ...linkTexts.map((l) => l.slug), ...links])].filter((slug) => slug !== meta.slug);
  const titles = [...new Set([h1, data.title].filter((t): t is string => !!t))];
  return {
    ok: true,
    value: {
      article: {
        slug: meta.slug,
        locale: meta.locale,
        title,
        description: data.description ?? '',
        questions: data.questions,
        related,
        sections,
        file: meta.file,
      },
      titles,
      bodies,
      links: linkTexts.filter((l) => l.slug !== meta.slug),
    },
  };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

const TOC_LINE = /^(?:(#{1,6})[ \t]*|([ \t]*)[-*+][ \t]+)(.*)$/;

/** TOC.md lines (`## [Title](slug.md)`, `## <a href="slug.md">Title</a>` or nested list items) in order. */
export function parseTocEntries(source: string): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const line of normalizeSource(source).split('\n')) {
    const match = TOC_LINE.exec(line.trimEnd());
    if (!match) continue;
    const depth = match[1] ? match[1].length : Math.floor((match[2] ?? '').replace(/\t/g, '  ').length / 2) + 1;
    const rest = match[3] ?? '';
    const link =
      /\[([^\]]+)\]\(\s*([^)\s]+)[^)]*\)/.exec(rest) ?? /<a\s[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/i.exec(rest);
    if (!link) continue;
    const markdown = link[0].startsWith('[');
    const target = (markdown ? link[2] : link[1]) ?? '';
    const label = (markdown ? link[1] : link[2]) ?? '';
    const slug = linkSlug(target);
    const title = decodeEntities(inlineHtml(label)).replace(/\*\*/g, '');
    if (slug !== undefined && title !== '') entries.push({ slug, title, depth });
  }
  return entries;
}
