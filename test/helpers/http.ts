import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import { REPO_ROOT, silentLogger } from './bot.js';

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** Builds the real app on a data folder and starts it on a free loopback port. */
export async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'), PORT: '0', ...env });
  const app = await createApp(config, silentLogger);
  const { server } = app.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

let nextId = 0;

/** A message activity with replies in the response body: no connector needed. */
export function message(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `m${nextId++}`,
    text,
    from: { id: 'user-1', name: 'Test User' },
    recipient: { id: 'bot', name: 'Partner Helpdesk' },
    conversation: { id: 'conv-1' },
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as { activities?: Array<{ text?: string }>; error?: { code: string; message: string } } };
}

export function replyTexts(json: { activities?: Array<{ text?: string }> } | undefined): string[] {
  return (json?.activities ?? []).map((a) => a.text ?? '');
}
