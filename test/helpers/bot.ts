import path from 'node:path';
import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { pino } from 'pino';
import { createTranslator, readLocaleResources, DEFAULT_LOCALES_DIR, type Resources, type Translator } from '../../src/i18n/i18n.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { MemoryFeedbackLog } from '../../src/knowledge/feedback.js';
import { createBot, type CreateBotDeps } from '../../src/bot/createBot.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { Locale } from '../../src/i18n/locales.js';
import type { IntentRecognizer } from '../../src/nlu/types.js';
import { createRecognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR, loadUtterances, offTopicExamples } from '../../src/nlu/utterances.js';
import { makeTempDir } from './tempDirs.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const silentLogger = pino({ level: 'silent' });

let shared: Promise<{ resources: Resources; translator: Translator; knowledge: KnowledgeBase; recognizer: IntentRecognizer }> | undefined;

/** Translations and the bundled knowledge, loaded once per test file. */
export function sharedFixtures() {
  shared ??= (async () => {
    const resources = readLocaleResources(DEFAULT_LOCALES_DIR);
    const translator = await createTranslator(resources);
    // As the app wires them: the utterance files train the recognizer and tell the knowledge base what is off topic.
    const utterances = await loadUtterances(NLU_DIR);
    const { kb } = await loadKnowledge(path.join(REPO_ROOT, 'knowledge'), { offTopic: offTopicExamples(utterances) });
    const recognizer = createRecognizer(utterances);
    return { resources, translator, knowledge: kb, recognizer };
  })();
  return shared;
}

/** A TestAdapter wired to the real bot; `channelLocale` is what Web Chat or Teams would send. */
export async function botAdapter(options: Partial<CreateBotDeps> & { channelLocale?: string; storage?: Storage } = {}) {
  const { resources, translator, knowledge, recognizer } = await sharedFixtures();
  const feedback = new MemoryFeedbackLog();
  const bot = createBot({
    storage: options.storage ?? new MemoryStorage(),
    resources,
    translator,
    knowledge: options.knowledge ?? knowledge,
    feedback,
    articleLink: (locale, slug) => `http://127.0.0.1:3978/kb/${locale}/${slug}`,
    logger: silentLogger,
    defaultLocale: 'en-US',
    maxMessageChars: 4000,
    recognizer,
    ...options,
  });
  // The template is applied to every activity the test sends, as a channel would set the locale.
  const adapter = new TestAdapter((context) => bot.run(context), options.channelLocale ? { locale: options.channelLocale } : undefined);
  return { adapter, feedback, translator };
}

export function tFor(translator: Translator, locale: Locale) {
  return translator.forLocale(locale);
}

export function tempDir(prefix = 'helpdesk-'): Promise<string> {
  return makeTempDir(prefix);
}

export function textOf(activity: Partial<Activity>): string {
  return activity.text ?? '';
}

export function buttonsOf(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => String(a.title));
}
