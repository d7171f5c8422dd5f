import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isLocale, type Locale } from '../i18n/locales.js';
import { INTENTS, type Intent } from './types.js';

/** The training examples of one locale, as kept in nlu/<locale>.json (or .yaml). */
export interface UtteranceSet {
  locale: Locale;
  intents: Partial<Record<Intent, string[]>>;
}

const utteranceFileSchema = z.object({
  locale: z.string().refine(isLocale, { message: 'not a supported locale' }),
  intents: z.partialRecord(z.enum(INTENTS), z.array(z.string().trim().min(1))),
});

export type ParseResult = { ok: true; value: UtteranceSet } | { ok: false; reason: string };

/** Validates one utterance file's content (JSON or YAML already parsed). */
export function parseUtteranceSet(data: unknown): ParseResult {
  const parsed = utteranceFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  const { locale, intents } = parsed.data;
  if (!isLocale(locale)) return { ok: false, reason: `unsupported locale ${locale}` };
  return { ok: true, value: { locale, intents } };
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
