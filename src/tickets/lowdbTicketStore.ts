import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { CorruptDataFileError, isPlainObject } from '../storage/jsonFile.js';
import { DurableJsonFile } from './durableFile.js';
import { formatTicketId, parseTicketNumber } from './ids.js';
import {
  TICKET_STATUSES,
  TicketNotFoundError,
  TicketStoreUnavailableError,
  type NewTicket,
  type Ticket,
  type TicketQuery,
  type TicketStatus,
  type TicketStore,
} from './types.js';

/**
 * Layout of DATA_DIR/tickets/ (lowdb's JSON format, one document per file):
 *
 *   counter.json            { "version": 1, "lastNumber": 1234 } — the highest number ever handed out
 *   partition-000000.json   { "version": 1, "tickets": [ …SR-000001…SR-000999 ] }
 *   partition-000001.json   { "version": 1, "tickets": [ …SR-001000…SR-001999 ] }
 *
 * Why: lowdb rewrites a whole file per write, so one file of every ticket gets slower as it grows.
 * A create only rewrites its own partition (≤ PARTITION_SIZE tickets), so its cost does not depend
 * on how many tickets exist; concurrent creates in one partition coalesce into a single write.
 * The counter is a high-water mark written beside the partition; at open the store also takes the
 * highest id found in the partitions, so a counter write lost in a crash cannot make an id reused.
 */
export const PARTITION_SIZE = 1000;
const FORMAT_VERSION = 1;
const COUNTER_FILE = 'counter.json';
const PARTITION_FILE = /^partition-(\d{6,})\.json$/;

export function partitionFileName(index: number): string {
  return `partition-${String(index).padStart(6, '0')}.json`;
}

export function partitionOf(ticketNumber: number): number {
  return Math.floor(ticketNumber / PARTITION_SIZE);
}

export interface PartitionData {
  version: 1;
  tickets: Ticket[];
}

interface CounterData {
  version: 1;
  lastNumber: number;
}

/** A light structural check: enough to refuse a file that is not ours, cheap enough for 100,000 tickets. */
export function isTicket(value: unknown): value is Ticket {
  return (
    isPlainObject(value) &&
    typeof value.id === 'string' &&
    parseTicketNumber(value.id) !== undefined &&
    isPlainObject(value.requester) &&
    typeof value.requester.userId === 'string' &&
    typeof value.status === 'string' &&
    (TICKET_STATUSES as readonly string[]).includes(value.status) &&
    Array.isArray(value.history) &&
    typeof value.createdAt === 'string'
  );
}

function isPartitionData(data: unknown): data is PartitionData {
  return (
    isPlainObject(data) &&
    data.version === FORMAT_VERSION &&
    Array.isArray(data.tickets) &&
    data.tickets.every(isTicket)
  );
}

function isCounterData(data: unknown): data is CounterData {
  return (
    isPlainObject(data) &&
    data.version === FORMAT_VERSION &&
    typeof data.lastNumber === 'number' &&
    Number.isSafeInteger(data.lastNumber) &&
    data.lastNumber >= 0
  );
}

async function readJson<T>(file: string, isValid: (data: unknown) => data is T): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataFileError(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (!isValid(data)) throw new CorruptDataFileError(file, 'unexpected content');
  return data;
}

/** One partition file and the changes not yet on disk, so a failed write can be undone. */
class Partition {
  readonly tickets: Map<string, Ticket>;
  readonly file: DurableJsonFile;
  /** id → the version before the change (undefined: the ticket is new). */
  private unsaved = new Map<string, Ticket | undefined>();
  private writing = new Map<string, Ticket | undefined>();

  constructor(file: string, tickets: Ticket[]) {
    this.tickets = new Map(tickets.map((t) => [t.id, t]));
    this.file = new DurableJsonFile(
      file,
      () => {
        this.writing = this.unsaved;
        this.unsaved = new Map();
        const data: PartitionData = { version: FORMAT_VERSION, tickets: [...this.tickets.values()] };
        return JSON.stringify(data);
      },
      () => this.undoWriting(),
    );
  }

  put(ticket: Ticket): void {
    if (!this.unsaved.has(ticket.id)) this.unsaved.set(ticket.id, this.tickets.get(ticket.id));
    this.tickets.set(ticket.id, ticket);
  }

  private undoWriting(): void {
    for (const [id, previous] of this.writing) {
      if (previous) this.tickets.set(id, previous);
      else this.tickets.delete(id);
    }
    this.writing = new Map();
  }
}

export interface OpenedTicketStore extends TicketStore {
  /** Leftover temporary files of writes interrupted by a crash, removed at open (never authoritative). */
  readonly recoveredTempFiles: readonly string[];
  readonly size: number;
}

/** Opens (or creates) the ticket store in DATA_DIR/tickets. Throws CorruptDataFileError for a damaged file. */
export async function openTicketStore(dataDir: string): Promise<OpenedTicketStore> {
  return LowdbTicketStore.open(path.join(dataDir, 'tickets'));
}

export class LowdbTicketStore implements OpenedTicketStore {
  private readonly partitions = new Map<number, Partition>();
  private readonly byRequester = new Map<string, number[]>();
  private readonly byTenant = new Map<string, number[]>();
  private readonly counter: DurableJsonFile;

