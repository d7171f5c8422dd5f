import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import {
  RequestHandler,
  StreamingRequest,
  StreamingResponse,
  WebSocketClient,
  type IReceiveRequest,
} from 'botframework-streaming';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { DeliveredActivity } from '../../src/channels/directline/conversations.js';
import { encodeFrames, FrameReader, type Frame } from '../../src/channels/directline/frames.js';
import { STREAMING_CONNECT_PATH, streamingRoute } from '../../src/channels/directline/streaming.js';
import { signToken } from '../../src/channels/directline/token.js';
import { call, startDirectLine, waitFor, type Grant, type Harness } from './helpers.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const texts = (activities: DeliveredActivity[]) =>
  activities.map((a) => `${a.from?.role}:${a.text ?? a.type}`);

/** A client as Web Chat's App Service Extension mode is: the same protocol library, the same requests. */
class Client extends RequestHandler {
  readonly received: DeliveredActivity[] = [];
  closed = false;
  readonly socket: WebSocketClient;

  constructor(url: string) {
    super();
    this.socket = new WebSocketClient({
      url,
      requestHandler: this,
      disconnectionHandler: () => (this.closed = true),
    });
  }

  override async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
    const body = JSON.parse(await request.streams[0]!.readAsString()) as { activities: DeliveredActivity[] };
    this.received.push(...body.activities);
    return StreamingResponse.create(200);
  }

  async request<T>(verb: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const request = StreamingRequest.create(verb, path);
    if (body !== undefined) request.setBody(typeof body === 'string' ? body : JSON.stringify(body));
    const response = await this.socket.send(request);
    const text = response.streams[0] ? await response.streams[0].readAsString() : '';
    return { status: response.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T };
  }

  post(conversationId: string, activity: unknown) {
    return this.request<{ id: string }>(
      'POST',
      `/v3/directline/conversations/${conversationId}/activities`,
      activity,
    );
  }
}

async function issue(h: Harness, locale = 'it-IT'): Promise<Grant> {
  const issued = await call<Grant>(h.base, 'POST', '/api/directline/token', undefined, { locale });
  expect(issued.status).toBe(200);
  return issued.body;
}

async function connect(h: Harness, query: Record<string, string>): Promise<Client> {
  const client = new Client(
    `${h.base.replace(/^http/, 'ws')}${STREAMING_CONNECT_PATH}?${new URLSearchParams(query)}`,
  );
  await client.socket.connect();
  return client;
}

/** Connects and starts the conversation, as the client does first; waits for the welcome. */
async function open(h: Harness, g: Grant): Promise<Client> {
  const client = await connect(h, { token: g.token });
  const started = await client.request<{ conversationId: string }>('POST', '/v3/directline/conversations');
  expect(started).toEqual({ status: 200, body: { conversationId: g.conversationId } });
  await waitFor(async () => (client.received.length > 0 ? true : undefined));
  return client;
}

/** A socket that speaks raw frames, for what no well-behaved client sends. */
async function rawSocket(h: Harness, token: string) {
  const raw = new WebSocket(`${h.base.replace(/^http/, 'ws')}${STREAMING_CONNECT_PATH}?token=${token}`);
  const closed = new Promise<number>((resolve) => raw.on('close', resolve));
  await new Promise((resolve) => raw.once('open', resolve));
  return { raw, closed };
}

