import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isLocale, type Locale } from '../i18n/locales.js';
import { INTENTS, type Intent } from './types.js';

/** Where the utterance files are kept: nlu/<locale>.json (or .yaml) at the repository root. */
export const NLU_DIR = fileURLToPath(new URL('../../nlu', import.meta.url));

/** The training examples of one locale, as kept in nlu/<locale>.json (or .yaml). */
export interface UtteranceSet {
  locale: Locale;
  intents: Partial<Record<Intent, string[]>>;
  /**
   * Questions users put to a support chat that Partner Center's docs do not answer: other products
   * (Azure, Office apps, other clouds), tax and labour law, everyday life. The knowledge base learns
   * from them (with the `none` intent's small talk) what "none of the articles" looks like.
   */
  offTopic: string[];
}

const utteranceFileSchema = z.object({
  locale: z.string().refine(isLocale, { message: 'not a supported locale' }),
  intents: z.partialRecord(z.enum(INTENTS), z.array(z.string().trim().min(1))),
  offTopic: z.array(z.string().trim().min(1)).optional(),
});

export type ParseResult = { ok: true; value: UtteranceSet } | { ok: false; reason: string };

/** Validates one utterance file's content (JSON or YAML already parsed). */
export function parseUtteranceSet(data: unknown): ParseResult {
  const parsed = utteranceFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  const { locale, intents, offTopic = [] } = parsed.data;
  if (!isLocale(locale)) return { ok: false, reason: `unsupported locale ${locale}` };
  return { ok: true, value: { locale, intents, offTopic } };
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** Reads every nlu/<locale>.json|yaml; the one place utterance files are read. */
export async function loadUtterances(dir: string): Promise<UtteranceSet[]> {
  const names = (await readdir(dir)).filter((n) => EXTENSIONS.has(extname(n))).sort();
  const sets: UtteranceSet[] = [];
  for (const name of names) {
    const raw = await readFile(join(dir, name), 'utf8');
    const data: unknown = extname(name) === '.json' ? JSON.parse(raw) : parseYaml(raw);
    const result = parseUtteranceSet(data);
    if (!result.ok) throw new Error(`${join(dir, name)}: ${result.reason}`);
    sets.push(result.value);
  }
  return sets;
}

/** Per locale, what the knowledge base should not answer: the off-topic questions and the `none` intent's small talk. */
export function offTopicExamples(sets: readonly UtteranceSet[]): Partial<Record<Locale, string[]>> {
  return Object.fromEntries(sets.map((set) => [set.locale, [...set.offTopic, ...(set.intents.none ?? [])]]));
}

/** `offTopicExamples` of the utterance files in `dir`: what the scripts pass to the knowledge base, as the app does. */
export async function loadOffTopic(dir = NLU_DIR): Promise<Partial<Record<Locale, string[]>>> {
  return offTopicExamples(await loadUtterances(dir));
}
