import { describe, expect, it } from 'vitest';
import { readLocaleResources, DEFAULT_LOCALES_DIR } from '../../src/i18n/i18n.js';
import { REFERENCE_LOCALE, SUPPORTED_LOCALES, toSupportedLocale, resolveLocale } from '../../src/i18n/locales.js';

const resources = readLocaleResources(DEFAULT_LOCALES_DIR);

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof obj === 'string') out.set(prefix, obj);
  else if (Array.isArray(obj)) obj.forEach((v, i) => leaves(v, `${prefix}[${i}]`).forEach((x, k) => out.set(k, x)));
  else if (obj && typeof obj === 'object')
    for (const [k, v] of Object.entries(obj)) leaves(v, prefix ? `${prefix}.${k}` : k).forEach((x, key) => out.set(key, x));
  return out;
}

const reference = leaves(resources[REFERENCE_LOCALE]);
// Words that are the same in some languages, or names that are never translated.
const SAME_EVERYWHERE = /^(No|OK|Partner Helpdesk|Ok)$/;

describe.each(SUPPORTED_LOCALES.filter((l) => l !== REFERENCE_LOCALE))('locale %s', (locale) => {
  const strings = leaves(resources[locale]);

  it('has every key of the reference locale', () => {
    const missing = [...reference.keys()].filter((k) => !strings.has(k));
    expect(missing).toEqual([]);
  });

  it('has no key the reference locale lacks', () => {
    expect([...strings.keys()].filter((k) => !reference.has(k))).toEqual([]);
  });

  it('translates every string', () => {
    const untranslated = [...reference.entries()]
      .filter(([k, en]) => strings.get(k) === en && !SAME_EVERYWHERE.test(en) && en.length > 3)
      .map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('keeps every {{placeholder}}', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const broken = [...reference.entries()]
      .filter(([k, en]) => JSON.stringify(placeholders(strings.get(k) ?? '')) !== JSON.stringify(placeholders(en)))
      .map(([k]) => k);
    expect(broken).toEqual([]);
  });
});

describe('locale mapping', () => {
  it.each([
    ['it-IT', 'it-IT'],
    ['it', 'it-IT'],
    ['pt-PT', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['es-MX', 'es-ES'],
    ['de-AT', 'de-DE'],
    ['de-CH', 'de-DE'],
    ['ru', 'ru-RU'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['EN-gb', 'en-US'],
  ])('%s → %s', (tag, expected) => {
    expect(toSupportedLocale(tag)).toBe(expected);
  });

  it.each(['fr-FR', 'zh-TW', 'zh-Hant', 'ja', '', 'xx-YY'])('%s is not one of ours and falls back to the default', (tag) => {
    expect(toSupportedLocale(tag)).toBeUndefined();
    expect(resolveLocale(tag, 'de-DE')).toBe('de-DE');
  });
});
