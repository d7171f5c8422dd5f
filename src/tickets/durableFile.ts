import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON file written like steno (a temporary file, then an atomic rename) but durable: the temporary
 * file is fsynced before the rename and the folder after it, so a write that resolved survives a crash
 * of the machine, not only of the process. Concurrent writes coalesce: a write that is requested while
 * one is in flight joins the next one, which serializes the data *when it starts* — so one disk write
 * serves every ticket created meanwhile.
 */
export class DurableJsonFile {
  private inFlight: Promise<void> | undefined;
  private next: { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | undefined;

  constructor(
    readonly file: string,
    private readonly serialize: () => string,
    /** Called, synchronously, when a write fails and before the next one starts, to undo changes. */
    private readonly onFailure: (err: unknown) => void = () => undefined,
  ) {}

  get tempFile(): string {
    return tempFileOf(this.file);
  }

  /** Resolves once a write that started after this call is on disk. */
  write(): Promise<void> {
    if (!this.inFlight) return this.start();
    if (!this.next) {
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.next = { promise, resolve, reject };
    }
    return this.next.promise;
  }

  /** Waits until nothing is in flight. */
  async settle(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
  }

  private start(): Promise<void> {
    const data = this.serialize();
    const run = writeDurably(this.file, this.tempFile, data);
    this.inFlight = run.then(
      () => this.afterWrite(),
      (err: unknown) => {
        this.onFailure(err);
        this.afterWrite();
        throw err;
      },
    );
    return this.inFlight;
  }

  private afterWrite(): void {
    const waiting = this.next;
    this.next = undefined;
    this.inFlight = undefined;
    if (waiting) {
      // The waiting callers' data is serialized now, after any undo of the failed write above.
      this.start().then(waiting.resolve, waiting.reject);
    }
  }
}

export function tempFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
}

/** Writes `data` to `temp`, syncs it, then renames it over `file`: a crash leaves the old file or the new one. */
export async function writeDurably(file: string, temp: string, data: string): Promise<void> {
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on every platform (Windows); the rename is still atomic there.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EISDIR/EINVAL on some filesystems: best effort.
  } finally {
    await handle.close();
  }
}
