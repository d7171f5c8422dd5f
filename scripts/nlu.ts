/**
 * Recognize intents and entities from the command line.
 *   npm run nlu -- --locale it-IT --json "il mio cliente Rossi non accede da ieri"
 *   printf 'hello\nstatus of SR-12\n' | npm run nlu -- --locale en-US
 * With a text argument, prints {"intent","score","entities","language"} (one line with --json,
 * indented without). With none, reads one text per stdin line and prints one JSON line per text.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { REFERENCE_LOCALE, SUPPORTED_LOCALES, isLocale, type Locale } from '../src/i18n/locales.js';
import { createRecognizer } from '../src/nlu/recognizer.js';
import type { IntentRecognizer } from '../src/nlu/types.js';
import { NLU_DIR, loadUtterances } from '../src/nlu/utterances.js';

function output(
  recognizer: IntentRecognizer,
  text: string,
  locale: Locale,
  indent: number | undefined,
): string {
  const { intent, score, entities, language } = recognizer.recognize(text, locale, new Date());
  return JSON.stringify(
    { intent, score: Number(score.toFixed(4)), entities, language: language ?? null },
    null,
    indent,
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      locale: { type: 'string', default: REFERENCE_LOCALE },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const locale = values.locale;
  if (!isLocale(locale)) {
    console.error(`Unknown locale "${locale}"; use one of ${SUPPORTED_LOCALES.join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const recognizer = createRecognizer(await loadUtterances(NLU_DIR));
  const text = positionals.join(' ').trim();
  if (text !== '') {
    console.log(output(recognizer, text, locale, values.json ? undefined : 2));
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() !== '') console.log(output(recognizer, line, locale, undefined));
  }
}

await main();
