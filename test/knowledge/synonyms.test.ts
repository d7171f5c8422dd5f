import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/i18n/locales.js';
import { analyze } from '../../src/knowledge/analyze.js';
import { articleProbabilities } from '../../src/knowledge/classifier.js';
import { buildLocaleIndex } from '../../src/knowledge/indexer.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { analyzeQuery, rank, search } from '../../src/knowledge/search.js';
import { compileSynonyms, expandSynonyms, parseSynonyms } from '../../src/knowledge/synonyms.js';
import { articleWithQuestions } from '../helpers/knowledge.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('parseSynonyms', () => {
  it('reads a YAML list of groups', () => {
    expect(parseSynonyms('# words users write\n- [subscription, plan, sub]\n- [license, seat]\n')).toEqual({
      ok: true,
      value: [
        ['subscription', 'plan', 'sub'],
        ['license', 'seat'],
      ],
    });
  });

  it('reads an empty file as no groups', () => {
    expect(parseSynonyms('# nothing yet\n')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['- [a, b\n', 'broken YAML'],
    ['subscription: plan\n', 'expected a list of groups'],
    ['- [license]\n', 'Too small'],
    ['- [license, "   "]\n', 'Too small'],
    ['- [license, seat]\n- [seat, chair]\n', '"seat" is in groups 1 and 2'],
  ])('refuses %j (%s)', (source, reason) => {
    const parsed = parseSynonyms(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('expandSynonyms', () => {
  const synonyms = compileSynonyms(
    [
      ['license', 'seat'],
      ['subscription', 'plan', 'sub'],
      ['ticket', 'service request'],
    ],
    'en-US',
  );
  const added = (question: string) => expandSynonyms(synonyms, analyze(question, 'en-US')).added.map((t) => t.surface);

  it("brings the group's first word, the articles' own, to a question that uses another member", () => {
    expect(added('where do I give them a seat?')).toEqual(['license']);
    expect(added('upgrade my plan')).toEqual(['subscription']);
  });

  it('brings nothing for the first word itself, nor the other users’ words', () => {
    expect(added('suspend a subscription')).toEqual([]);
    expect(added('upgrade my plan')).not.toContain('sub');
  });

  it('matches a phrase only when the question has all of its words', () => {
    expect(added('how do I file a service request?')).toEqual(['ticket']);
    expect(added('which service is down?')).toEqual([]);
  });

  it('adds nothing the question already says, and says which words it matched', () => {
    const expansion = expandSynonyms(synonyms, analyze('a license for a seat', 'en-US'));
    expect(expansion.added).toEqual([]);
    expect([...expansion.matched]).toEqual(['seat']);
  });

  it('matches Chinese members inside a sentence', () => {
    const zh = compileSynonyms([['订阅', '订购']], 'zh-CN');
    expect(expandSynonyms(zh, analyze('怎么暂停客户的订购', 'zh-CN')).added.map((t) => t.term)).toEqual(['订阅']);
  });
});

describe('search with synonyms', () => {
  const inputs = [
    articleWithQuestions('en-US', 'assign-licenses', ['assign a license to a user'], 'Give each user of the customer a license for the product.'),
    articleWithQuestions('en-US', 'reset-password', ['reset a user password'], 'Set a temporary password for a user who forgot theirs.'),
  ];
  const question = 'a new hire needs a seat';

  it('finds the article that uses the word the question only has a synonym of', () => {
    const without = buildLocaleIndex('en-US', inputs);
    const withSynonyms = buildLocaleIndex('en-US', inputs, undefined, [], [['license', 'seat']]);
    const before = search(without, question, { includeLowConfidence: true });
    const after = search(withSynonyms, question, { includeLowConfidence: true });
    expect(before.hits.map((h) => h.slug)).not.toContain('assign-licenses');
    expect(after.hits[0]?.slug).toBe('assign-licenses');
    expect(after.hits[0]?.confidence).toBeGreaterThan(before.hits[0]?.confidence ?? 0);
  });

  it('scores the synonym, but measures the question by what the user wrote', () => {
    const plain = buildLocaleIndex('en-US', inputs);
    const without = analyzeQuery(plain, question);
    const seat = analyzeQuery(plain, 'seat').unknownMass;
    const withSynonyms = buildLocaleIndex('en-US', inputs, undefined, [], [['license', 'seat']]);
    const query = analyzeQuery(withSynonyms, question);
    const license = withSynonyms.terms.get('licens');
    expect(query.terms).toContainEqual({ term: license, weight: expect.any(Number), synonym: true });
    expect(query.added.map((t) => t.surface)).toEqual(['license']);
    expect(query.tokens.map((t) => t.surface)).toEqual(['new', 'hire', 'seat']);
    // "seat" no longer weighs as a word the articles never use, and "license" does not weigh instead.
    expect(seat).toBeGreaterThan(0);
    expect(query.unknownMass).toBeCloseTo(without.unknownMass - seat, 6);
    expect(query.mass).toBeCloseTo(without.mass - seat, 6);
  });
});

describe('off-topic questions with a synonym', () => {
  const inputs = [
    articleWithQuestions('en-US', 'reseller-agreement', ['where do I sign the reseller agreement', 'accept the agreement'], 'Accept the reseller agreement before you sell.'),
    articleWithQuestions('en-US', 'reset-password', ['reset a user password'], 'Set a temporary password for a user who forgot theirs.'),
  ];
  const offTopic = ['what goes in an employment contract', 'draft a contract for a new hire', 'is a verbal contract binding', 'weather tomorrow'];
  const question = 'what should an employment contract include?';

  it('are judged off topic on what the user wrote, not on the word a synonym brings', () => {
    const plain = buildLocaleIndex('en-US', inputs, undefined, offTopic);
    const withSynonyms = buildLocaleIndex('en-US', inputs, undefined, offTopic, [['agreement', 'contract']]);
    const query = analyzeQuery(withSynonyms, question);
    expect(query.added.map((t) => t.surface)).toEqual(['agreement']);
    const ranked = rank(withSynonyms, query);
    expect(ranked[0]?.offTopic).toBeGreaterThan(0.5);
    const model = plain.classifier();
    if (!model) throw new Error('no classifier');
    expect(ranked[0]?.offTopic).toBe(articleProbabilities(model, analyze(question, 'en-US'))[inputs.length]);
    expect(articleProbabilities(model, [...query.tokens, ...query.added])[inputs.length]).toBeLessThan(ranked[0]?.offTopic ?? 0);
  });
});

describe('loadKnowledge reads <locale>/synonyms.yaml', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('kb-synonyms-');
    await mkdir(join(dir, 'en-US'));
    await writeFile(join(dir, 'en-US', 'assign-licenses.md'), '---\ntitle: Assign licenses\n---\n# Assign licenses\n\nEach user needs a license.\n');
    await writeFile(join(dir, 'en-US', 'reset-password.md'), '---\ntitle: Reset a password\n---\n# Reset a password\n\nSet a temporary password.\n');
  });
  const top = async (folder: string, options = {}) =>
    (await loadKnowledge(folder, options)).kb.search('where do I give a seat', 'en-US', { includeLowConfidence: true }).hits[0]?.slug;

  it('searches with the groups of the file', async () => {
    expect(await top(dir)).toBeUndefined();
    await writeFile(join(dir, 'en-US', 'synonyms.yaml'), '- [license, seat]\n');
    const { problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(await top(dir)).toBe('assign-licenses');
  });

  it('reports a broken file and keeps the articles', async () => {
    const file = join(dir, 'en-US', 'synonyms.yaml');
    await writeFile(file, '- [license, seat]\n- [seat, chair]\n');
    const { kb, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([{ file, message: expect.stringContaining('"seat" is in groups 1 and 2') }]);
    expect(kb.stats().articles['en-US']).toBe(2);
  });

  it('lends a question bank’s synonyms to docs that have none', async () => {
    const bank = await makeTempDir('kb-bank-');
    await mkdir(join(bank, 'en-US'));
    await writeFile(join(bank, 'en-US', 'synonyms.yaml'), '- [license, seat]\n');
    expect(await top(dir, { questionsDir: bank })).toBe('assign-licenses');
  });
});

describe('the bundled synonyms', () => {
  const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));

  it.each(SUPPORTED_LOCALES)('%s: a valid synonyms.yaml whose first members are words the articles use', async (locale) => {
    const parsed = parseSynonyms(await readFile(join(KNOWLEDGE, locale, 'synonyms.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.length).toBeGreaterThanOrEqual(50);
    const { kb } = await loadKnowledge(KNOWLEDGE, { locales: [locale] });
    // A group points at its first member: one the articles never use would point nowhere.
    const unused = parsed.value.map((group) => group[0] ?? '').filter((word) => !kb.search(word, locale, { includeLowConfidence: true }).hits.length);
    expect(unused).toEqual([]);
  });
});
