import path from 'node:path';
import type { Low } from 'lowdb';
import { openJsonFile } from '../storage/jsonFile.js';

export interface FeedbackEntry {
  question: string;
  locale: string;
  slug: string;
  helpful: boolean;
}

/** Where "did this answer your question?" replies are recorded, for improving the articles. */
export interface FeedbackLog {
  record(entry: FeedbackEntry): Promise<void>;
}

type FeedbackData = { entries: Array<FeedbackEntry & { at: string }> };
const isFeedbackData = (d: unknown): d is FeedbackData =>
  typeof d === 'object' && d !== null && Array.isArray((d as FeedbackData).entries);

export class LowdbFeedbackLog implements FeedbackLog {
  private constructor(
    private readonly db: Low<FeedbackData>,
    private readonly now: () => Date,
  ) {}

  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<LowdbFeedbackLog> {
    return new LowdbFeedbackLog(
      await openJsonFile<FeedbackData>(path.join(dataDir, 'feedback.json'), { entries: [] }, isFeedbackData),
      now,
    );
  }

  async record(entry: FeedbackEntry): Promise<void> {
    this.db.data.entries.push({ ...entry, at: this.now().toISOString() });
    await this.db.write();
  }

  entries(): ReadonlyArray<FeedbackEntry & { at: string }> {
    return this.db.data.entries;
  }
}

/** For tests and for the step before a data folder exists. */
export class MemoryFeedbackLog implements FeedbackLog {
  readonly entries: FeedbackEntry[] = [];
  async record(entry: FeedbackEntry): Promise<void> {
    this.entries.push(entry);
  }
}
