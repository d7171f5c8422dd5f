import { describe, expect, it } from 'vitest';
import { analyze, editDistance, fold } from '../../src/knowledge/analyze.js';
import type { Locale } from '../../src/i18n/locales.js';

const terms = (text: string, locale: Locale): string[] => analyze(text, locale).map((t) => t.term);

describe('fold', () => {
  it.each([
    ['Überprüfen', 'uberprufen'],
    ['Straße', 'strasse'],
    ['ÉTÉ', 'ete'],
    ['Ёлка', 'елка'],
    ['plain', 'plain'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('analyze', () => {
  it.each<[Locale, string, string[]]>([
    ['en-US', 'How do I reset the passwords?', ['reset', 'password']],
    ['it-IT', "Come sospendo l'abbonamento?", ['sosp', 'abbon']],
    ['es-ES', '¿Cómo añado una suscripción?', ['anad', 'suscripcion']],
    ['pt-BR', 'Como adiciono uma assinatura?', ['adicion', 'assinatur']],
    ['de-DE', 'Wie füge ich einen Kunden hinzu?', ['fug', 'kund', 'hinzu']],
    ['ru-RU', 'Как приостановить подписку?', ['приостанов', 'подписк']],
  ])('%s: %s', (locale, text, expected) => {
    expect(terms(text, locale)).toEqual(expected);
  });

  it.each<[Locale, string, string]>([
    ['de-DE', 'Überprüfung', 'uberprufung'],
    ['it-IT', 'integrità', 'integrita'],
    ['pt-BR', 'cobrança', 'cobranca'],
  ])('%s: folds accents the same way for "%s" and "%s"', (locale, accented, plain) => {
    expect(terms(accented, locale)).toEqual(terms(plain, locale));
  });

  it('segments Chinese into words and bigrams, without stop words', () => {
    const result = terms('如何重置用户密码', 'zh-CN');
    expect(result).toContain('重置');
    expect(result).toContain('密码');
    expect(result).not.toContain('如何');
  });

  it('keeps Latin words inside Chinese text apart', () => {
    expect(terms('Azure的Blob存储', 'zh-CN')).toEqual(expect.arrayContaining(['azur', 'blob', '存储']));
  });

  it('adds a hyphenated pair written as one word, marked as joined', () => {
    expect(analyze('multi-channel partners', 'en-US')).toEqual([
      { surface: 'multi', term: 'multi' },
      { surface: 'channel', term: 'channel' },
      { surface: 'multichannel', term: 'multichannel', joined: true },
      { surface: 'partners', term: 'partner' },
    ]);
    expect(terms('my e-mail', 'en-US')).toEqual(['mail', 'email']);
    expect(terms('Self-Service-Portal', 'de-DE')).toEqual(['self', 'servic', 'selfservic', 'portal', 'serviceportal']);
    expect(terms('multi - channel', 'en-US')).toEqual(['multi', 'channel']);
  });

  it('drops single letters and keeps codes with digits whole', () => {
    expect(terms('a 21Vianet Office 365 x', 'en-US')).toEqual(['21vianet', 'offic', '365']);
  });
});

describe('editDistance', () => {
  it.each([
    ['password', 'password', 0],
    ['pasword', 'password', 1],
    ['passwrod', 'password', 1],
    ['passsword', 'password', 1],
    ['passward', 'password', 1],
    ['pssward', 'password', 2],
    ['abc', 'abcdef', 2],
  ])('%s ~ %s ≤ capped 1', (a, b, expected) => {
    expect(editDistance(a, b, 1)).toBe(Math.min(expected, 2));
  });
});
