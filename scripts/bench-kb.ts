/**
 * Prints performance figures of the knowledge engine (not a timed test):
 * index build time of all locales, query latency p50/p99, heap used by the loaded knowledge base.
 * Each folder is loaded as the bot loads it, with the question bank (KNOWLEDGE_QUESTIONS_DIR).
 *
 *   npm run bench:kb [-- --dir folder]... [--queries 3000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { knowledgeSettings } from '../src/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import type { Locale } from '../src/i18n/locales.js';
import { loadOffTopic } from '../src/nlu/utterances.js';

type Gc = () => void;

// Heap figures need a full GC before each reading; re-run with --expose-gc when it is not on.
const gc = (globalThis as { gc?: Gc }).gc;
if (!gc && !process.env.BENCH_KB_CHILD) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_KB_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Questions from the KB itself (front matter questions, titles, headings) plus shuffled mixes of their words. */
function queriesOf(kb: KnowledgeBase, count: number): { locale: Locale; text: string }[] {
  const rand = random(42);
  const pool: { locale: Locale; text: string }[] = [];
  for (const locale of kb.locales) {
    for (const node of flatten(kb.toc(locale))) {
      const article = kb.getArticle(locale, node.slug);
      if (!article) continue;
      for (const q of [article.title, ...article.questions, ...article.sections.map((s) => s.heading)]) pool.push({ locale, text: q });
    }
  }
  if (pool.length === 0) return [];
  const out: { locale: Locale; text: string }[] = [];
  while (out.length < count) {
    const base = pool[Math.floor(rand() * pool.length)];
    if (!base) continue;
    if (rand() < 0.5) {
      out.push(base);
      continue;
    }
    const other = pool.filter((p) => p.locale === base.locale)[Math.floor(rand() * 50)] ?? base;
    const words = `${base.text} ${other.text}`.split(/\s+/).sort(() => rand() - 0.5);
    out.push({ locale: base.locale, text: words.slice(0, 3 + Math.floor(rand() * 8)).join(' ') });
  }
  return out;
}

function flatten(nodes: readonly { slug: string; children: readonly unknown[] }[]): { slug: string }[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children as { slug: string; children: readonly unknown[] }[])]);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function bench(dir: string, queryCount: number): Promise<void> {
  const offTopic = await loadOffTopic();
  const before = heapMb();
  const started = performance.now();
  const { kb, problems, overlay } = await loadKnowledge(dir, { questionsDir: knowledgeSettings(process.env).knowledgeQuestionsDir, offTopic });
  const buildMs = performance.now() - started;
  const heap = heapMb() - before;
  const stats = kb.stats();
  const articles = Object.values(stats.articles).reduce((a, b) => a + b, 0);
  console.log(`\n== ${dir}${overlay ? ` (+ ${overlay.questions} questions from the question bank)` : ''}`);
  console.log(`articles ${articles} in ${kb.locales.length} locales, ${stats.sections} sections, ${stats.terms} terms${problems.length ? `, ${problems.length} problems` : ''}`);
  console.log(`build (read + parse + index, all locales): ${buildMs.toFixed(0)} ms   target < 1000 ms`);

  // Each locale's first question trains its article classifier (see LocaleIndex.classifier), unless
  // KnowledgeBase.prepare got there first, as the server has it do right after it starts listening.
  const queries = queriesOf(kb, queryCount);
  const firsts = kb.locales.map((locale) => {
    const t0 = performance.now();
    kb.search(queries.find((q) => q.locale === locale)?.text ?? 'help', locale);
    return performance.now() - t0;
  });
  const trainMs = firsts.reduce((a, b) => a + b, 0);
  console.log(`first question of each locale (trains its classifier, as prepare() does after start-up): mean ${(trainMs / Math.max(1, firsts.length)).toFixed(0)} ms, max ${Math.max(0, ...firsts).toFixed(0)} ms; build + all ${firsts.length}: ${(buildMs + trainMs).toFixed(0)} ms`);
  console.log(`heap of the loaded KB, classifiers trained: ${(heapMb() - before).toFixed(1)} MB (${heap.toFixed(1)} MB before)   target < 100 MB`);

  for (const q of queries.slice(0, 200)) kb.search(q.text, q.locale); // warm-up
  const times = new Float64Array(queries.length);
  let answered = 0;
  queries.forEach((q, i) => {
    const t0 = performance.now();
    if (kb.search(q.text, q.locale).answered) answered++;
    times[i] = performance.now() - t0;
  });
  times.sort();
  console.log(
    `${queries.length} queries: p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${percentile(times, 100).toFixed(2)} ms   target p99 < 2 ms  (${answered} answered)`,
  );
}

const { values } = parseArgs({
  options: { dir: { type: 'string', multiple: true }, queries: { type: 'string', default: '3000' } },
});
const dirs = values.dir ?? ['./knowledge', '../shared/corpus'];
for (const dir of dirs) {
  if (existsSync(dir)) await bench(dir, Number(values.queries));
  else console.log(`\n== ${dir}: skipped, folder does not exist`);
}
