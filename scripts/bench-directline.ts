/**
 * Drives the same turns through the embedded Direct Line (its streaming socket and its v3 REST +
 * WebSocket transport) and through /api/messages with deliveryMode=expectReplies, in one run against
 * one server, and prints messages per second, turn latency (p50/p99) and the server's CPU time per
 * turn for each.
 *
 * The load comes from a separate process, as it would from browsers: the server's throughput is
 * measured, not the client libraries'. A turn is timed from the user's message until its response
 * has come back and its first reply has reached the client (in the response body for /api/messages,
 * pushed on the socket for Direct Line). Replies per turn count every reply the client received.
 *
 * A last row runs the same turns with no transport at all, straight into the adapter as the embedded
 * Direct Line does: the ceiling of any transport in front of this bot.
 *
 *   npm run bench:directline [-- --conversations 50 --turns 10]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import {
  RequestHandler,
  StreamingRequest,
  StreamingResponse,
  WebSocketClient,
  type IReceiveRequest,
} from 'botframework-streaming';
import { WebSocket } from 'ws';
import { STREAMING_CONNECT_PATH } from '../src/channels/directline/streaming.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '50' },
    turns: { type: 'string', default: '10' },
    client: { type: 'string' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const TURNS = Number(values.turns);

const PATHS = ['streaming', 'v3', 'api'] as const;
type PathName = (typeof PATHS)[number];

const QUESTIONS = [
  'How do I add a new customer?',
  'Come aggiungo un nuovo cliente?',
  'Como adiciono um novo cliente?',
  '¿Cómo agrego un nuevo cliente?',
  'Wie füge ich einen neuen Kunden hinzu?',
  'Как добавить нового клиента?',
  '如何添加新客户？',
  'help',
];

// A question, then "yes" to "did I answer your question?", and so on: what a user does.
const question = (c: number, n: number) =>
  n % 2 === 1 ? 'yes' : (QUESTIONS[(c + n / 2) % QUESTIONS.length] ?? 'help');

interface Result {
  latencies: number[];
  ms: number;
  replies: number;
  errors: number;
  /** Server CPU (user + system) during the timed turns, in ms. */
  serverCpuMs: number;
}

/** What the load generator is told: where the server is and which path to drive. */
interface ClientJob {
  path: PathName;
  base: string;
  secret: string;
}

type ClientMessage = { ready: true } | { result: Omit<Result, 'serverCpuMs'> };

// ---------------------------------------------------------------------------------------------------
// The load generator (a child process)

async function json<T>(url: string, init: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Counts the replies a client has received per activity, and lets a turn wait for the first one. */
class Replies {
  private readonly counts = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  received(activities: ReadonlyArray<{ replyToId?: string }>): void {
    for (const { replyToId } of activities) {
      if (!replyToId) continue;
      this.counts.set(replyToId, (this.counts.get(replyToId) ?? 0) + 1);
      this.waiting.get(replyToId)?.();
      this.waiting.delete(replyToId);
    }
  }

  first(replyTo: string): Promise<void> {
    if (this.counts.has(replyTo)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(replyTo, resolve));
  }

  /** Replies to these activities once the pushes have stopped arriving. */
  async total(ids: readonly string[]): Promise<number> {
    let last = -1;
    let now = 0;
    while (now !== last) {
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = ids.reduce((sum, id) => sum + (this.counts.get(id) ?? 0), 0);
    }
    return now;
  }
}

/** One simulated user: set up before the clock starts, then one call per turn. */
interface User {
  turn(text: string): Promise<number>;
  replies(): Promise<number>;
  close(): void;
}

async function directLineGrant(job: ClientJob): Promise<{ token: string; conversationId: string }> {
  const issued = await json<{ token: string; conversationId: string }>(
    `${job.base}/v3/directline/tokens/generate`,
    { method: 'POST', headers: { authorization: `Bearer ${job.secret}` } },
  );
  if (issued.status !== 200) throw new Error(`generate ${issued.status}`);
  return issued.body;
}

/** Web Chat's default transport: POST per activity, replies pushed on the v3 stream. */
async function v3User(job: ClientJob): Promise<User> {
  const { token } = await directLineGrant(job);
  const started = await json<{ token: string; conversationId: string; streamUrl: string }>(
    `${job.base}/v3/directline/conversations`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
  );
  if (started.status !== 201 && started.status !== 200) throw new Error(`start ${started.status}`);
  const { conversationId, streamUrl } = started.body;
  const replies = new Replies();
  const posted: string[] = [];
  const ws = new WebSocket(streamUrl);
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (text) replies.received((JSON.parse(text) as { activities: Activity[] }).activities);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    async turn(text) {
      const r = await json<{ id: string }>(
        `${job.base}/v3/directline/conversations/${conversationId}/activities`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${started.body.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text, locale: 'en-US', from: { id: 'user' } }),
        },
      );
      if (r.status !== 200) throw new Error(`post ${r.status}`);
      posted.push(r.body.id);
      await replies.first(r.body.id);
      return 0;
    },
    replies: () => replies.total(posted),
    close: () => ws.close(),
  };
}

