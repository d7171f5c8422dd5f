import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { isPlainObject, openJsonFile } from '../storage/jsonFile.js';

type StateData = Record<string, Record<string, unknown>>;

const isStateData = (data: unknown): data is StateData =>
  isPlainObject(data) && Object.values(data).every(isPlainObject);

/**
 * botbuilder `Storage` on a lowdb file in DATA_DIR, so conversations resume mid-dialog after a
 * restart. eTags follow MemoryStorage: a write with a stale eTag is refused, '*' always wins.
 */
export class LowdbStorage implements Storage {
  private etag = 1;

  private constructor(private readonly db: Low<StateData>) {
    for (const item of Object.values(db.data)) {
      const n = Number(item.eTag);
      if (Number.isFinite(n) && n >= this.etag) this.etag = n + 1;
    }
  }

  static async open(dataDir: string, fileName = 'state.json'): Promise<LowdbStorage> {
    return new LowdbStorage(await openJsonFile<StateData>(path.join(dataDir, fileName), {}, isStateData));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const item = this.db.data[key];
      if (item) items[key] = structuredClone(item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const current = this.db.data[key];
      const next = structuredClone(change as Record<string, unknown>);
      const eTag = next.eTag;
      if (current && typeof eTag === 'string' && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      next.eTag = String(this.etag++);
      this.db.data[key] = next;
    }
    await this.db.write();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) delete this.db.data[key];
    await this.db.write();
  }

  /** Waits for pending writes: a final write of the current data. */
  async flush(): Promise<void> {
    await this.db.write();
  }
}
