import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import { pino } from 'pino';
import { directLineRoutes, type DirectLineDeps, type DirectLineRoutes } from '../../src/channels/directline/routes.js';

/** A bot small enough to predict: a welcome, then two replies per message (the second with buttons). */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const m of context.activity.membersAdded ?? []) {
        if (m.id !== context.activity.recipient.id) await context.sendActivity(`welcome ${context.activity.locale ?? ''}`.trim());
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text.startsWith('slow')) await new Promise((r) => setTimeout(r, 50));
      await context.sendActivity(`you said: ${text}`);
      await context.sendActivity(MessageFactory.suggestedActions(['A', 'B'], `done: ${text}`));
      await next();
    });
  }
}

export interface Harness {
  base: string;
  routes: DirectLineRoutes;
  close(): Promise<void>;
}

export async function startDirectLine(overrides: Partial<DirectLineDeps> = {}): Promise<Harness> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const routes = directLineRoutes({
    adapter,
    bot: new EchoBot(),
    logger: pino({ level: 'silent' }),
    secret: 'test-secret-test-secret-test-secret-0123',
    ...overrides,
  });
  routes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    async close() {
      await routes.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Grant {
  token: string;
  conversationId: string;
  userId?: string;
  streamUrl?: string;
  expires_in: number;
}

export async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