  private constructor(
    private readonly dir: string,
    private lastNumber: number,
    readonly recoveredTempFiles: readonly string[],
  ) {
    this.counter = new DurableJsonFile(path.join(dir, COUNTER_FILE), () =>
      JSON.stringify({ version: FORMAT_VERSION, lastNumber: this.lastNumber } satisfies CounterData),
    );
  }

  static async open(dir: string): Promise<LowdbTicketStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw new TicketStoreUnavailableError(dir, err);
    }
    const names = await readdir(dir);
    // A temporary file is what a crash leaves mid-write: the rename never happened, so the real file
    // still holds every acknowledged ticket and the temporary one is discarded.
    const temps = names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => path.join(dir, n));
    const counter = await readJson(path.join(dir, COUNTER_FILE), isCounterData);
    const loaded: Array<{ index: number; file: string; tickets: Ticket[] }> = [];
    for (const name of names) {
      const m = PARTITION_FILE.exec(name);
      if (!m?.[1]) continue;
      const file = path.join(dir, name);
      const data = await readJson(file, isPartitionData);
      loaded.push({ index: Number(m[1]), file, tickets: data?.tickets ?? [] });
    }
    let last = counter?.lastNumber ?? 0;
    for (const p of loaded) for (const t of p.tickets) last = Math.max(last, parseTicketNumber(t.id) ?? 0);
    for (const temp of temps) await rm(temp, { force: true });
    const store = new LowdbTicketStore(dir, last, temps);
    for (const p of loaded) {
      store.partitions.set(p.index, new Partition(p.file, p.tickets));
      for (const t of p.tickets) store.index(t);
    }
    return store;
  }

  get size(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.tickets.size;
    return n;
  }

  async create(input: NewTicket, now: Date): Promise<Ticket> {
    const number = ++this.lastNumber;
    const at = now.toISOString();
    const ticket: Ticket = {
      ...structuredClone(input),
      id: formatTicketId(number),
      status: 'new',
      history: [{ at, by: input.requester.userId, action: 'created', status: 'new' }],
      createdAt: at,
      updatedAt: at,
    };
    const partition = this.partitionFor(number);
    partition.put(ticket);
    this.index(ticket);
    const [saved] = await Promise.allSettled([partition.file.write(), this.counter.write()]);
    // The ticket counts as filed once its partition is on disk; the counter is only a high-water mark.
    if (saved.status === 'rejected') throw new TicketStoreUnavailableError(partition.file.file, saved.reason);
    return structuredClone(ticket);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const ticket = this.find(id);
    return ticket && structuredClone(ticket);
  }

  async list(query: TicketQuery): Promise<Ticket[]> {
    const numbers = new Set<number>([
      ...(query.requesterId ? (this.byRequester.get(query.requesterId) ?? []) : []),
      ...(query.partnerTenantId ? (this.byTenant.get(query.partnerTenantId) ?? []) : []),
    ]);
    const found: Ticket[] = [];
    for (const n of [...numbers].sort((a, b) => b - a)) {
      const ticket = this.find(formatTicketId(n));
      if (ticket) found.push(structuredClone(ticket));
      if (found.length >= (query.limit ?? 5)) break;
    }
    return found;
  }

  async addComment(id: string, by: string, text: string, now: Date): Promise<Ticket> {
    return this.update(id, now, (t) => ({
      ...t,
      history: [...t.history, { at: now.toISOString(), by, action: 'comment', text }],
    }));
  }

  async setStatus(id: string, status: TicketStatus, by: string, now: Date): Promise<Ticket> {
    return this.update(id, now, (t) => ({
      ...t,
      status,
      history: [...t.history, { at: now.toISOString(), by, action: 'status', status }],
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.partitions.values()].map((p) => p.file.settle()));
    await this.counter.settle();
  }

  private async update(id: string, now: Date, change: (t: Ticket) => Ticket): Promise<Ticket> {
    const n = parseTicketNumber(id);
    const current = this.find(id);
    if (n === undefined || !current) throw new TicketNotFoundError(id);
    const partition = this.partitionFor(n);
    const next = { ...change(structuredClone(current)), updatedAt: now.toISOString() };
    partition.put(next);
    try {
      await partition.file.write();
    } catch (err) {
      throw new TicketStoreUnavailableError(partition.file.file, err);
    }
    return structuredClone(next);
  }

  private find(id: string): Ticket | undefined {
    const n = parseTicketNumber(id);
    if (n === undefined) return undefined;
    return this.partitions.get(partitionOf(n))?.tickets.get(formatTicketId(n));
  }

  private partitionFor(n: number): Partition {
    const index = partitionOf(n);
    let partition = this.partitions.get(index);
    if (!partition) {
      partition = new Partition(path.join(this.dir, partitionFileName(index)), []);
      this.partitions.set(index, partition);
    }
    return partition;
  }

  private index(ticket: Ticket): void {
    const n = parseTicketNumber(ticket.id);
    if (n === undefined) return;
    push(this.byRequester, ticket.requester.userId, n);
    if (ticket.partnerTenantId) push(this.byTenant, ticket.partnerTenantId, n);
  }
}

function push(map: Map<string, number[]>, key: string, n: number): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
}
