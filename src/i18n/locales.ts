/** The seven languages the bot speaks; en-US is the reference locale for translations. */
export const SUPPORTED_LOCALES = ['en-US', 'it-IT', 'pt-BR', 'es-ES', 'ru-RU', 'de-DE', 'zh-CN'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const REFERENCE_LOCALE: Locale = 'en-US';

const BY_LANGUAGE: Record<string, Locale> = {
  en: 'en-US',
  it: 'it-IT',
  pt: 'pt-BR',
  es: 'es-ES',
  ru: 'ru-RU',
  de: 'de-DE',
  zh: 'zh-CN',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Maps any BCP-47 tag to one of ours: pt-PT → pt-BR, de-AT → de-DE, zh-Hans / zh-SG → zh-CN.
 * Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO) is not Simplified Chinese, so it is not mapped.
 * Returns undefined for a language we do not speak.
 */
export function toSupportedLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const lang = parts[0] ?? '';
  if (lang === 'zh') {
    const rest = parts.slice(1);
    if (rest.some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p))) return undefined;
    return 'zh-CN';
  }
  return BY_LANGUAGE[lang];
}

/** Like toSupportedLocale, with a fallback for anything unknown. */
export function resolveLocale(tag: string | undefined | null, fallback: Locale): Locale {
  return toSupportedLocale(tag) ?? fallback;
}
