import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LowdbStorage } from '../../src/state/lowdbStorage.js';
import { tempDir } from '../helpers/bot.js';

describe('LowdbStorage', () => {
  it('persists items to its file and reads them back after reopening', async () => {
    const dir = await tempDir();
    const a = await LowdbStorage.open(dir);
    await a.write({ 'user/1': { language: { locale: 'ru-RU' } } });
    const b = await LowdbStorage.open(dir);
    expect((await b.read(['user/1']))['user/1']).toMatchObject({ language: { locale: 'ru-RU' } });
    expect(JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8'))['user/1'].language.locale).toBe('ru-RU');
    // steno writes through a temporary file and a rename: none is left behind.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a write with a stale eTag, accepts "*" and the current one', async () => {
    const s = await LowdbStorage.open(await tempDir());
    await s.write({ k: { n: 1 } });
    const read = (await s.read(['k'])).k as { eTag: string };
    await s.write({ k: { n: 2, eTag: read.eTag } });
    await expect(s.write({ k: { n: 3, eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    await s.write({ k: { n: 4, eTag: '*' } });
    expect((await s.read(['k'])).k).toMatchObject({ n: 4 });
  });

  it('returns copies: changing a read item does not change the store', async () => {
    const s = await LowdbStorage.open(await tempDir());
    await s.write({ k: { list: [1] } });
    const item = (await s.read(['k'])).k as { list: number[] };
    item.list.push(2);
    expect(((await s.read(['k'])).k as { list: number[] }).list).toEqual([1]);
  });

  it('deletes', async () => {
    const s = await LowdbStorage.open(await tempDir());
    await s.write({ a: { x: 1 }, b: { x: 2 } });
    await s.delete(['a']);
    expect(Object.keys(await s.read(['a', 'b']))).toEqual(['b']);
  });

  it('keeps every item of concurrent turns: each write resolves once its change is on disk', async () => {
    const dir = await tempDir();
    const s = await LowdbStorage.open(dir);
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await s.write({ [`conversation/${i}`]: { turn: i } });
        // Once this write resolved, the file holds this conversation, whatever else is queued.
        const onDisk = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as Record<string, { turn: number }>;
        expect(onDisk[`conversation/${i}`]?.turn).toBe(i);
      }),
    );
    const reopened = await LowdbStorage.open(dir);
    const all = await reopened.read(Array.from({ length: 100 }, (_, i) => `conversation/${i}`));
    expect(Object.keys(all)).toHaveLength(100);
  });

  it('a write with one stale eTag changes none of its items', async () => {
    const s = await LowdbStorage.open(await tempDir());
    await s.write({ a: { n: 1 }, b: { n: 1 } });
    await s.write({ b: { n: 2, eTag: '*' } });
    const stale = '1';
    await expect(s.write({ a: { n: 9 }, b: { n: 9, eTag: stale } })).rejects.toThrow(/eTag conflict/);
    expect(await s.read(['a', 'b'])).toMatchObject({ a: { n: 1 }, b: { n: 2 } });
  });

  it('new eTags continue after a restart, so an eTag read before it is still checked', async () => {
    const dir = await tempDir();
    const a = await LowdbStorage.open(dir);
    await a.write({ k: { n: 1 } });
    const before = (await a.read(['k'])).k as { eTag: string };
    const b = await LowdbStorage.open(dir);
    await b.write({ k: { n: 2, eTag: before.eTag } });
    const after = (await b.read(['k'])).k as { eTag: string };
    expect(Number(after.eTag)).toBeGreaterThan(Number(before.eTag));
    await expect(b.write({ k: { n: 3, eTag: before.eTag } })).rejects.toThrow(/eTag conflict/);
  });
});
