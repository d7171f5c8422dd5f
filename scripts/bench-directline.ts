import { randomBytes } from 'node:crypto';
/**
 * Drives the same turns through the embedded Direct Line and through /api/messages with
 * deliveryMode=expectReplies, in one run against one server, and prints messages per second and
 * turn latency (p50/p99) for both. A Direct Line turn is timed from the POST of the activity to its
 * response, which comes once the turn has ended and its replies are in the transcript.
 *
 * A third row runs the same turns with no HTTP at all, straight into the adapter as the embedded
 * Direct Line does: the ceiling of any transport in front of this bot.
 *
 *   npm run bench:directline [-- --conversations 50 --turns 10]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { RequestHandler, StreamingRequest, StreamingResponse, WebSocketClient, type IReceiveRequest } from 'botframework-streaming';
import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import { InProcessConnectorFactory } from '../src/channels/directline/inProcessConnector.js';
import { STREAMING_CONNECT_PATH } from '../src/channels/directline/streaming.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';

const { values } = parseArgs({
  options: { conversations: { type: 'string', default: '50' }, turns: { type: 'string', default: '10' } },
});
const CONVERSATIONS = Number(values.conversations);
const TURNS = Number(values.turns);

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

interface Result {
  latencies: number[];
  ms: number;
  replies: number;
  errors: number;
}

async function json<T>(url: string, init: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function runConversations(turn: (conversation: number, n: number) => Promise<number>, setup: (c: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let replies = 0;
  let errors = 0;
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, c) => setup(c)));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      for (let n = 0; n < TURNS; n++) {
        const t0 = performance.now();
        try {
          const got = await turn(c, n);
          replies += got;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, ms: performance.now() - started, replies, errors };
}

function summary(name: string, r: Result) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    path: name,
    turns: r.latencies.length,
    'msgs/s': Math.round((r.latencies.length / r.ms) * 1000),
    'p50 ms': Math.round(at(0.5)),
    'p99 ms': Math.round(at(0.99)),
    'replies/turn': +(r.replies / Math.max(1, r.latencies.length)).toFixed(2),
    errors: r.errors,
  };
}

const SECRET = randomBytes(32).toString('hex');

/** A fresh app (and state folder) per path, so neither path pays for the other's stored state. */
async function boot() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-dl-'));
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DIRECTLINE_SECRET: SECRET });
  // The app exactly as `npm start` wires it; tokens come from the secret, as a portal backend gets them.
  const app = await createApp(config, logger);
  const routes = app.directLine;
  await new Promise<void>((resolve) => app.server.server.listen(0, '127.0.0.1', resolve));
  // As `npm start` does once it listens: the turns measured are the steady state, not the first ones.
  await app.knowledge.prepare();
  return {
    app,
    base: `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`,
    routes,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// A question, then "yes" to "did I answer your question?", and so on: what a user does.
const question = (c: number, n: number) => (n % 2 === 1 ? 'yes' : (QUESTIONS[(c + n / 2) % QUESTIONS.length] ?? 'help'));

async function benchDirectLine(): Promise<Result> {
  const { base, routes, close } = await boot();
  try {
    // Token, start, then each turn is one POST that returns when the turn has ended.
    const grants: Array<{ token: string; conversationId: string }> = [];
    return await runConversations(
      async (c, n) => {
        const g = grants[c]!;
        const posted = await json<{ id: string }>(`${base}/v3/directline/conversations/${g.conversationId}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: question(c, n), locale: 'en-US' }),
        });
        if (posted.status !== 200) throw new Error(`post ${posted.status}`);
        const all = routes.store.get(g.conversationId)?.since(undefined).activities ?? [];
        return all.filter((a) => a.replyToId === posted.body.id).length;
      },
      async (c) => {
        const issued = await json<{ token: string }>(`${base}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET}` },
        });
        const started = await json<{ token: string; conversationId: string }>(`${base}/v3/directline/conversations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${issued.body.token}` },
        });
        grants[c] = started.body;
        // The welcome turn runs in the background; let it finish before the clock starts.
        await routes.store.get(started.body.conversationId)?.idle();
      },
    );
  } finally {
    await close();
  }
}

/** A streaming client as Web Chat's App Service Extension mode is, counting the replies pushed per activity. */
class StreamingClient extends RequestHandler {
  readonly socket: WebSocketClient;
  private readonly replies = new Map<string, number>();
  private waiting: { replyTo: string; count: number; resolve: () => void } | undefined;

  constructor(url: string) {
    super();
    this.socket = new WebSocketClient({ url, requestHandler: this, disconnectionHandler: () => undefined });
  }

  override async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
    const { activities } = JSON.parse((await request.streams[0]?.readAsString()) ?? '{}') as { activities: Array<{ replyToId?: string }> };
    for (const a of activities) {
      if (!a.replyToId) continue;
      this.replies.set(a.replyToId, (this.replies.get(a.replyToId) ?? 0) + 1);
      const w = this.waiting;
      if (w && w.replyTo === a.replyToId && (this.replies.get(w.replyTo) ?? 0) >= w.count) {
        this.waiting = undefined;
        w.resolve();
      }
    }
    return StreamingResponse.create(200);
  }

  async send(path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const request = StreamingRequest.create('POST', path);
    if (body !== undefined) request.setBody(JSON.stringify(body));
    const response = await this.socket.send(request);
    return { status: response.statusCode ?? 0, text: (await response.streams[0]?.readAsString()) ?? '' };
  }

  /** Resolves once `count` replies to the activity have arrived (they may have already). */
  repliesTo(replyTo: string, count: number): Promise<void> {
    if ((this.replies.get(replyTo) ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting = { replyTo, count, resolve };
    });
  }
}

async function benchStreaming(): Promise<Result> {
  const { base, routes, close } = await boot();
  const clients: Array<{ client: StreamingClient; conversationId: string }> = [];
  try {
    // Token, connect, start; each turn is one request on the socket, done when its replies have arrived.
    return await runConversations(
      async (c, n) => {
        const { client, conversationId } = clients[c]!;
        const posted = await client.send(`/v3/directline/conversations/${conversationId}/activities`, {
          type: 'message',
          text: question(c, n),
          locale: 'en-US',
        });
        if (posted.status !== 200) throw new Error(`post ${posted.status}`);
        const { id } = JSON.parse(posted.text) as { id: string };
        const expected = (routes.store.get(conversationId)?.since(undefined).activities ?? []).filter((a) => a.replyToId === id).length;
        await client.repliesTo(id, expected);
        return expected;
      },
      async (c) => {
        const issued = await json<{ token: string; conversationId: string }>(`${base}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET}` },
        });
        const client = new StreamingClient(`${base.replace(/^http/, 'ws')}${STREAMING_CONNECT_PATH}?token=${issued.body.token}`);
        await client.socket.connect();
        const started = await client.send('/v3/directline/conversations');
        if (started.status !== 200) throw new Error(`start ${started.status}`);
        clients[c] = { client, conversationId: issued.body.conversationId };
        await routes.store.get(issued.body.conversationId)?.idle();
      },
    );
  } finally {
    for (const { client } of clients) client.socket.disconnect();
    await close();
  }
}

async function benchApiMessages(): Promise<Result> {
  const { base, close } = await boot();
  try {
    // The replies come back in the response body.
    return await runConversations(
      async (c, n) => {
        const r = await json<{ activities?: unknown[] }>(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `m-${c}-${n}`,
            text: question(c, n),
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
      async () => undefined,
    );
  } finally {
    await close();
  }
}

async function benchInProcess(): Promise<Result> {
  const { app, close } = await boot();
  try {
    // The embedded Direct Line's own way into the adapter, with replies counted instead of stored.
    const delivered = new Map<string, number>();
    const connectorFactory = new InProcessConnectorFactory((conversationId) => {
      const count = (delivered.get(conversationId) ?? 0) + 1;
      delivered.set(conversationId, count);
      return { id: String(count) };
    });
    const claimsIdentity = new ClaimsIdentity([{ type: AuthenticationConstants.AppIdClaim, value: '' }], true);
    const auth = { audience: AuthenticationConstants.ToChannelFromBotOAuthScope, claimsIdentity, connectorFactory };
    return await runConversations(
      async (c, n) => {
        const conversationId = `bench-floor-${c}`;
        const before = delivered.get(conversationId) ?? 0;
        const activity: Partial<Activity> = {
          type: 'message',
          id: `m-${c}-${n}`,
          text: question(c, n),
          locale: 'en-US',
          channelId: 'directline',
          serviceUrl: 'urn:bench:in-process',
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          from: { id: `user-${c}`, name: '', role: 'user' },
          recipient: { id: 'bot', name: '', role: 'bot' },
        };
        await app.adapter.processActivityDirect(auth, activity as Activity, (context) => app.bot.run(context));
        return (delivered.get(conversationId) ?? 0) - before;
      },
      async () => undefined,
    );
  } finally {
    await close();
  }
}

async function main() {
  // One untimed round of each path warms the JIT and caches; the timed rounds then alternate order.
  await benchApiMessages();
  await benchDirectLine();
  await benchStreaming();
  const dl: Result[] = [];
  const streaming: Result[] = [];
  const api: Result[] = [];
  api.push(await benchApiMessages());
  streaming.push(await benchStreaming());
  dl.push(await benchDirectLine());
  dl.push(await benchDirectLine());
  streaming.push(await benchStreaming());
  api.push(await benchApiMessages());
  const floor = [await benchInProcess(), await benchInProcess()];
  const merge = (rs: Result[]): Result => ({
    latencies: rs.flatMap((r) => r.latencies),
    ms: rs.reduce((a, r) => a + r.ms, 0),
    replies: rs.reduce((a, r) => a + r.replies, 0),
    errors: rs.reduce((a, r) => a + r.errors, 0),
  });
  console.log(`${CONVERSATIONS} concurrent conversations × ${TURNS} turns × 2 rounds per path, Node ${process.version}`);
  const rows = [
    summary('Direct Line streaming (one socket)', merge(streaming)),
    summary('Direct Line v3 REST (POST per turn)', merge(dl)),
    summary('/api/messages expectReplies', merge(api)),
    summary('adapter only, no HTTP (ceiling)', merge(floor)),
  ];
  console.table(rows);
  const ratio = (i: number) => rows[i]!['msgs/s'] / Math.max(1, rows[2]!['msgs/s']);
  console.log(`Direct Line streaming throughput = ${ratio(0).toFixed(2)}× /api/messages`);
  console.log(`Direct Line v3 REST throughput = ${ratio(1).toFixed(2)}× /api/messages`);
  console.log(`No transport at all would give ${ratio(3).toFixed(2)}× /api/messages: the bot's own turn is the rest.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
