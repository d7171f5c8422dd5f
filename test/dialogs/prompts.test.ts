import { describe, expect, it } from 'vitest';
import { isLabel, matchTitle } from '../../dialogs/prompts.js';

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
  it.each<[string, string, boolean]>([
    ['Show topics', 'Show topics', true],
    ['show TOPICS!', 'Show topics', true],
    ['topics', 'Show topics', true],
    ['Mostrar topicos', 'Mostrar tópicos', true],
    ['主题', '浏览主题', true],
    // A message that only shares a word with the label is a message of its own.
    ['which billing topics are covered?', 'Show topics', false],
    ['I have a billing question about invoice 42', 'Billing question', false],
    ['账单部分包括哪些主题？', '浏览主题', false],
    ['', 'Show topics', false],
  ])('"%s" is the label "%s": %s', (text, label, expected) => {
    expect(isLabel(text, label)).toBe(expected);
  });
});