describe('Direct Line over the streaming protocol (App Service Extension)', () => {
  let h: Harness;
  const clients: Client[] = [];
  beforeEach(async () => {
    h = await startDirectLine();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.disconnect();
    await h.close();
  });
  const track = (c: Client) => {
    clients.push(c);
    return c;
  };

  it.each([
    ['POST', '/v3/directline/conversations', { kind: 'start' }],
    ['post', '/v3/directline/conversations/abc/activities', { kind: 'post', conversationId: 'abc' }],
    ['PUT', '/v3/directline/conversations/abc/users/dl_u/upload', { kind: 'upload', conversationId: 'abc' }],
    ['GET', '/v3/directline/conversations/abc/activities', { kind: 'unknown' }],
    ['POST', '/v3/directline/conversations/a/b/activities', { kind: 'unknown' }],
    ['POST', '/api/messages', { kind: 'unknown' }],
  ])('routes %s %s', (verb, path, expected) => {
    expect(streamingRoute(verb, path)).toEqual(expected);
  });

  it('starts the conversation with a welcome in the locale the page asked its token in', async () => {
    const g = await issue(h, 'de-DE');
    const client = track(await open(h, g));
    expect(texts(client.received)).toEqual(['bot:welcome de-DE']);
    // Starting again (a reconnect) does not welcome twice.
    const again = await client.request('POST', '/v3/directline/conversations');
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.received).toHaveLength(1);
  });

  it('welcomes in the locale a portal backend asked its token in', async () => {
    const generated = await fetch(`${h.base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: 'alice' }, locale: 'zh-CN' }),
    });
    const g = (await generated.json()) as Grant;
    const client = track(await open(h, g));
    expect(texts(client.received)).toEqual(['bot:welcome zh-CN']);
  });

  it('echoes the message and pushes the replies in order, on the same socket', async () => {
    const g = await issue(h);
    const client = track(await open(h, g));
    const posted = await client.post(g.conversationId, {
      type: 'message',
      text: 'ciao',
      from: { id: 'someone-else', name: 'Ann' },
      channelData: { clientActivityID: 'c-1' },
    });
    expect(posted.status).toBe(200);
    const turn = await waitFor(async () =>
      client.received.length >= 4 ? client.received.slice(1) : undefined,
    );
    expect(texts(turn)).toEqual(['user:ciao', 'bot:you said: ciao', 'bot:done: ciao']);
    const [echo, reply, buttons] = turn as [DeliveredActivity, DeliveredActivity, DeliveredActivity];
    expect(echo.id).toBe(posted.body.id);
    expect(echo.from).toMatchObject({ id: g.userId, name: 'Ann', role: 'user' });
    expect(echo.channelData).toEqual({ clientActivityID: 'c-1' });
    expect(reply.replyToId).toBe(echo.id);
    expect(buttons.suggestedActions?.actions.map((a) => a.title)).toEqual(['A', 'B']);
    // The same transcript the REST API reads.
    const rest = await call<{ activities: DeliveredActivity[] }>(
      h.base,
      'GET',
      `/v3/directline/conversations/${g.conversationId}/activities`,
      g.token,
    );
    expect(rest.body.activities.map((a) => a.id)).toEqual(client.received.map((a) => a.id));
  });

  it('keeps concurrent posts in order, one turn at a time', async () => {
    const g = await issue(h);
    const client = track(await open(h, g));
    await Promise.all(
      ['slow 1', '2', '3'].map((text) => client.post(g.conversationId, { type: 'message', text })),
    );
    const seq = texts(
      await waitFor(async () => (client.received.length >= 10 ? client.received : undefined)),
    );
    expect(seq.filter((t) => t.startsWith('user:'))).toEqual(['user:slow 1', 'user:2', 'user:3']);
    expect(seq.filter((t) => t.startsWith('bot:you said'))).toEqual([
      'bot:you said: slow 1',
      'bot:you said: 2',
      'bot:you said: 3',
    ]);
  });

  it.each([
    ['no token', () => ({})],
    ['a forged token', () => ({ token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA' })],
    [
      'a token signed with another secret',
      () => ({
        token: signToken(
          { kind: 'conversation', conversationId: 'c', userId: 'dl_u', issuedAt: 0, expiresAt: 9e9 },
          'another-secret',
        ),
      }),
    ],
    [
      'a stream token (it opens only the v3 stream)',
      () => ({
        token: signToken(
          { kind: 'stream', conversationId: 'c', userId: 'dl_u', issuedAt: 0, expiresAt: 9e9 },
          SECRET,
        ),
      }),
    ],
  ])('refuses to connect with %s', async (_name, query) => {
    await expect(connect(h, query())).rejects.toThrow();
  });

  it('refuses a token for another conversation than the one asked to resume', async () => {
    const mine = await issue(h);
    const theirs = await issue(h);
    await expect(connect(h, { token: mine.token, conversationId: theirs.conversationId })).rejects.toThrow();
  });

  it('does not let a connection write into another conversation', async () => {
    const victim = await issue(h);
    const victimClient = track(await open(h, victim));
    const g = await issue(h);
    const client = track(await open(h, g));
    const posted = await client.post(victim.conversationId, { type: 'message', text: 'intrusion' });
    expect(posted.status).toBe(403);
    await new Promise((r) => setTimeout(r, 50));
    expect(texts(victimClient.received)).toEqual(['bot:welcome it-IT']);
  });

  it('answers 403 at connect once the token has expired, and refreshes under the streaming domain', async () => {
    let now = Date.now();
    const timed = await startDirectLine({ now: () => now, tokenTtlSeconds: 60 });
    try {
      const g = await issue(timed);
      const refreshed = await call<Grant>(timed.base, 'POST', '/.bot/v3/directline/tokens/refresh', g.token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.conversationId).toBe(g.conversationId);
      now += 61_000;
      await expect(connect(timed, { token: g.token })).rejects.toThrow();
      const late = await call(timed.base, 'POST', '/.bot/v3/directline/tokens/refresh', g.token);
      expect(late.status).toBe(403);
    } finally {
      await timed.close();
    }
  });

  it.each([
    ['not JSON', '{"type":', 400],
    ['not an activity', { type: 'delete-everything' }, 400],
    ['too long a message', { type: 'message', text: 'x'.repeat(70_000) }, 413],
  ])('refuses %s and keeps the conversation', async (_name, body, status) => {
    const g = await issue(h);
    const client = track(await open(h, g));
    const r = await client.post(g.conversationId, body);
    expect(r.status).toBe(status);
    const ok = await client.post(g.conversationId, { type: 'message', text: 'still here' });
    expect(ok.status).toBe(200);
  });

  it('answers 404 to an unknown request and 501 to an upload', async () => {
    const g = await issue(h);
    const client = track(await open(h, g));
    expect((await client.request('GET', '/v3/directline/conversations')).status).toBe(404);
    expect(
      (
        await client.request(
          'PUT',
          `/v3/directline/conversations/${g.conversationId}/users/${g.userId}/upload`,
          {},
        )
      ).status,
    ).toBe(501);
  });

  it('answers a request it cannot read with 400, and closes a socket that breaks the framing', async () => {
    const g = await issue(h);
    const { raw, closed } = await rawSocket(h, g.token);
    const reader = new FrameReader();
    const frames: Frame[] = [];
    raw.on('message', (data: Buffer) => frames.push(...reader.read(data)));

    const id = randomUUID();
    raw.send(Buffer.concat(encodeFrames('A', id, Buffer.from('{"verb": "POST", "path": '))));
    const answer = await waitFor(async () => frames.find((f) => f.header.kind === 'B' && f.header.id === id));
    expect(JSON.parse(answer.payload.toString())).toMatchObject({ statusCode: 400 });
    const other = randomUUID();
    const head = {
      verb: 'POST',
      path: `/v3/directline/conversations/${g.conversationId}/activities`,
      streams: [null],
    };
    raw.send(Buffer.concat(encodeFrames('A', other, Buffer.from(JSON.stringify(head)))));
    const refused = await waitFor(async () =>
      frames.find((f) => f.header.kind === 'B' && f.header.id === other),
    );
    expect(JSON.parse(refused.payload.toString())).toMatchObject({ statusCode: 400 });

    raw.send(Buffer.from(`A.000010.${'not-a-uuid'.padEnd(36, '-')}.1\n`));
    expect(await closed).toBe(1002);
    // The conversation is untouched: its own client still talks to it.
    const client = track(await open(h, g));
    expect((await client.post(g.conversationId, { type: 'message', text: 'ciao' })).status).toBe(200);
  });

  it('closes a socket whose request never ends, and one that leaves too many requests unfinished', async () => {
    const g = await issue(h);
    // A 4 KiB part of a request's head that says more parts follow.
    const part = (id: string) => Buffer.concat([Buffer.from(`A.004096.${id}.0\n`), Buffer.alloc(4096, ' ')]);
    const endless = await rawSocket(h, g.token);
    const id = randomUUID();
    for (let i = 0; i < 5; i++) endless.raw.send(part(id));
    expect(await endless.closed).toBe(1008);

    const many = await rawSocket(h, g.token);
    for (let i = 0; i < 17; i++) many.raw.send(part(randomUUID()));
    expect(await many.closed).toBe(1008);
  });

  it('closes a socket that sends more than its budget', async () => {
    const tight = await startDirectLine({ streamingLimits: { maxInboundBytesPerMinute: 4000 } });
    try {
      const g = await issue(tight);
      const client = await open(tight, g);
      const flood = Array.from({ length: 10 }, () =>
        client.post(g.conversationId, { type: 'message', text: 'y'.repeat(900) }).catch(() => undefined),
      );
      await waitFor(async () => (client.closed ? true : undefined));
      await Promise.race([Promise.all(flood), new Promise((r) => setTimeout(r, 200))]);
      expect(client.closed).toBe(true);
      // The messages that fit the budget were delivered; the rest never reached the transcript.
      const rest = await call<{ activities: DeliveredActivity[] }>(
        tight.base,
        'GET',
        `/v3/directline/conversations/${g.conversationId}/activities`,
        g.token,
      );
      const echoes = rest.body.activities.filter((a) => a.from?.role === 'user');
      expect(echoes.length).toBeGreaterThan(0);
      expect(echoes.length).toBeLessThan(10);
    } finally {
      await tight.close();
    }
  });
});
