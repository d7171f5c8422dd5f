import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../i18n/locales.js';
import { analyze, type Token } from './analyze.js';
import type { ParseResult } from './parse.js';

/**
 * Synonyms, as the "alterations" of QnA Maker knowledge bases: `<locale>/synonyms.yaml` lists groups of
 * words or short phrases that mean the same to the users of that locale ("seat" and "license",
 * "plan" and "subscription"). A question that uses one member is searched as if it also used the
 * others. Stemming, typo tolerance and the classifier catch other forms of the articles' own words;
 * this is for the words users write that the articles never do. Pure: `load.ts` reads the file.
 */

export type SynonymGroups = string[][];

const MAX_GROUP = 8;
const HAN = /\p{Script=Han}/u;
const MAX_MEMBER = 40;

const fileSchema = z
  .array(z.array(z.string().trim().min(1).max(MAX_MEMBER)).min(2).max(MAX_GROUP), {
    error: 'expected a list of groups, each a list like [subscription, plan]',
  })
  .nullable();

/** Validates a synonyms file: a YAML list of 2–8 member groups; a member in two groups is refused (which would it mean?). */
export function parseSynonyms(source: string): ParseResult<SynonymGroups> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `broken YAML: ${message}` };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  const groups = parsed.data ?? [];
  const seen = new Map<string, number>();
  for (const [g, group] of groups.entries()) {
    for (const member of group) {
      const key = member.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== g) return { ok: false, reason: `"${member}" is in groups ${other + 1} and ${g + 1}` };
      seen.set(key, g);
    }
  }
  return { ok: true, value: groups };
}

/** One member, analyzed: it matches a question that has all of its terms (`terms`). */
interface Member {
  terms: readonly string[];
  /** The tokens of the group's first member: what the question gains when this member matches. */
  others: readonly Token[];
}

export interface SynonymIndex {
  /** Members by each of their terms. */
  byTerm: ReadonlyMap<string, readonly Member[]>;
}

/**
 * Analyzes the groups the way questions are analyzed; members that are only stop words drop out.
 * Every member but the first points at the first, the articles' own word: "seat" brings "license",
 * never "licence" nor, for a phrase, a word of another user's phrase.
 */
export function compileSynonyms(groups: readonly (readonly string[])[], locale: Locale): SynonymIndex {
  const byTerm = new Map<string, Member[]>();
  for (const group of groups) {
    const [canonical, ...variants] = group.map((text) => analyze(text, locale));
    if (!canonical || canonical.length === 0) continue;
    for (const tokens of variants) {
      const own = new Set(tokens.map((t) => t.term));
      // A Chinese word of 3+ characters is also indexed as its bigrams, and the segmenter may cut it
      // otherwise inside a sentence: the bigrams are what a question surely has.
      const short = [...own].filter((t) => !(HAN.test(t) && t.length > 2));
      const terms = short.length > 0 ? short : [...own];
      const others = canonical.filter((t) => !own.has(t.term));
      if (terms.length === 0 || others.length === 0) continue;
      const member: Member = { terms, others };
      for (const term of terms) byTerm.set(term, [...(byTerm.get(term) ?? []), member]);
    }
  }
  return { byTerm };
}

export interface Expansion {
  /** Tokens the question gains from the members it uses, none of them already in the question. */
  added: Token[];
  /** Terms of the question that a member matched: words with a meaning here even if no article uses them. */
  matched: Set<string>;
}

/**
 * The tokens a question gains from the members it uses (each member: all of its terms are in the
 * question). A member brings its group's first word even where the articles use the member too:
 * "plan" brings "subscription" (on the question bank, rank-1 rose more that way than when only
 * words the articles never use brought theirs: +0.004 against +0.003 over six locales).
 */
export function expandSynonyms(synonyms: SynonymIndex, tokens: readonly Token[]): Expansion {
  const present = new Set(tokens.map((t) => t.term));
  const matched = new Set<string>();
  const added: Token[] = [];
  const have = new Set(present);
  for (const term of present) {
    for (const member of synonyms.byTerm.get(term) ?? []) {
      if (!member.terms.every((t) => present.has(t))) continue;
      for (const t of member.terms) matched.add(t);
      for (const token of member.others) {
        if (have.has(token.term)) continue;
        have.add(token.term);
        added.push(token);
      }
    }
  }
  return { added, matched };
}
