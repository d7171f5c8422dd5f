/**
 * Operator CLI for the knowledge base. KNOWLEDGE_DIR selects the docs folder (default ./knowledge) and
 * KNOWLEDGE_QUESTIONS_DIR the question bank (default ./knowledge, "none" for none), as for the bot.
 *
 *   npm run kb -- search --locale it-IT [--json] [--all] [--limit 3] "question"
 *   npm run kb -- search --locale it-IT --json < questions.txt    one JSON line per question
 *   npm run kb -- stats
 *   npm run kb -- check <dir>                                     exit 1 when it has problems
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SUPPORTED_LOCALES, isLocale, toSupportedLocale, type Locale } from '../src/i18n/locales.js';
import { knowledgeSettings } from '../src/config.js';
import { loadKnowledge, type LoadedKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase, SearchResult } from '../src/knowledge/types.js';
import { loadOffTopic } from '../src/nlu/utterances.js';

const USAGE = `usage:
  kb search --locale <${SUPPORTED_LOCALES.join('|')}> [--json] [--all] [--limit N] ["question"]
      no question: reads one question per line on stdin, prints {"query","results"} per line
  kb stats
  kb check <dir>
KNOWLEDGE_DIR selects the knowledge folder (default ./knowledge), KNOWLEDGE_QUESTIONS_DIR
the question bank lending it alternate questions (default ./knowledge; "none": no bank).`;

interface JsonHit {
  slug: string;
  title: string;
  section: string;
  score: number;
}

function toJson(result: SearchResult): JsonHit[] {
  return result.hits.map((h) => ({ slug: h.slug, title: h.title, section: h.section.heading, score: Math.round(h.score * 1e4) / 1e4 }));
}

function printHuman(query: string, result: SearchResult): void {
  console.log(`? ${query}`);
  if (result.hits.length === 0) {
    console.log('  (no confident answer)');
    return;
  }
  const note = [result.answered ? '' : 'below threshold', result.fallback ? 'from another locale' : ''].filter(Boolean).join(', ');
  if (note) console.log(`  (${note})`);
  result.hits.forEach((h, i) => {
    console.log(`  ${i + 1}. ${h.slug} [${h.locale}] — ${h.title} › ${h.section.heading}  score ${h.score.toFixed(3)}  confidence ${h.confidence.toFixed(2)}`);
  });
}

async function runSearch(kb: KnowledgeBase, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      locale: { type: 'string', short: 'l' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      limit: { type: 'string', default: '3' },
    },
  });
  const locale: Locale | undefined = isLocale(values.locale) ? values.locale : toSupportedLocale(values.locale);
  const limit = Number(values.limit);
  if (!locale || !Number.isInteger(limit) || limit < 1) {
    console.error(`kb search: ${locale ? '--limit must be a positive integer' : `unknown or missing --locale "${values.locale ?? ''}"`}\n${USAGE}`);
    return 2;
  }
  const options = { limit, includeLowConfidence: values.all ?? false };
  const question = positionals.join(' ').trim();
  if (question !== '') {
    const result = kb.search(question, locale, options);
    if (values.json) console.log(JSON.stringify(toJson(result)));
    else printHuman(question, result);
    return 0;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const query = line.trim();
    if (query === '') continue;
    const result = kb.search(query, locale, options);
    if (values.json || !process.stdout.isTTY) console.log(JSON.stringify({ query, results: toJson(result) }));
    else printHuman(query, result);
  }
  return 0;
}

async function runStats(dir: string, load: () => Promise<LoadedKnowledge>): Promise<number> {
  const started = performance.now();
  const { kb, problems, overlay } = await load();
  const ms = performance.now() - started;
  const stats = kb.stats();
  console.log(`knowledge: ${dir}`);
  for (const locale of SUPPORTED_LOCALES) console.log(`  ${locale}  ${String(stats.articles[locale] ?? 0).padStart(4)} articles`);
  console.log(`sections: ${stats.sections}`);
  console.log(`terms:    ${stats.terms}`);
  if (overlay) console.log(`questions lent by the question bank: ${overlay.questions} to ${overlay.articles} articles`);
  console.log(`build:    ${ms.toFixed(0)} ms (read, parse and index)`);
  const training = performance.now();
  await kb.prepare();
  console.log(`classifiers: ${kb.stats().classifiers} trained in ${(performance.now() - training).toFixed(0)} ms (by the server after start-up)`);
  if (problems.length > 0) console.log(`problems: ${problems.length} (run "kb check ${dir}")`);
  return 0;
}

async function runCheck(dir: string | undefined): Promise<number> {
  if (!dir) {
    console.error(`kb check: which folder?\n${USAGE}`);
    return 2;
  }
  const { kb, problems } = await loadKnowledge(dir);
  const stats = kb.stats();
  const articles = Object.values(stats.articles).reduce((a, b) => a + b, 0);
  for (const p of problems) console.log(`${p.file}: ${p.message}`);
  console.log(`${dir}: ${articles} articles in ${kb.locales.length} locales, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return problems.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { knowledgeDir: dir, knowledgeQuestionsDir: questionsDir } = knowledgeSettings(process.env);
  const load = async () => loadKnowledge(dir, { questionsDir, offTopic: await loadOffTopic() });
  switch (command) {
    case 'search': {
      const { kb } = await load();
      return runSearch(kb, rest);
    }
    case 'stats':
      return runStats(dir, load);
    case 'check':
      return runCheck(rest[0]);
    default:
      console.error(USAGE);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
