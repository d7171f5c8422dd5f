import { toSupportedLocale, type Locale } from '../i18n/locales.js';

/** Remembered in user state. */
export interface LanguagePreference {
  locale?: Locale;
  /** 'explicit': the user chose it; 'detected': the language they wrote in. */
  source?: 'explicit' | 'detected';
}

/**
 * The reply language, in the order the product promises: an explicit choice → the language the user
 * writes in (this message, else the last one detected) → the channel's locale → the default.
 */
export function chooseLocale(input: {
  preference: LanguagePreference;
  detected: Locale | undefined;
  activityLocale: string | undefined;
  defaultLocale: Locale;
}): { locale: Locale; preference: LanguagePreference } {
  const { preference, detected } = input;
  if (preference.source === 'explicit' && preference.locale) return { locale: preference.locale, preference };
  if (detected) return { locale: detected, preference: { locale: detected, source: 'detected' } };
  if (preference.locale) return { locale: preference.locale, preference };
  return { locale: toSupportedLocale(input.activityLocale) ?? input.defaultLocale, preference };
}
