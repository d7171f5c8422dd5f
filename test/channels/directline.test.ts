import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import WebSocket from 'ws';
import type { DeliveredActivity, ActivitySet } from '../../src/channels/directline/conversations.js';
import { signToken } from '../../src/channels/directline/token.js';
import { call, startDirectLine, waitFor, type Grant, type Harness } from './helpers.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const texts = (activities: DeliveredActivity[]) => activities.map((a) => `${a.from?.role}:${a.text ?? a.type}`);

async function startConversation(h: Harness, locale = 'it-IT'): Promise<Grant> {
  const issued = await call<Grant>(h.base, 'POST', '/api/directline/token', undefined, {});
  expect(issued.status).toBe(200);
  const started = await call<Grant>(h.base, 'POST', '/v3/directline/conversations', issued.body.token, { locale });
  expect(started.status).toBe(201);
  return started.body;
}

async function activities(h: Harness, g: Grant, watermark?: string) {
  const q = watermark === undefined ? '' : `?watermark=${watermark}`;
  return call<ActivitySet>(h.base, 'GET', `/v3/directline/conversations/${g.conversationId}/activities${q}`, g.token);
}

describe('embedded Direct Line', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startDirectLine();
  });
  afterEach(async () => {
    await h.close();
  });

  it('issues a token, starts the conversation with a welcome in the start locale, and a stream URL', async () => {
    const g = await startConversation(h);
    expect(g.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${g.conversationId}/stream\\?watermark=-&t=`));
    const set = await waitFor(async () => {
      const r = await activities(h, g);
      return r.body.activities.length > 0 ? r.body : undefined;
    });
    expect(texts(set.activities)).toEqual(['bot:welcome it-IT']);
    // Starting again with the same token does not welcome twice.
    const again = await call<Grant>(h.base, 'POST', '/v3/directline/conversations', g.token, {});
    expect(again.status).toBe(200);
  });

  it('echoes the message, delivers replies in order with ids, and pages with watermarks', async () => {
    const g = await startConversation(h);
    await waitFor(async () => ((await activities(h, g)).body.activities.length > 0 ? true : undefined));
    const first = await activities(h, g);
    const posted = await call<{ id: string }>(h.base, 'POST', `/v3/directline/conversations/${g.conversationId}/activities`, g.token, {
      type: 'message',
      text: 'hello',
      from: { id: 'someone-else', name: 'Ann' },
      channelData: { clientActivityID: 'c-1' },
    });
    expect(posted.status).toBe(200);
    const next = await activities(h, g, first.body.watermark);
    expect(texts(next.body.activities)).toEqual(['user:hello', 'bot:you said: hello', 'bot:done: hello']);
    const [echo, reply, buttons] = next.body.activities as [DeliveredActivity, DeliveredActivity, DeliveredActivity];
    expect(echo.id).toBe(posted.body.id);
    expect(echo.from).toMatchObject({ id: expect.stringMatching(/^dl_/), name: 'Ann', role: 'user' });
    expect(echo.channelData).toEqual({ clientActivityID: 'c-1' });
    expect(reply.replyToId).toBe(echo.id);
    expect(buttons.suggestedActions?.actions.map((a) => a.title)).toEqual(['A', 'B']);
    expect(new Set(next.body.activities.map((a) => a.id)).size).toBe(3);
    expect(next.body.watermark).toBe(String(Number(first.body.watermark) + 3));
    const none = await activities(h, g, next.body.watermark);
    expect(none.body.activities).toEqual([]);
  });

  it('keeps concurrent posts in order, one turn at a time', async () => {
    const g = await startConversation(h);
    const post = (text: string) => call(h.base, 'POST', `/v3/directline/conversations/${g.conversationId}/activities`, g.token, { type: 'message', text });
    await Promise.all([post('slow 1'), post('2'), post('3')]);
    const all = (await activities(h, g)).body.activities.filter((a) => a.type === 'message' && !String(a.text).startsWith('welcome'));
    // Each turn's replies follow its own echo; echoes keep arrival order.
    const seq = texts(all);
    expect(seq.filter((t) => t.startsWith('user:'))).toEqual(['user:slow 1', 'user:2', 'user:3']);
    expect(seq.filter((t) => t.startsWith('bot:you said'))).toEqual(['bot:you said: slow 1', 'bot:you said: 2', 'bot:you said: 3']);
  });

  it('streams over the WebSocket: the backlog first, then each activity as it is sent', async () => {
    const g = await startConversation(h);
    const ws = new WebSocket(g.streamUrl!);
    const received: DeliveredActivity[] = [];
    ws.on('message', (data) => {
      const text = data.toString();
      if (text) received.push(...(JSON.parse(text) as ActivitySet).activities);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await waitFor(async () => (received.length >= 1 ? true : undefined));
    await call(h.base, 'POST', `/v3/directline/conversations/${g.conversationId}/activities`, g.token, { type: 'message', text: 'ciao' });
    await waitFor(async () => (received.length >= 4 ? true : undefined));
    expect(texts(received)).toEqual(['bot:welcome it-IT', 'user:ciao', 'bot:you said: ciao', 'bot:done: ciao']);
    ws.close();
  });

  it('reconnects: a fresh stream URL from the watermark', async () => {
    const g = await startConversation(h);
    const r = await call<Grant>(h.base, 'GET', `/v3/directline/conversations/${g.conversationId}?watermark=1`, g.token);
    expect(r.status).toBe(200);
    expect(r.body.streamUrl).toContain('watermark=1&t=');
  });

  it('refreshes a token into a new one for the same conversation', async () => {
    const g = await startConversation(h);
    const r = await call<Grant>(h.base, 'POST', '/v3/directline/tokens/refresh', g.token);
    expect(r.status).toBe(200);
    expect(r.body.conversationId).toBe(g.conversationId);
    expect((await activities(h, { ...g, token: r.body.token })).status).toBe(200);
  });

  it('generates tokens only for the holder of the secret', async () => {
    expect((await call(h.base, 'POST', '/v3/directline/tokens/generate')).status).toBe(403);
    expect((await call(h.base, 'POST', '/v3/directline/tokens/generate', 'wrong')).status).toBe(403);
    const ok = await call<Grant>(h.base, 'POST', '/v3/directline/tokens/generate', SECRET, { user: { id: 'alice' } });
    expect(ok.status).toBe(200);
    expect(ok.body.userId).toBe('dl_alice');
  });

  it.each([
    ['no token', undefined],
    ['a forged token', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA'],
    ['a token signed with another secret', signToken({ kind: 'conversation', conversationId: 'x', userId: 'u', issuedAt: 0, expiresAt: 9e9 }, 'another-secret-another-secret-000000')],
  ])('answers 403 to %s', async (_name, token) => {
    const r = await call<{ error: { code: string } }>(h.base, 'GET', '/v3/directline/conversations/x/activities', token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('Forbidden');
  });

  it('does not let one conversation read or write another', async () => {
    const a = await startConversation(h);
    const b = await startConversation(h);
    const read = await call(h.base, 'GET', `/v3/directline/conversations/${b.conversationId}/activities`, a.token);
    expect(read.status).toBe(403);
    const write = await call(h.base, 'POST', `/v3/directline/conversations/${b.conversationId}/activities`, a.token, { type: 'message', text: 'x' });
    expect(write.status).toBe(403);
    const reconnect = await call(h.base, 'GET', `/v3/directline/conversations/${b.conversationId}`, a.token);
    expect(reconnect.status).toBe(403);
    // A's stream token on B's stream path.
    const t = new URL(a.streamUrl!).searchParams.get('t');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${h.base.replace('http', 'ws')}/v3/directline/conversations/${b.conversationId}/stream?t=${t}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    // And the stream token does not work as a REST token.
    expect((await call(h.base, 'GET', `/v3/directline/conversations/${a.conversationId}/activities`, t ?? '')).status).toBe(403);
  });

  it('refuses activities a client may not send', async () => {
    const g = await startConversation(h);
    const r = await call(h.base, 'POST', `/v3/directline/conversations/${g.conversationId}/activities`, g.token, { type: 'conversationUpdate' });
    expect(r.status).toBe(400);
  });
});

describe('embedded Direct Line with a clock', () => {
  it('answers 403 once a token has expired', async () => {
    let now = Date.now();
    const h = await startDirectLine({ now: () => now, tokenTtlSeconds: 60 });
    try {
      const g = await startConversation(h);
      expect((await activities(h, g)).status).toBe(200);
      now += 61_000;
      const r = await call<{ error: { message: string } }>(h.base, 'GET', `/v3/directline/conversations/${g.conversationId}/activities`, g.token);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toBe('Token expired');
      expect((await call(h.base, 'POST', '/v3/directline/tokens/refresh', g.token)).status).toBe(403);
    } finally {
      await h.close();
    }
  });

  it('limits the tokens a client may take per minute', async () => {
    const h = await startDirectLine({ publicTokensPerMinute: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(h.base, 'POST', '/api/directline/token')).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await h.close();
    }
  });
});