/** Web Chat's App Service Extension transport: everything on one streaming socket. */
async function streamingUser(job: ClientJob): Promise<User> {
  const { token, conversationId } = await directLineGrant(job);
  const replies = new Replies();
  const posted: string[] = [];
  const handler = new (class extends RequestHandler {
    override async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
      const set = JSON.parse((await request.streams[0]?.readAsString()) ?? '{}') as {
        activities?: Activity[];
      };
      replies.received(set.activities ?? []);
      return StreamingResponse.create(200);
    }
  })();
  const url = `${job.base.replace(/^http/, 'ws')}${STREAMING_CONNECT_PATH}?token=${token}`;
  const socket = new WebSocketClient({ url, requestHandler: handler, disconnectionHandler: () => undefined });
  await socket.connect();
  const send = async (path: string, body?: unknown) => {
    const request = StreamingRequest.create('POST', path);
    if (body !== undefined) request.setBody(JSON.stringify(body));
    const response = await socket.send(request);
    return { status: response.statusCode ?? 0, text: (await response.streams[0]?.readAsString()) ?? '' };
  };
  const started = await send('/v3/directline/conversations');
  if (started.status !== 200) throw new Error(`start ${started.status}`);
  return {
    async turn(text) {
      const r = await send(`/v3/directline/conversations/${conversationId}/activities`, {
        type: 'message',
        text,
        locale: 'en-US',
      });
      if (r.status !== 200) throw new Error(`post ${r.status}`);
      const { id } = JSON.parse(r.text) as { id: string };
      posted.push(id);
      await replies.first(id);
      return 0;
    },
    replies: () => replies.total(posted),
    close: () => socket.disconnect(),
  };
}

