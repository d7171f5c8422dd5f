import { describe, expect, it } from 'vitest';
import { parseLanguageRequest } from '../../src/language/explicit.js';
import { parseYesNo } from '../../src/language/yesNo.js';

describe('parseLanguageRequest', () => {
  it.each([
    ['parla in italiano', 'it-IT'],
    ['Parla italiano per favore', 'it-IT'],
    ['по-русски', 'ru-RU'],
    ['Говорите по-русски, пожалуйста', 'ru-RU'],
    ['请用中文', 'zh-CN'],
    ['用英文回答', 'en-US'],
    ['English please', 'en-US'],
    ['can you speak Spanish?', 'es-ES'],
    ['habla español', 'es-ES'],
    ['fale português', 'pt-BR'],
    ['Sprich Deutsch', 'de-DE'],
    ['Deutsch', 'de-DE'],
    ['中文', 'zh-CN'],
    ['Русский', 'ru-RU'],
  ])('"%s" asks for %s', (text, locale) => {
    expect(parseLanguageRequest(text)).toEqual({ kind: 'switch', locale });
  });

  it.each([
    'il mio cliente è italiano e non riesce ad accedere',
    'Our German customer cannot see their invoice',
    'Мой клиент из Германии не может войти, он говорит только по-немецки и очень расстроен',
    'ok',
    '',
  ])('"%s" is not a request to switch', (text) => {
    expect(parseLanguageRequest(text)).toBeUndefined();
  });

  it('the menu label asks which language', () => {
    expect(parseLanguageRequest('Cambia lingua', ['Change language', 'Cambia lingua'])).toEqual({ kind: 'ask' });
  });
});

describe('parseYesNo', () => {
  it.each([
    ['yes', true], ['Yes, please', true], ['ok', true], ['sì', true], ['si', true], ['certo', true],
    ['sim', true], ['claro', true], ['sí', true], ['vale', true], ['да', true], ['конечно', true],
    ['ja', true], ['gerne', true], ['是', true], ['好的', true], ['可以', true],
    ['no', false], ['nope', false], ['no grazie', false], ['não', false], ['nao', false], ['нет', false],
    ['nein', false], ['nein danke', false], ['不', false], ['不用', false], ['没有', false],
  ])('"%s" → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it.each(['maybe', 'boh', '42', '', 'what?'])('"%s" is neither', (text) => {
    expect(parseYesNo(text)).toBeUndefined();
  });

  it('accepts the localized button labels it is given', () => {
    expect(parseYesNo('Jawohl!', { yes: ['Jawohl'], no: [] })).toBe(true);
  });
});
