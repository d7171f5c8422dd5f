import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { CorruptDataFileError, isPlainObject } from '../storage/jsonFile.js';

/** One stored item: its JSON (the source of truth, so a read is a fresh copy) and its eTag. */
interface Entry {
  json: string;
  eTag: string;
}

/**
 * botbuilder `Storage` on a file in DATA_DIR (lowdb's TextFile: a temporary file, then an atomic
 * rename), so conversations resume mid-dialog after a restart. eTags follow MemoryStorage: a write
 * with a stale eTag is refused, '*' always wins.
 *
 * A turn changes one or two items, yet the file holds every conversation. Each item is therefore
 * serialized once, when it changes, and the file is assembled from those strings; writes that arrive
 * while one is on disk are coalesced into the next, so a busy bot pays one file write per disk write,
 * not one whole-state `JSON.stringify` per turn.
 */
export class LowdbStorage implements Storage {
  private etag = 1;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  private constructor(
    private readonly file: TextFile,
    private readonly entries: Map<string, Entry>,
  ) {
    for (const { eTag } of entries.values()) {
      const n = Number(eTag);
      if (Number.isFinite(n) && n >= this.etag) this.etag = n + 1;
    }
  }

  static async open(dataDir: string, fileName = 'state.json'): Promise<LowdbStorage> {
    const filePath = path.join(dataDir, fileName);
    await mkdir(dataDir, { recursive: true });
    const file = new TextFile(filePath);
    return new LowdbStorage(file, parseState(filePath, await file.read()));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) items[key] = JSON.parse(entry.json) as unknown;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const staged: Array<[string, Entry]> = [];
    for (const [key, change] of Object.entries(changes)) {
      const current = this.entries.get(key);
      const eTag = (change as { eTag?: unknown } | undefined)?.eTag;
      if (current && typeof eTag === 'string' && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const next = String(this.etag++);
      staged.push([key, { json: JSON.stringify({ ...(change as object), eTag: next }), eTag: next }]);
    }
    // All or nothing: every key is checked before any is changed.
    for (const [key, entry] of staged) this.entries.set(key, entry);
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    await this.persist();
  }

  /** Waits until everything changed so far is on disk. */
  async flush(): Promise<void> {
    await this.persist();
  }

  /** Resolves once a file write that includes every change made before the call has finished. */
  private persist(): Promise<void> {
    this.queued ??= (this.inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        this.queued = undefined;
        const run = this.file.write(this.serialize());
        this.inFlight = run;
        try {
          await run;
        } finally {
          if (this.inFlight === run) this.inFlight = undefined;
        }
      });
    return this.queued;
  }

  private serialize(): string {
    const lines: string[] = [];
    for (const [key, { json }] of this.entries) lines.push(`${JSON.stringify(key)}: ${json}`);
    return lines.length ? `{\n${lines.join(',\n')}\n}\n` : '{}\n';
  }
}

/** The file's items, or CorruptDataFileError (the file is left as it is). A missing file is empty. */
function parseState(filePath: string, text: string | null): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (text === null) return entries;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataFileError(filePath, `not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(data) || !Object.values(data).every(isPlainObject)) {
    throw new CorruptDataFileError(filePath, 'unexpected content');
  }
  for (const [key, item] of Object.entries(data)) {
    entries.set(key, { json: JSON.stringify(item), eTag: String((item as { eTag?: unknown }).eTag ?? '') });
  }
  return entries;
}
