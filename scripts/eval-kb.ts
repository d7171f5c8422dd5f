/**
 * Evaluates the knowledge engine on a labelled question set (default ../shared/eval/kb-dev.jsonl)
 * against ../shared/corpus and ./knowledge, per locale: top-1, top-3, MRR and out-of-scope
 * precision / recall. A question counts as found at rank k only when the engine answers (what the
 * user sees); "rank" columns ignore the threshold and measure the ranking alone.
 *
 * A folder other than the question bank (KNOWLEDGE_QUESTIONS_DIR, default ./knowledge) is measured
 * twice: as the bot loads it, with the bank's alternate questions, and alone, which is the engine on
 * the docs' own words.
 *
 *   npm run eval:kb [-- --file q.jsonl] [--dir folder]... [--questions folder|none] [--misses]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SUPPORTED_LOCALES, isLocale, type Locale } from '../src/i18n/locales.js';
import { knowledgeSettings } from '../src/config.js';
import { loadKnowledge, type LoadedKnowledge } from '../src/knowledge/load.js';
import { nearlyRepeats } from './near-copy.js';
import type { KnowledgeBase, TocNode } from '../src/knowledge/types.js';
import { loadOffTopic } from '../src/nlu/utterances.js';

interface Question {
  locale: Locale;
  text: string;
  slug: string | null;
}

interface Tally {
  n: number;
  top1: number;
  top3: number;
  rr: number;
  rankTop1: number;
  oos: number;
  oosNoAnswer: number;
  noAnswer: number;
}

const emptyTally = (): Tally => ({ n: 0, top1: 0, top3: 0, rr: 0, rankTop1: 0, oos: 0, oosNoAnswer: 0, noAnswer: 0 });

function readQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const raw: unknown = JSON.parse(line);
      if (typeof raw !== 'object' || raw === null) throw new Error(`${file}:${i + 1}: not an object`);
      const { locale, text, slug } = raw as Record<string, unknown>;
      if (!isLocale(locale) || typeof text !== 'string' || !(slug === null || typeof slug === 'string')) {
        throw new Error(`${file}:${i + 1}: expected {"locale","text","slug"}`);
      }
      return { locale, text, slug };
    });
}

function score(kb: KnowledgeBase, q: Question, tally: Tally, misses: string[]): void {
  const result = kb.search(q.text, q.locale, { limit: 10, includeLowConfidence: true });
  const slugs = result.hits.map((h) => h.slug);
  if (!result.answered) tally.noAnswer++;
  if (q.slug === null) {
    tally.oos++;
    if (!result.answered) tally.oosNoAnswer++;
    else misses.push(`  OOS answered  ${q.locale} "${q.text}" → ${slugs[0]} (${result.hits[0]?.confidence.toFixed(2)})`);
    return;
  }
  tally.n++;
  const rank = slugs.indexOf(q.slug) + 1;
  if (rank === 1) tally.rankTop1++;
  if (rank > 0) tally.rr += 1 / rank;
  if (result.answered && rank === 1) tally.top1++;
  if (result.answered && rank >= 1 && rank <= 3) tally.top3++;
  if (!result.answered || rank !== 1) {
    const why = result.answered ? `rank ${rank || '-'}` : `no answer (rank ${rank || '-'})`;
    misses.push(`  ${why.padEnd(16)} ${q.locale} "${q.text}" want ${q.slug}, got ${slugs.slice(0, 3).join(', ')} (${result.hits[0]?.confidence.toFixed(2)})`);
  }
}

const ratio = (a: number, b: number): string => (b === 0 ? '  n/a' : (a / b).toFixed(2).padStart(5));

function row(label: string, t: Tally): string {
  const predictedNo = t.noAnswer;
  return [
    label.padEnd(8),
    String(t.n).padStart(4),
    ratio(t.top1, t.n),
    ratio(t.top3, t.n),
    ratio(t.rr, t.n),
    ratio(t.rankTop1, t.n),
    String(t.oos).padStart(4),
    ratio(t.oosNoAnswer, predictedNo),
    ratio(t.oosNoAnswer, t.oos),
  ].join('  ');
}

const flatten = (nodes: TocNode[]): string[] => nodes.flatMap((n) => [n.slug, ...flatten(n.children)]);

/** Eval questions that an article's alternate questions nearly repeat (see `nearlyRepeats`). */
function nearCopies(kb: KnowledgeBase, questions: Question[]): string[] {
  const found: string[] = [];
  for (const q of questions) {
    for (const slug of new Set(flatten(kb.toc(q.locale)))) {
      const near = kb.getArticle(q.locale, slug)?.questions.find((alt) => nearlyRepeats(q.text, alt, q.locale));
      if (near) found.push(`  ${q.locale} "${q.text}" ~ ${slug}: "${near}"`);
    }
  }
  return found;
}

