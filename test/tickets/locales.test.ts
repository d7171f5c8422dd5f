import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALES_DIR, readLocaleResources } from '../../src/i18n/i18n.js';
import { REFERENCE_LOCALE, SUPPORTED_LOCALES } from '../../src/i18n/locales.js';

const resources = readLocaleResources(DEFAULT_LOCALES_DIR);

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value))
      for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** Keys whose text is the same in every language. */
const SAME_EVERYWHERE = new Set(['card.none']);
const reference = leaves(resources[REFERENCE_LOCALE].tickets);

describe('tickets translations', () => {
  it.each(SUPPORTED_LOCALES.filter((l) => l !== REFERENCE_LOCALE))(
    '%s has every key, translated, with the same placeholders',
    (locale) => {
      const other = leaves(resources[locale].tickets);
      for (const [key, english] of reference) {
        const text = other.get(key);
        expect(text, `${locale} tickets.${key}`).toBeTypeOf('string');
        if (!SAME_EVERYWHERE.has(key) && !/^[A-C]$/.test(key.split('.').pop() ?? '')) {
          expect(text, `${locale} tickets.${key} is untranslated`).not.toBe(english);
        }
        expect(placeholders(text ?? ''), `${locale} tickets.${key}`).toEqual(placeholders(english));
      }
      expect([...other.keys()].filter((k) => !reference.has(k))).toEqual([]);
    },
  );
});
