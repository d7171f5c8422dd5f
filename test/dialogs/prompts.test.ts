import { describe, expect, it } from 'vitest';
import { isLabel, matchTitle } from '../../dialogs/prompts.js';
import type { Locale } from '../../src/i18n/locales.js';

const categories = ['Problema tecnico', 'Fatturazione', 'Abbonamenti e licenze', 'Account e accesso', 'Altro'];
const severities = ['A – critico', 'B – moderato', 'C – minimo'];
const zh = ['技术问题', '账单', '订阅和许可证', '帐户和访问', '其他'];

describe('matchTitle', () => {
  it.each<[string, readonly string[], number]>([
    ['Fatturazione', categories, 1],
    ['fatturazione!', categories, 1],
    ['tecnico', categories, 0],
    ['Tecnico', categories, 0],
    ['licenze', categories, 2],
    ['2', categories, 1],
    ['B', severities, 1],
    ['c', severities, 2],
    ['账单', zh, 1],
    ['技术', zh, 0],
    ['6', categories, -1],
    ['e', categories, -1],
    ['qualcosa di diverso', categories, -1],
    ['', categories, -1],
  ])('"%s" picks option %i', (reply, options, expected) => {
    expect(matchTitle(reply, options)).toBe(expected);
  });
});

describe('isLabel', () => {
  it.each<[string, string, Locale, boolean]>([
    ['Show topics', 'Show topics', 'en-US', true],
    ['show TOPICS!', 'Show topics', 'en-US', true],
    ['topics', 'Show topics', 'en-US', true],
    ['show me the topics', 'Show topics', 'en-US', true],
    ['Mostrar topicos', 'Mostrar tópicos', 'pt-BR', true],
    ['主题', '浏览主题', 'zh-CN', true],
    // A message that shares a word with the label but says more is a message of its own.
    ['which billing topics are covered?', 'Show topics', 'en-US', false],
    ['Quali argomenti copre la fatturazione?', 'Mostra argomenti', 'it-IT', false],
    ['账单部分包括哪些主题？', '浏览主题', 'zh-CN', false],
    // Stop words alone are not the label.
    ['show me', 'Show topics', 'en-US', true],
    ['the', 'Show topics', 'en-US', false],
    ['', 'Show topics', 'en-US', false],
  ])('"%s" asks for "%s" (%s): %s', (text, label, locale, expected) => {
    expect(isLabel(text, label, locale)).toBe(expected);
  });
});