/** A channel posting to the bot's endpoint; the replies come back in the response body. */
function apiUser(job: ClientJob, c: number): User {
  let n = 0;
  return {
    async turn(text) {
      const r = await json<{ activities?: unknown[] }>(`${job.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `m-${c}-${n++}`,
          text,
          locale: 'en-US',
          channelId: 'emulator',
          deliveryMode: 'expectReplies',
          conversation: { id: `bench-api-${c}` },
          from: { id: `user-${c}`, role: 'user' },
          recipient: { id: 'bot', role: 'bot' },
        }),
      });
      if (r.status !== 200) throw new Error(`api ${r.status}`);
      return r.body.activities?.length ?? 0;
    },
    replies: () => Promise.resolve(0),
    close: () => undefined,
  };
}

async function runClient(job: ClientJob): Promise<void> {
  const send = (message: ClientMessage) => process.send?.(message);
  const users = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, c) =>
      job.path === 'api' ? apiUser(job, c) : job.path === 'v3' ? v3User(job) : streamingUser(job),
    ),
  );
  // Let the welcome turns end before the clock starts, then wait for the server's go.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const go = new Promise((resolve) => process.once('message', resolve));
  send({ ready: true });
  await go;
  const latencies: number[] = [];
  let replies = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    users.map(async (user, c) => {
      for (let n = 0; n < TURNS; n++) {
        const t0 = performance.now();
        try {
          const got = await user.turn(question(c, n)); // (not `replies += await`: that loses updates)
          replies += got;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const ms = performance.now() - started;
  const pushed = await Promise.all(users.map((user) => user.replies()));
  replies += pushed.reduce((a, b) => a + b, 0);
  for (const user of users) user.close();
  send({ result: { latencies, ms, replies, errors } });
}

// ---------------------------------------------------------------------------------------------------
// The server (this process)

const SECRET = randomBytes(32).toString('hex');

/** A fresh app (and state folder) per round, so no path pays for another's stored state. */
async function boot() {
  // Imported here: the load generator, a process of its own, needs none of the app.
  const [{ pino }, { loadConfig }, { createApp }] = await Promise.all([
    import('pino'),
    import('../src/config.js'),
    import('../src/app.js'),
  ]);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-dl-'));
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DIRECTLINE_SECRET: SECRET });
  // The app exactly as `npm start` wires it; tokens come from the secret, as a portal backend gets them.
  const app = await createApp(config, logger);
  await new Promise<void>((resolve) => app.server.server.listen(0, '127.0.0.1', resolve));
  // As `npm start` does once it listens: the turns measured are the steady state, not the first ones.
  await app.knowledge.prepare();
  return {
    app,
    base: `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function benchPath(name: PathName): Promise<Result> {
  const { base, close } = await boot();
  let child: ChildProcess | undefined;
  try {
    const job: ClientJob = { path: name, base, secret: SECRET };
    child = fork(
      fileURLToPath(import.meta.url),
      ['--client', JSON.stringify(job), '--conversations', String(CONVERSATIONS), '--turns', String(TURNS)],
      { execArgv: process.execArgv },
    );
    const load = child;
    let cpu: NodeJS.CpuUsage | undefined;
    return await new Promise<Result>((resolve, reject) => {
      load.on('message', (message: ClientMessage) => {
        if ('ready' in message) {
          cpu = process.cpuUsage();
          load.send('go');
        } else {
          resolve({ ...message.result, serverCpuMs: cpu ? cpuMs(cpu) : 0 });
        }
      });
      load.once('error', reject);
      load.once('exit', (code) => reject(new Error(`the load generator exited (${code})`)));
    });
  } finally {
    child?.kill();
    await close();
  }
}

async function benchInProcess(): Promise<Result> {
  const { app, close } = await boot();
  const { AuthenticationConstants, ClaimsIdentity } = await import('botframework-connector');
  const { InProcessConnectorFactory } = await import('../src/channels/directline/inProcessConnector.js');
  try {
    // The embedded Direct Line's own way into the adapter, with replies counted instead of stored.
    const delivered = new Map<string, number>();
    const connectorFactory = new InProcessConnectorFactory((conversationId) => {
      const count = (delivered.get(conversationId) ?? 0) + 1;
      delivered.set(conversationId, count);
      return { id: String(count) };
    });
    const claimsIdentity = new ClaimsIdentity(
      [{ type: AuthenticationConstants.AppIdClaim, value: '' }],
      true,
    );
    const auth = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity,
      connectorFactory,
    };
    const latencies: number[] = [];
    let errors = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        for (let n = 0; n < TURNS; n++) {
          const t0 = performance.now();
          const activity: Partial<Activity> = {
            type: 'message',
            id: `m-${c}-${n}`,
            text: question(c, n),
            locale: 'en-US',
            channelId: 'directline',
            serviceUrl: 'urn:bench:in-process',
            conversation: { id: `bench-floor-${c}`, isGroup: false, conversationType: 'personal', name: '' },
            from: { id: `user-${c}`, name: '', role: 'user' },
            recipient: { id: 'bot', name: '', role: 'bot' },
          };
          try {
            await app.adapter.processActivityDirect(auth, activity as Activity, (context) =>
              app.bot.run(context),
            );
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const ms = performance.now() - started;
    const replies = [...delivered.values()].reduce((a, b) => a + b, 0);
    return { latencies, ms, replies, errors, serverCpuMs: cpuMs(cpu) };
  } finally {
    await close();
  }
}

function summary(name: string, rs: Result[]) {
  const latencies = rs.flatMap((r) => r.latencies);
  const sum = (f: (r: Result) => number) => rs.reduce((a, r) => a + f(r), 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const turns = Math.max(1, latencies.length);
  return {
    path: name,
    turns: latencies.length,
    'msgs/s': Math.round((latencies.length / sum((r) => r.ms)) * 1000),
    'p50 ms': Math.round(at(0.5)),
    'p99 ms': Math.round(at(0.99)),
    'server CPU ms/turn': +(sum((r) => r.serverCpuMs) / turns).toFixed(2),
    'replies/turn': +(sum((r) => r.replies) / turns).toFixed(2),
    errors: sum((r) => r.errors),
  };
}

async function main() {
  // One untimed round of each path warms the server's JIT and caches; the timed rounds alternate.
  for (const name of PATHS) await benchPath(name);
  const results: Record<PathName, Result[]> = { streaming: [], v3: [], api: [] };
  for (const name of [...PATHS, ...[...PATHS].reverse()]) results[name].push(await benchPath(name));
  const floor = [await benchInProcess(), await benchInProcess()];
  console.log(
    `${CONVERSATIONS} concurrent conversations × ${TURNS} turns × 2 rounds per path, ` +
      `load from a separate process, Node ${process.version}`,
  );
  const rows = [
    summary('Direct Line streaming (one socket)', results.streaming),
    summary('Direct Line v3 (POST + WebSocket)', results.v3),
    summary('/api/messages expectReplies', results.api),
    summary('adapter only, no transport (ceiling)', floor),
  ];
  console.table(rows);
  const api = rows[2]!;
  for (const row of rows.slice(0, 2)) {
    const speed = row['msgs/s'] / Math.max(1, api['msgs/s']);
    console.log(
      `${row.path}: ${speed.toFixed(2)}× the throughput of /api/messages ` +
        `(server CPU per turn ${row['server CPU ms/turn']} ms against ${api['server CPU ms/turn']} ms)`,
    );
  }
}

if (values.client) {
  runClient(JSON.parse(values.client) as ClientJob).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
