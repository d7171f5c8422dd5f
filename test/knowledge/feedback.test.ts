import { describe, expect, it } from 'vitest';
import { appendFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FEEDBACK_FILE, FileFeedbackLog, parseFeedbackLog } from '../../src/knowledge/feedback.js';
import { CorruptDataFileError } from '../../src/storage/jsonFile.js';
import { tempDir } from '../helpers/bot.js';

const at = new Date('2026-11-21T10:00:00Z');
const entry = (n: number) => ({ question: `question ${n}`, locale: 'it-IT', slug: 'billing', helpful: n % 2 === 0 });

describe('FileFeedbackLog', () => {
  it('appends each reply as one line and reads them back after reopening', async () => {
    const dir = await tempDir();
    const log = await FileFeedbackLog.open(dir, () => at);
    await log.record(entry(1));
    await log.record(entry(2));
    const again = await FileFeedbackLog.open(dir);
    expect((await again.entries()).entries).toEqual([
      { ...entry(1), at: at.toISOString() },
      { ...entry(2), at: at.toISOString() },
    ]);
    expect((await readFile(path.join(dir, FEEDBACK_FILE), 'utf8')).trimEnd().split('\n')).toHaveLength(2);
  });

  it('keeps every entry, in order, when many replies arrive at once', async () => {
    const log = await FileFeedbackLog.open(await tempDir());
    await Promise.all(Array.from({ length: 200 }, (_, n) => log.record(entry(n))));
    const { entries, unreadable } = await log.entries();
    expect(unreadable).toBe(0);
    expect(entries.map((e) => e.question)).toEqual(Array.from({ length: 200 }, (_, n) => `question ${n}`));
  });

  it('reports a failed write to the replies it carried, and the next write goes through', async () => {
    const dir = await tempDir();
    const log = await FileFeedbackLog.open(dir, () => at);
    const file = path.join(dir, FEEDBACK_FILE);
    await rm(file);
    await mkdir(file); // the disk refuses the append
    await expect(log.record(entry(1))).rejects.toThrow();
    await rm(file, { recursive: true });
    await log.record(entry(2));
    expect((await log.entries()).entries.map((e) => e.question)).toEqual(['question 2']);
  });

  it('skips a line torn by a crash, keeps it in the file, and the next entry lands whole', async () => {
    const dir = await tempDir();
    const first = await FileFeedbackLog.open(dir, () => at);
    await first.record(entry(1));
    await appendFile(path.join(dir, FEEDBACK_FILE), '{"question":"half wri');
    const reopened = await FileFeedbackLog.open(dir, () => at);
    await reopened.record(entry(3));
    expect(await reopened.entries()).toEqual({
      entries: [
        { ...entry(1), at: at.toISOString() },
        { ...entry(3), at: at.toISOString() },
      ],
      unreadable: 1,
    });
    expect(await readFile(path.join(dir, FEEDBACK_FILE), 'utf8')).toContain('{"question":"half wri\n');
  });

  it('imports the entries of a former feedback.json once and leaves that file as it was', async () => {
    const dir = await tempDir();
    const legacy = JSON.stringify({ entries: [{ ...entry(7), at: at.toISOString() }] }, null, 2);
    await writeFile(path.join(dir, 'feedback.json'), legacy);
    const log = await FileFeedbackLog.open(dir, () => at);
    await log.record(entry(8));
    // Opening again must not import the old entries a second time.
    const again = await FileFeedbackLog.open(dir);
    expect((await again.entries()).entries.map((e) => e.question)).toEqual(['question 7', 'question 8']);
    expect(await readFile(path.join(dir, 'feedback.json'), 'utf8')).toBe(legacy);
    expect((await readdir(dir)).sort()).toEqual(['feedback.json', FEEDBACK_FILE]);
  });

  it('refuses to start over a corrupted feedback.json and leaves it alone', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'feedback.json'), '{"entries": [');
    await expect(FileFeedbackLog.open(dir)).rejects.toBeInstanceOf(CorruptDataFileError);
    expect(await readFile(path.join(dir, 'feedback.json'), 'utf8')).toBe('{"entries": [');
    expect(await readdir(dir)).toEqual(['feedback.json']);
  });
});

describe('parseFeedbackLog', () => {
  it.each([
    ['an empty log', '', 0, 0],
    ['two entries', `${JSON.stringify({ ...entry(1), at: 'x' })}\n${JSON.stringify({ ...entry(2), at: 'y' })}\n`, 2, 0],
    ['a line that is not JSON', 'not json\n', 0, 1],
    ['JSON of the wrong shape', '{"question": 1}\n[]\n', 0, 2],
    ['blank lines', '\n\n  \n', 0, 0],
  ])('%s', (_, text, read, unreadable) => {
    const parsed = parseFeedbackLog(text);
    expect(parsed.entries).toHaveLength(read);
    expect(parsed.unreadable).toBe(unreadable);
  });
});
