import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/i18n/locales.js';
import { INTENTS } from '../../src/nlu/types.js';
import { loadUtterances, parseUtteranceSet } from '../../src/nlu/utterances.js';

const NLU_DIR = fileURLToPath(new URL('../../nlu', import.meta.url));
const sets = await loadUtterances(NLU_DIR);

describe('utterance files', () => {
  it('cover every locale once', () => {
    expect(sets.map((s) => s.locale).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it.each(SUPPORTED_LOCALES)('%s has enough distinct examples of every intent', (locale) => {
    const set = sets.find((s) => s.locale === locale);
    for (const intent of INTENTS) {
      const texts = set?.intents[intent] ?? [];
      expect(new Set(texts).size, intent).toBe(texts.length);
      expect(texts.length, intent).toBeGreaterThanOrEqual(
        intent === 'greeting' || intent === 'none' ? 12 : 25,
      );
    }
  });

  it('gives one intent to each text of a locale', () => {
    for (const set of sets) {
      const all = INTENTS.flatMap((i) => set.intents[i] ?? []);
      expect(new Set(all.map((t) => t.toLowerCase())).size, set.locale).toBe(all.length);
    }
  });
});

describe('parseUtteranceSet', () => {
  it.each([
    ['an unknown locale', { locale: 'fr-FR', intents: {} }],
    ['an unknown intent', { locale: 'en-US', intents: { order_pizza: ['one pizza'] } }],
    ['an empty text', { locale: 'en-US', intents: { help: [' '] } }],
    ['no intents', { locale: 'en-US' }],
  ])('rejects %s', (_name, data) => {
    expect(parseUtteranceSet(data).ok).toBe(false);
  });

  it('accepts a valid set', () => {
    expect(parseUtteranceSet({ locale: 'it-IT', intents: { help: ['aiuto'] } })).toEqual({
      ok: true,
      value: { locale: 'it-IT', intents: { help: ['aiuto'] } },
    });
  });
});
