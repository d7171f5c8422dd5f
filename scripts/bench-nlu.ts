/**
 * Start-up training time for all locales (target < 2 s) and recognize() latency.
 *   npm run bench:nlu
 * The first training includes the one-off warm-up of the extractors' regular expressions and of
 * chrono-node, as the bot's start-up does; the following runs show the steady cost.
 */
import { SUPPORTED_LOCALES } from '../src/i18n/locales.js';
import { warmUpEntityExtractors } from '../src/nlu/entities.js';
import { createRecognizer } from '../src/nlu/recognizer.js';
import { INTENTS } from '../src/nlu/types.js';
import { NLU_DIR, loadUtterances } from '../src/nlu/utterances.js';

const NOW = new Date(Date.UTC(2026, 2, 18, 10));
const TRAINING_RUNS = 3;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  let started = performance.now();
  const sets = await loadUtterances(NLU_DIR);
  const loadMs = performance.now() - started;
  const count = sets.reduce((n, s) => n + INTENTS.reduce((m, i) => m + (s.intents[i]?.length ?? 0), 0), 0);
  console.log(`Loaded ${count} utterances in ${sets.length} locales in ${loadMs.toFixed(0)} ms`);

  const trainingMs: number[] = [];
  let recognizer = createRecognizer([]);
  for (let run = 0; run < TRAINING_RUNS; run++) {
    started = performance.now();
    recognizer = createRecognizer(sets);
    trainingMs.push(performance.now() - started);
  }
  const [first, ...rest] = trainingMs;
  console.log(
    `Training, all locales: first (cold) ${first?.toFixed(0)} ms; then ${rest.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  console.log(`Target < 2000 ms: ${(first ?? Infinity) < 2000 ? 'met' : 'NOT met'}`);

  started = performance.now();
  warmUpEntityExtractors(SUPPORTED_LOCALES);
  console.log(
    `Entity extractors warm-up (chrono-node, recognizers suite): ${(performance.now() - started).toFixed(0)} ms`,
  );

  const texts = sets.flatMap((s) =>
    INTENTS.flatMap((i) => (s.intents[i] ?? []).map((text) => ({ text, locale: s.locale }))),
  );
  const latencies: number[] = [];
  for (const { text, locale } of texts) {
    started = performance.now();
    recognizer.recognize(text, locale, NOW);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `recognize() over ${latencies.length} texts: p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${percentile(latencies, 100).toFixed(2)} ms`,
  );
}

await main();
