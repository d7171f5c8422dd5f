/**
 * Intent accuracy per locale on ../shared/eval/intents-dev.jsonl, the most frequent confusions, and
 * the language-detection rate on dev texts of 4+ words (intents-dev and kb-dev).
 *   npm run eval:intents [-- --errors] [-- --cv]
 * --errors prints the misrouted texts; --cv adds a 5-fold cross-validation on the utterance files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SUPPORTED_LOCALES, isLocale, type Locale } from '../src/i18n/locales.js';
import { detectLanguage } from '../src/language/detect.js';
import { createRecognizer } from '../src/nlu/recognizer.js';
import { INTENTS, type Intent, type IntentRecognizer } from '../src/nlu/types.js';
import { NLU_DIR, loadUtterances, type UtteranceSet } from '../src/nlu/utterances.js';

const EVAL_DIR = fileURLToPath(new URL('../../shared/eval', import.meta.url));
const NOW = new Date(Date.UTC(2026, 2, 18, 10));

const localeSchema = z.string().refine(isLocale);
const intentRow = z.object({ locale: localeSchema, text: z.string(), intent: z.enum(INTENTS) });
const kbRow = z.object({ locale: localeSchema, text: z.string(), slug: z.string().nullable() });

interface Labelled {
  locale: Locale;
  text: string;
  intent: Intent;
}

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => schema.parse(JSON.parse(line)));
}

/** Greetings are routed to help, so they count as help. */
function routed(intent: Intent): Intent {
  return intent === 'greeting' ? 'help' : intent;
}

interface Outcome extends Labelled {
  predicted: Intent;
}

function evaluate(recognizer: IntentRecognizer, rows: readonly Labelled[]): Outcome[] {
  return rows.map((row) => ({
    ...row,
    predicted: routed(recognizer.recognize(row.text, row.locale, NOW).intent),
  }));
}

function pct(hits: number, total: number): string {
  return total === 0 ? '   n/a' : `${((100 * hits) / total).toFixed(1).padStart(5)}%`;
}

function printAccuracy(title: string, outcomes: readonly Outcome[]): void {
  console.log(`\n${title}`);
  for (const locale of SUPPORTED_LOCALES) {
    const mine = outcomes.filter((o) => o.locale === locale);
    const hits = mine.filter((o) => o.predicted === routed(o.intent)).length;
    console.log(`  ${locale}  ${pct(hits, mine.length)}  (${hits}/${mine.length})`);
  }
  const hits = outcomes.filter((o) => o.predicted === routed(o.intent)).length;
  console.log(`  overall ${pct(hits, outcomes.length)}  (${hits}/${outcomes.length})`);
}

function printConfusions(outcomes: readonly Outcome[], showTexts: boolean): void {
  const errors = outcomes.filter((o) => o.predicted !== routed(o.intent));
  const counts = new Map<string, number>();
  for (const e of errors)
    counts.set(`${e.intent} → ${e.predicted}`, (counts.get(`${e.intent} → ${e.predicted}`) ?? 0) + 1);
  console.log('\nMost frequent confusions (expected → predicted)');
  if (counts.size === 0) console.log('  none');
  for (const [pair, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`  ${String(n).padStart(3)}  ${pair}`);
  if (showTexts)
    for (const e of errors) console.log(`  [${e.locale}] ${e.intent} → ${e.predicted}: ${e.text}`);
}

function wordCount(text: string, locale: Locale): number {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
}

function printLanguageDetection(rows: readonly { locale: Locale; text: string }[], showTexts: boolean): void {
  const long = rows.filter((r) => wordCount(r.text, r.locale) >= 4);
  console.log('\nLanguage detection on texts of 4+ words');
  for (const locale of SUPPORTED_LOCALES) {
    const mine = long.filter((r) => r.locale === locale);
    const hits = mine.filter((r) => detectLanguage(r.text)?.locale === r.locale).length;
    console.log(`  ${locale}  ${pct(hits, mine.length)}  (${hits}/${mine.length})`);
  }
  const misses = long.filter((r) => detectLanguage(r.text)?.locale !== r.locale);
  console.log(
    `  overall ${pct(long.length - misses.length, long.length)}  (${long.length - misses.length}/${long.length})`,
  );
  if (showTexts)
    for (const m of misses)
      console.log(`  [${m.locale}] → ${detectLanguage(m.text)?.locale ?? 'undefined'}: ${m.text}`);
}

/** k-fold cross-validation over the utterance files: how well the data generalizes to new phrasings. */
function crossValidate(sets: readonly UtteranceSet[], folds: number): Outcome[] {
  const all: Labelled[] = sets.flatMap((s) =>
    INTENTS.flatMap((intent) =>
      (s.intents[intent] ?? []).map((text) => ({ locale: s.locale, text, intent })),
    ),
  );
  const outcomes: Outcome[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (i: number): boolean => i % folds === fold;
    const training: UtteranceSet[] = sets.map((s) => ({ locale: s.locale, intents: {}, offTopic: [] }));
    all.forEach((row, i) => {
      if (inFold(i)) return;
      const set = training.find((t) => t.locale === row.locale);
      if (set) (set.intents[row.intent] ??= []).push(row.text);
    });
    outcomes.push(
      ...evaluate(
        createRecognizer(training),
        all.filter((_, i) => inFold(i)),
      ),
    );
  }
  return outcomes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { errors: { type: 'boolean' }, cv: { type: 'boolean' } } });
  const sets = await loadUtterances(NLU_DIR);
  const recognizer = createRecognizer(sets);

  const intentsDev = readJsonl(`${EVAL_DIR}/intents-dev.jsonl`, intentRow);
  const kbDev = readJsonl(`${EVAL_DIR}/kb-dev.jsonl`, kbRow);
  if (!intentsDev) console.log(`Skipped intent accuracy: ${EVAL_DIR}/intents-dev.jsonl not found.`);
  else {
    const outcomes = evaluate(recognizer, intentsDev);
    printAccuracy('Intent accuracy on intents-dev.jsonl (greeting counts as help)', outcomes);
    printConfusions(outcomes, values.errors === true);
  }
  if (kbDev) {
    const inScope = kbDev.filter((r) => r.slug !== null).map((r) => ({ ...r, intent: 'kb_lookup' as const }));
    const outcomes = evaluate(recognizer, inScope);
    printAccuracy('Extra: kb-dev.jsonl in-scope questions recognized as kb_lookup', outcomes);
    printConfusions(outcomes, values.errors === true);
  } else console.log(`Skipped kb-dev figures: ${EVAL_DIR}/kb-dev.jsonl not found.`);

  const texts = [...(intentsDev ?? []), ...(kbDev ?? [])];
  if (texts.length > 0) printLanguageDetection(texts, values.errors === true);

  if (values.cv) printAccuracy('5-fold cross-validation on nlu/*.json', crossValidate(sets, 5));
}

await main();
