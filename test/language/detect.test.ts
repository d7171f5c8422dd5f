import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import { detectLanguage } from '../../src/language/detect.js';

describe('detectLanguage', () => {
  it.each<[string, Locale]>([
    ['I cannot sign in to the portal since yesterday', 'en-US'],
    ['non riesco ad accedere al portale da ieri', 'it-IT'],
    ['não consigo acessar o portal desde ontem', 'pt-BR'],
    ['no puedo acceder al portal desde ayer', 'es-ES'],
    ['не могу войти в портал со вчерашнего дня', 'ru-RU'],
    ['ich kann mich seit gestern nicht im Portal anmelden', 'de-DE'],
    ['我从昨天开始就登录不了门户', 'zh-CN'],
    ['请用中文', 'zh-CN'],
    ['по-русски пожалуйста', 'ru-RU'],
  ])('%s → %s', (text, locale) => {
    expect(detectLanguage(text)?.locale).toBe(locale);
  });

  it.each(['ok', 'OK!', 'grazie', 'SR-000123', '42', '', '   ', 'hi', 'ciao'])(
    'does not tell the language of "%s"',
    (text) => {
      expect(detectLanguage(text)).toBeUndefined();
    },
  );

  it('gives a confidence between 0 and 1', () => {
    const detected = detectLanguage('where can I download the invoice for last month?');
    expect(detected?.confidence).toBeGreaterThan(0);
    expect(detected?.confidence).toBeLessThanOrEqual(1);
  });
});