async function evaluate(label: string, loaded: LoadedKnowledge, questions: Question[], showMisses: boolean): Promise<void> {
  const { kb, problems, overlay } = loaded;
  const lent = overlay ? `, ${overlay.questions} questions lent by the bank` : '';
  console.log(`\n== ${label}  (${kb.locales.length} locales${lent}${problems.length ? `, ${problems.length} load problems` : ''})`);
  const copies = nearCopies(kb, questions);
  if (copies.length > 0) console.log(`warning: ${copies.length} eval questions are nearly repeated by alternate questions:\n${copies.join('\n')}`);
  console.log(['locale  ', '   n', 'top-1', 'top-3', '  MRR', 'rank1', ' oos', 'oosP ', 'oosR '].join('  '));
  const total = emptyTally();
  const misses: string[] = [];
  for (const locale of SUPPORTED_LOCALES) {
    const asked = questions.filter((q) => q.locale === locale);
    if (asked.length === 0) continue;
    const articles = kb.stats().articles[locale] ?? 0;
    if (articles === 0) {
      console.log(`${locale.padEnd(8)}  n/a: no ${locale} articles in this folder (${asked.length} questions skipped)`);
      continue;
    }
    const tally = emptyTally();
    for (const q of asked) score(kb, q, tally, misses);
    for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += tally[key];
    console.log(row(locale, tally) + (articles < Math.max(...Object.values(kb.stats().articles)) ? `  (${articles} articles)` : ''));
  }
  console.log(row('overall', total));
  if (showMisses && misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: '../shared/eval/kb-dev.jsonl' },
      dir: { type: 'string', multiple: true },
      misses: { type: 'boolean', default: false },
      questions: { type: 'string' },
    },
  });
  const bank = knowledgeSettings({ ...process.env, ...(values.questions && { KNOWLEDGE_QUESTIONS_DIR: values.questions }) }).knowledgeQuestionsDir;
  const file = resolve(values.file ?? '');
  if (!existsSync(file)) {
    console.log(`eval:kb skipped: ${file} does not exist (the shared eval set lives beside the repo in ../shared).`);
    return;
  }
  const dirs = values.dir ?? ['../shared/corpus', './knowledge'];
  const questions = readQuestions(file);
  console.log(`${questions.length} questions from ${file}`);
  console.log('top-k: answered and the expected article within the first k; rank1: ranking alone; oosP/oosR: out-of-scope precision/recall of "no answer"');
  const offTopic = await loadOffTopic();
  for (const dir of dirs) {
    if (!existsSync(dir)) console.log(`\n== ${dir}: skipped, folder does not exist`);
    else {
      const loaded = await loadKnowledge(dir, { questionsDir: bank, offTopic });
      await evaluate(loaded.overlay ? `${dir} + question bank ${bank}` : dir, loaded, questions, values.misses ?? false);
      if (loaded.overlay) await evaluate(`${dir} alone`, await loadKnowledge(dir, { offTopic }), questions, values.misses ?? false);
    }
  }
}

await main();
