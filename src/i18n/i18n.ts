import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { SUPPORTED_LOCALES, REFERENCE_LOCALE, type Locale } from './locales.js';

export type Translate = TFunction;
export type Resources = Record<Locale, Record<string, unknown>>;

/** The one place that reads locales/<lng>/translation.json. */
export function readLocaleResources(localesDir: string): Resources {
  const out = {} as Resources;
  for (const lng of SUPPORTED_LOCALES) {
    const file = path.join(localesDir, lng, 'translation.json');
    try {
      out[lng] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`Cannot read the translations in ${file}: ${(err as Error).message}`, { cause: err });
    }
  }
  return out;
}

export interface Translator {
  /** A translate function bound to one locale. */
  forLocale(locale: Locale): Translate;
  readonly instance: i18n;
}

export async function createTranslator(resources: Resources): Promise<Translator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(
      Object.entries(resources).map(([lng, translation]) => [lng, { translation }]),
    ),
    supportedLngs: [...SUPPORTED_LOCALES],
    fallbackLng: REFERENCE_LOCALE,
    interpolation: { escapeValue: false },
    returnNull: false,
    load: 'currentOnly',
    initAsync: false,
  });
  const cache = new Map<Locale, Translate>();
  return {
    instance,
    forLocale(locale) {
      let t = cache.get(locale);
      if (!t) {
        t = instance.getFixedT(locale);
        cache.set(locale, t);
      }
      return t;
    },
  };
}

/** Default folder of the translations, next to the sources. */
export const DEFAULT_LOCALES_DIR = path.resolve(import.meta.dirname, '..', '..', 'locales');
