import { describe, expect, it } from 'vitest';
import { linkSlug, normalizeSource, parseArticle, parseHeading, parseTocEntries, simpleYaml, splitFrontMatter, tableToText } from '../../src/knowledge/parse.js';

const meta = { slug: 'sample', locale: 'en-US' as const, file: 'en-US/sample.md' };

function parsed(source: string) {
  const result = parseArticle(source, meta);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('normalizeSource', () => {
  it.each([
    ["Controllare l'integrit√† del servizio", "Controllare l'integrità del servizio"],
    ['Caf√© e perch√©', 'Café e perché'],
    ['a\r\nb', 'a\nb'],
    ['\uFEFFtitle', 'title'],
    ['e\u0301', 'é'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSource(input)).toBe(expected);
  });
});

describe('linkSlug', () => {
  it.each([
    ['add-a-new-customer.md', 'add-a-new-customer'],
    ['./billing.md#fees', 'billing'],
    ['../en-US/Billing.md', 'billing'],
    ['see-your-customer-list', 'see-your-customer-list'],
    ['https://example.com/a.md', undefined],
    ['#anchor', undefined],
    ['image.png', undefined],
  ])('%s → %s', (target, slug) => {
    expect(linkSlug(target)).toBe(slug);
  });
});

describe('parseHeading', () => {
  it.each([
    ['<a name="add-a-new-customer"></a>Neuen Kunden hinzufügen', { text: 'Neuen Kunden hinzufügen', anchor: 'add-a-new-customer' }],
    ['<a href="" id="billingdisputes"></a>Escalate disputes', { text: 'Escalate disputes', anchor: 'billingdisputes' }],
    ['Plain heading', { text: 'Plain heading' }],
  ])('%s', (raw, expected) => {
    expect(parseHeading(raw)).toEqual(expected);
  });
});

describe('front matter', () => {
  it.each([
    ['title: A\nquestions:\n  - one?\n  - two\nrelated: [x, y]', { title: 'A', questions: ['one?', 'two'], related: ['x', 'y'] }],
    ['ms.locfileid: "62132055"\ndescription: Plain text, with commas.', { 'ms.locfileid': '62132055', description: 'Plain text, with commas.' }],
  ])('reads the flat subset quickly: %j', (yaml, expected) => {
    expect(simpleYaml(yaml)).toEqual(expected);
  });

  it.each(['title: a: b', 'title: |\n  block', 'list:\n  - a: b', 'flag: true'])('leaves %j to the YAML parser', (yaml) => {
    expect(simpleYaml(yaml)).toBeUndefined();
  });

  it.each([
    ['---\ntitle: [unclosed\n---\nbody', 'broken YAML front matter'],
    ['---\n- a list\n---\nbody', 'not a YAML mapping'],
    ['---\nquestions: {a: 1}\n---\nbody', '"questions" must be a list of strings'],
  ])('reports %j', (source, message) => {
    const result = splitFrontMatter(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(message);
  });
});

describe('tableToText', () => {
  it('turns rows into "cell — cell" lines', () => {
    const html = '<table><tr><th>Role</th><th>Can</th></tr><tr><td><p><strong>Admin</strong></p></td><td><ul><li><p>add users</p></li><li><p>reset passwords</p></li></ul></td></tr></table>';
    expect(tableToText(html)).toBe('Role — Can\n**Admin** — add users; reset passwords');
  });
});

describe('parseArticle', () => {
  const source = `---
title: Front title
description: What it is about.
questions:
  - how do I do it?
related: [other-article]
---
# <a name="sample"></a>Sample article

**Applies to**

-   Partner Center

Intro text with a [link](linked-article.md) and <a href="html-linked.md">an HTML link</a> and [the web](https://example.com).

>**Note**<br> Be careful.

## <a name="steps"></a>Do it

1.  First step.
2.  Second step.

> **Important:** Really.

**See also**

-   [Other](other-article.md)
`;

  it('splits sections: the intro is level 1 under the title, ## is level 2, bold lines after text are sub-headings', () => {
    const { article } = parsed(source);
    expect(article.sections.map((s) => [s.id, s.heading, s.level])).toEqual([
      ['sample', 'Sample article', 1],
      ['steps', 'Do it', 2],
      ['see-also', 'See also', 3],
    ]);
  });

  it('keeps the title from the H1, the description and questions from front matter', () => {
    const { article, titles } = parsed(source);
    expect(article.title).toBe('Sample article');
    expect(titles).toEqual(['Sample article', 'Front title']);
    expect(article.description).toBe('What it is about.');
    expect(article.questions).toEqual(['how do I do it?']);
  });

  it('resolves links to slugs and keeps their text, without URL', () => {
    const { article, links } = parsed(source);
    expect(article.related).toEqual(['other-article', 'linked-article', 'html-linked']);
    const intro = article.sections[0]?.text ?? '';
    expect(intro).toContain('Intro text with a link and an HTML link and [the web](https://example.com).');
    expect(intro).not.toContain('.md');
    expect(links).toContainEqual({ slug: 'html-linked', text: 'an HTML link' });
  });

  it('turns note blocks into plain notes and keeps numbered lists', () => {
    const { article } = parsed(source);
    expect(article.sections[0]?.text).toContain('> **Note:** Be careful.');
    expect(article.sections[1]?.text).toBe('1. First step.\n2. Second step.\n\n> **Important:** Really.');
  });

  it('indexes body text without the text of links to other articles', () => {
    const { bodies } = parsed(source);
    expect(bodies[0]).not.toContain('HTML link');
    expect(bodies[0]).toContain('Intro text');
  });

  it.each([
    ['---\ntitle: x\n---\n', 'empty article'],
    ['---\ntitle: x\n---\n# Only a title\n\n&nbsp;\n', 'empty article'],
  ])('rejects %j', (text, reason) => {
    const result = parseArticle(text, meta);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('parseTocEntries', () => {
  it.each([
    ['# [Home](index.md)\n## [Billing](billing.md)\n### [Read your bill](read-your-bill.md)', [1, 2, 3]],
    ['# <a href="index.md">Home</a>\n## <a href="billing.md">Billing</a>\n### <a href="read-your-bill.md">Read your bill</a>', [1, 2, 3]],
    ['- [Home](index.md)\n  - [Billing](billing.md)\n    - [Read your bill](read-your-bill.md)', [1, 2, 3]],
  ])('reads %j', (toc, depths) => {
    const entries = parseTocEntries(toc);
    expect(entries.map((e) => e.slug)).toEqual(['index', 'billing', 'read-your-bill']);
    expect(entries.map((e) => e.depth)).toEqual(depths);
    expect(entries[2]?.title).toBe('Read your bill');
  });

  it('repairs the it-IT mojibake in titles', () => {
    expect(parseTocEntries('### [Controllare l\'integrit√† del servizio](check-service-health.md)')[0]?.title).toBe(
      "Controllare l'integrità del servizio",
    );
  });
});
