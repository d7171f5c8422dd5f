import { appendFile, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorruptDataFileError, isPlainObject } from '../storage/jsonFile.js';
import { tempFileOf, writeDurably } from '../tickets/durableFile.js';

export interface FeedbackEntry {
  question: string;
  locale: string;
  slug: string;
  helpful: boolean;
}

export type RecordedFeedback = FeedbackEntry & { at: string };

/** Where "did this answer your question?" replies are recorded, for improving the articles. */
export interface FeedbackLog {
  record(entry: FeedbackEntry): Promise<void>;
}

export const FEEDBACK_FILE = 'feedback.jsonl';
/** Where feedback was kept before it became an append-only log: imported once, never changed. */
const LEGACY_FILE = 'feedback.json';

const isRecordedFeedback = (d: unknown): d is RecordedFeedback =>
  isPlainObject(d) &&
  typeof d.question === 'string' &&
  typeof d.locale === 'string' &&
  typeof d.slug === 'string' &&
  typeof d.helpful === 'boolean' &&
  typeof d.at === 'string';

/** The log's entries, and how many lines could not be read (a torn last line, a hand edit). Pure. */
export function parseFeedbackLog(text: string): { entries: RecordedFeedback[]; unreadable: number } {
  const entries: RecordedFeedback[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isRecordedFeedback(value)) entries.push(value);
    else unreadable++;
  }
  return { entries, unreadable };
}

/**
 * Feedback as JSON Lines in DATA_DIR, one entry appended per reply. A log only grows, so appending
 * costs the same on the millionth entry as on the first, where rewriting one JSON document made
 * every "yes"/"no" pay for all the earlier ones. A line that cannot be read is skipped when the log
 * is read and is never rewritten; a line torn by a crash is closed before the next append so it
 * cannot swallow the next entry.
 */
export class FileFeedbackLog implements FeedbackLog {
  /** Lines recorded while a write is on disk, with the callers waiting for them: the next write. */
  private queued: Array<{ line: string; done: (err?: unknown) => void }> = [];
  private writing: Promise<void> | undefined;

  private constructor(
    readonly file: string,
    private readonly now: () => Date,
  ) {}

  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<FileFeedbackLog> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, FEEDBACK_FILE);
    if (!(await exists(file))) await importLegacy(path.join(dataDir, LEGACY_FILE), file);
    await closeTornLine(file);
    return new FileFeedbackLog(file, now);
  }

  /** Resolves once the entry is on disk. Entries land whole and in the order they were recorded. */
  record(entry: FeedbackEntry): Promise<void> {
    const line = `${JSON.stringify({ ...entry, at: this.now().toISOString() })}\n`;
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ line, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.writing ??= this.drain();
    });
  }

  async entries(): Promise<{ entries: RecordedFeedback[]; unreadable: number }> {
    await this.writing;
    return parseFeedbackLog(await readFile(this.file, 'utf8').catch(() => ''));
  }

  /**
   * One append at a time, each carrying every line recorded while the previous one was on disk: a
   * busy bot pays one file append per disk write, not one per reply (an append costs 0.2 ms of CPU).
   */
  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0);
      let failure: unknown;
      try {
        await appendFile(this.file, batch.map((b) => b.line).join(''), 'utf8');
      } catch (err) {
        failure = err ?? new Error('append failed');
      }
      for (const { done } of batch) done(failure);
    }
    this.writing = undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Copies the entries of the former feedback.json into the log, written aside and renamed into place. */
async function importLegacy(legacy: string, file: string): Promise<void> {
  const text = await readFile(legacy, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataFileError(legacy, `not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(data) || !Array.isArray(data.entries) || !data.entries.every(isRecordedFeedback)) {
    throw new CorruptDataFileError(legacy, 'unexpected content');
  }
  await writeDurably(file, tempFileOf(file), data.entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/** A crash mid-append can leave a last line with no newline: end it, so the next entry starts clean. */
async function closeTornLine(file: string): Promise<void> {
  const handle = await open(file, 'a+').catch(() => undefined);
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await handle.appendFile('\n');
  } finally {
    await handle.close();
  }
}

/** For tests and for the step before a data folder exists. */
export class MemoryFeedbackLog implements FeedbackLog {
  readonly entries: FeedbackEntry[] = [];
  async record(entry: FeedbackEntry): Promise<void> {
    this.entries.push(entry);
  }
}
