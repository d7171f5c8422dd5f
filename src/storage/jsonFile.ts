import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/** A data file exists but cannot be read as what it should be: start-up stops, the file is left alone. */
export class CorruptDataFileError extends Error {
  override name = 'CorruptDataFileError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `The data file ${file} is corrupted (${reason}). It was not changed. ` +
        'Restore it from a backup, or move it away to start with an empty one.',
    );
  }
}

/**
 * Opens a lowdb JSON file. lowdb's JSONFile writes through steno: to a temporary file, then an atomic
 * rename, with concurrent writes coalesced — a crash never leaves a half-written file. We use `Low`
 * directly rather than `JSONFilePreset`, which swaps in an in-memory adapter under NODE_ENV=test.
 */
export async function openJsonFile<T>(
  file: string,
  defaultData: T,
  isValid: (data: unknown) => data is T,
): Promise<Low<T>> {
  await mkdir(path.dirname(file), { recursive: true });
  const db = new Low<T>(new JSONFile<T>(file), defaultData);
  try {
    await db.read();
  } catch (err) {
    if (err instanceof SyntaxError) throw new CorruptDataFileError(file, `not valid JSON: ${err.message}`);
    throw err;
  }
  if (!isValid(db.data)) throw new CorruptDataFileError(file, 'unexpected content');
  return db;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
