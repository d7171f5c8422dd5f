/**
 * Ticket store benchmark: the cost of a create with 1,000 and with 100,000 stored tickets, and
 * durable creates per second with 50 concurrent writers. Run: npm run bench:tickets
 * `--quick` (used by the test suite) seeds 10,000 instead of 100,000 and checks no target.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatTicketId } from '../src/tickets/ids.js';
import {
  openTicketStore,
  partitionFileName,
  partitionOf,
  type PartitionData,
} from '../src/tickets/lowdbTicketStore.js';
import type { NewTicket, Ticket } from '../src/tickets/types.js';

const NOW = new Date('2026-03-18T09:00:00Z');

function sample(i: number): NewTicket {
  return {
    partnerTenantId: `tenant-${i % 20}`,
    requester: {
      channelId: 'msteams',
      userId: `user-${i % 500}`,
      name: 'Bench User',
      email: 'bench@example.com',
    },
    category: 'technical',
    severity: 'B',
    title: 'Cannot assign licences to a customer',
    description:
      'When I try to assign licences to users of my customer the page shows an error and nothing is saved. ' +
      'It started after the subscription was renewed.',
    locale: 'en-US',
    articlesShown: ['assign-licenses', 'manage-subscriptions'],
    transcript: [
      { from: 'user', text: 'I cannot assign licences' },
      { from: 'bot', text: 'Here is an article that might help.' },
    ],
  };
}

/** Writes `count` tickets straight into partition files, as the store would have. */
async function seed(dir: string, count: number): Promise<void> {
  const ticketsDir = path.join(dir, 'tickets');
  await mkdir(ticketsDir, { recursive: true });
  const at = NOW.toISOString();
  const partitions = new Map<number, Ticket[]>();
  for (let n = 1; n <= count; n++) {
    const ticket: Ticket = {
      ...sample(n),
      id: formatTicketId(n),
      status: 'new',
      history: [{ at, by: `user-${n % 500}`, action: 'created', status: 'new' }],
      createdAt: at,
      updatedAt: at,
    };
    const p = partitionOf(n);
    const list = partitions.get(p) ?? [];
    list.push(ticket);
    partitions.set(p, list);
  }
  for (const [p, tickets] of partitions) {
    const data: PartitionData = { version: 1, tickets };
    await writeFile(path.join(ticketsDir, partitionFileName(p)), JSON.stringify(data));
  }
  await writeFile(path.join(ticketsDir, 'counter.json'), JSON.stringify({ version: 1, lastNumber: count }));
}

interface CreateCost {
  median: number;
  p95: number;
  openMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Timings of `runs` sequential durable creates over a store holding `stored` tickets (after a warm-up). */
async function sequentialCost(stored: number, runs: number): Promise<CreateCost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-tickets-'));
  try {
    await seed(dir, stored);
    const opened = performance.now();
    const store = await openTicketStore(dir);
    const openMs = performance.now() - opened;
    for (let i = 0; i < 20; i++) await store.create(sample(i), NOW);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await store.create(sample(i), NOW);
      times.push(performance.now() - start);
    }
    await store.close();
    times.sort((a, b) => a - b);
    return { median: percentile(times, 0.5), p95: percentile(times, 0.95), openMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function concurrentRate(stored: number, writers: number, perWriter: number): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-tickets-'));
  try {
    await seed(dir, stored);
    const store = await openTicketStore(dir);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await store.create(sample(w * perWriter + i), NOW);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    await store.close();
    return (writers * perWriter) / seconds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const quick = process.argv.includes('--quick');
const RUNS = quick ? 50 : 300;
const LARGE = quick ? 10_000 : 100_000;
const small = await sequentialCost(1_000, RUNS);
const large = await sequentialCost(LARGE, RUNS);
// The median: one create's own cost, without the garbage collections a bigger heap brings now and then.
const ratio = large.median / small.median;
const rate = await concurrentRate(1_000, 50, quick ? 10 : 40);

const ms = (n: number) => `${n.toFixed(2)} ms`;
console.log(
  `create, 1,000 stored:    median ${ms(small.median)}, p95 ${ms(small.p95)} (${RUNS} sequential durable creates)`,
);
console.log(
  `create, ${LARGE.toLocaleString('en-US')} stored:  median ${ms(large.median)}, p95 ${ms(large.p95)} (opening the store took ${Math.round(large.openMs)} ms)`,
);
console.log(
  `ratio ${LARGE / 1000}k / 1k:         ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? 'OK' : 'MISSED'}`,
);
console.log(
  `50 concurrent writers:   ${Math.round(rate)} durable creates/s (target ≥ 500/s) ${rate >= 500 ? 'OK' : 'MISSED'}`,
);
if (!quick && (ratio > 2 || rate < 500)) process.exitCode = 1;
