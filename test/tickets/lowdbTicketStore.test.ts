import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptDataFileError } from '../../src/storage/jsonFile.js';
import { openTicketStore, partitionFileName, PARTITION_SIZE } from '../../src/tickets/lowdbTicketStore.js';
import { TicketStoreUnavailableError } from '../../src/tickets/types.js';
import { newTicket, tempDir } from './fixtures.js';

const NOW = new Date('2026-03-18T09:00:00Z');

describe('LowdbTicketStore', () => {
  it('files a ticket on disk before create() resolves, with a sequential id and history', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    const first = await store.create(newTicket(), NOW);
    const second = await store.create(newTicket(), NOW);
    expect([first.id, second.id]).toEqual(['SR-000001', 'SR-000002']);
    expect(first.status).toBe('new');
    expect(first.history).toEqual([
      { at: NOW.toISOString(), by: 'user-1', action: 'created', status: 'new' },
    ]);
    // Read the file itself, not the store's memory.
    const onDisk = JSON.parse(await readFile(path.join(dir, 'tickets', partitionFileName(0)), 'utf8')) as {
      tickets: Array<{ id: string }>;
    };
    expect(onDisk.tickets.map((t) => t.id)).toEqual(['SR-000001', 'SR-000002']);
  });

  it('keeps every ticket of 200 concurrent creates, with distinct ids, across a reopen', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.create(newTicket({ requester: { channelId: 't', userId: `u${i % 7}` } }), NOW),
      ),
    );
    const ids = created.map((t) => t.id);
    expect(new Set(ids).size).toBe(200);
    const reopened = await openTicketStore(dir);
    expect(reopened.size).toBe(200);
    for (const id of ids) expect(await reopened.get(id)).toBeDefined();
    const next = await reopened.create(newTicket(), NOW);
    expect(next.id).toBe('SR-000201');
  });

  it('spreads tickets over partition files', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    await Promise.all(Array.from({ length: PARTITION_SIZE + 5 }, () => store.create(newTicket(), NOW)));
    const files = await readdir(path.join(dir, 'tickets'));
    expect(files.sort()).toEqual(['counter.json', partitionFileName(0), partitionFileName(1)]);
  });

  it('lists the latest tickets of a requester or a tenant, newest first', async () => {
    const store = await openTicketStore(await tempDir());
    for (let i = 0; i < 8; i++)
      await store.create(newTicket({ requester: { channelId: 't', userId: 'me' } }), NOW);
    await store.create(
      newTicket({ partnerTenantId: 'tenant-1', requester: { channelId: 't', userId: 'colleague' } }),
      NOW,
    );
    expect((await store.list({ requesterId: 'me' })).map((t) => t.id)).toEqual([
      'SR-000008',
      'SR-000007',
      'SR-000006',
      'SR-000005',
      'SR-000004',
    ]);
    expect(
      (await store.list({ requesterId: 'me', partnerTenantId: 'tenant-1', limit: 2 })).map((t) => t.id),
    ).toEqual(['SR-000009', 'SR-000008']);
  });

  it('records comments and status changes in the history', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    const { id } = await store.create(newTicket(), NOW);
    await store.addComment(id, 'user-1', 'Still broken', NOW);
    await store.setStatus(id, 'closed', 'user-1', NOW);
    const reopened = await openTicketStore(dir);
    const ticket = await reopened.get(id);
    expect(ticket?.status).toBe('closed');
    expect(ticket?.history.map((h) => h.action)).toEqual(['created', 'comment', 'status']);
  });

  it('after a crash mid-write, discards the temporary file and keeps every acknowledged ticket', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    const acknowledged = await store.create(newTicket(), NOW);
    await store.close();
    // What a crash between writing the temporary file and the rename leaves behind.
    const temp = path.join(dir, 'tickets', `.${partitionFileName(0)}.tmp`);
    await writeFile(temp, '{"version":1,"tickets":[{"id":"SR-0000');
    const reopened = await openTicketStore(dir);
    expect(reopened.recoveredTempFiles).toEqual([temp]);
    expect(await reopened.get(acknowledged.id)).toMatchObject({ id: acknowledged.id });
    expect((await reopened.create(newTicket(), NOW)).id).toBe('SR-000002');
  });

  it('does not reuse an id when the counter is behind the partitions', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    await store.create(newTicket(), NOW);
    await store.create(newTicket(), NOW);
    await store.close();
    await writeFile(path.join(dir, 'tickets', 'counter.json'), '{"version":1,"lastNumber":0}');
    const reopened = await openTicketStore(dir);
    expect((await reopened.create(newTicket(), NOW)).id).toBe('SR-000003');
  });

  it.each([
    ['a truncated partition', partitionFileName(0), '{"version":1,"tickets":[{"id":"SR-00'],
    ['a partition of something else', partitionFileName(0), '{"rows":[]}'],
    ['a damaged counter', 'counter.json', 'null garbage'],
  ])('refuses to open with %s, names the file and leaves it unchanged', async (_, name, content) => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'tickets'), { recursive: true });
    const file = path.join(dir, 'tickets', name);
    await writeFile(file, content);
    const error = await openTicketStore(dir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CorruptDataFileError);
    expect((error as CorruptDataFileError).file).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('rejects with a typed error and files nothing when the folder cannot be written', async () => {
    const dir = await tempDir();
    const store = await openTicketStore(dir);
    // A folder where the temporary file should go makes every write fail, even for root.
    const blocker = path.join(dir, 'tickets', `.${partitionFileName(0)}.tmp`);
    await mkdir(blocker);
    const error = await store.create(newTicket(), NOW).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TicketStoreUnavailableError);
    expect(await store.list({ requesterId: 'user-1' })).toEqual([]);
    expect(await store.get('SR-000001')).toBeUndefined();
    await import('node:fs/promises').then((fs) => fs.rm(blocker, { recursive: true }));
    const filed = await store.create(newTicket(), NOW);
    expect(filed.id).toBe('SR-000002');
    expect((await openTicketStore(dir)).size).toBe(1);
  });
});
