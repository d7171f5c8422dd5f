import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/i18n/locales.js';
import { INTENTS } from '../../src/nlu/types.js';
import { NLU_DIR, loadUtterances, offTopicExamples, parseUtteranceSet } from '../../src/nlu/utterances.js';

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

  it.each(SUPPORTED_LOCALES)(
    '%s tells the knowledge base what is off topic, none of it an intent example',
    (locale) => {
      const set = sets.find((s) => s.locale === locale);
      const offTopic = set?.offTopic ?? [];
      expect(new Set(offTopic).size).toBe(offTopic.length);
      expect(offTopic.length).toBeGreaterThanOrEqual(80);
      const intentTexts = new Set(INTENTS.flatMap((i) => set?.intents[i] ?? []).map((t) => t.toLowerCase()));
      expect(offTopic.filter((t) => intentTexts.has(t.toLowerCase()))).toEqual([]);
    },
  );

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

  it('accepts a valid set, with no off-topic questions', () => {
    expect(parseUtteranceSet({ locale: 'it-IT', intents: { help: ['aiuto'] } })).toEqual({
      ok: true,
      value: { locale: 'it-IT', intents: { help: ['aiuto'] }, offTopic: [] },
    });
  });

  it('rejects an empty off-topic question', () => {
    expect(parseUtteranceSet({ locale: 'it-IT', intents: {}, offTopic: ['che tempo fa?', ' '] }).ok).toBe(
      false,
    );
  });
});

describe('offTopicExamples', () => {
  it("gives each locale its off-topic questions and its none intent's small talk, nothing else", () => {
    const parsed = parseUtteranceSet({
      locale: 'de-DE',
      intents: { none: ['erzähl mir einen Witz'], help: ['Hilfe'] },
      offTopic: ['Wie lege ich in Azure eine VM an?'],
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(offTopicExamples([parsed.value])).toEqual({
      'de-DE': ['Wie lege ich in Azure eine VM an?', 'erzähl mir einen Witz'],
    });
  });
});
