import { access, constants, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import restify, { type Request, type Response } from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { marked } from 'marked';
import type { Translator } from './i18n/i18n.js';
import { resolveLocale, isLocale, type Locale } from './i18n/locales.js';
import type { KnowledgeBase } from './knowledge/types.js';
import type { Logger } from './logger.js';
import { isLoopbackUrl } from './net.js';

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  translator: Translator;
  knowledge: KnowledgeBase;
  logger: Logger;
  dataDir: string;
  defaultLocale: Locale;
  localMode: boolean;
  maxBodyBytes: number;
  /** Extra routes (web chat, Direct Line) registered by other modules. */
  extraRoutes?: (server: restify.Server) => void;
}

export interface HelpdeskServer {
  server: restify.Server;
  /** Stops accepting requests and resolves when the turns in flight have finished. */
  drain(timeoutMs?: number): Promise<void>;
}

/** Why an activity is refused before it reaches the bot, or undefined when it is acceptable. */
export function activityProblem(body: unknown, localMode: boolean): { status: number; key: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, key: 'http.notAnActivity' };
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type.trim() === '') return { status: 400, key: 'http.missingType' };
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (typeof conversation !== 'object' || conversation === null || typeof conversation.id !== 'string' || !conversation.id) {
    return { status: 400, key: 'http.missingConversation' };
  }
  if (localMode) {
    // A bot without credentials must never post replies to whatever URL a caller names.
    if (typeof a.serviceUrl === 'string' && a.serviceUrl !== '') {
      if (!isLoopbackUrl(a.serviceUrl)) return { status: 403, key: 'http.serviceUrlNotLoopback' };
    } else if (a.deliveryMode !== 'expectReplies') {
      return { status: 400, key: 'http.missingServiceUrl' };
    }
  }
  return undefined;
}

function requestLocale(req: Request, fallback: Locale): Locale {
  const header = req.header('accept-language') ?? '';
  const first = header.split(',')[0]?.split(';')[0];
  return resolveLocale(first, fallback);
}

export function createServer(deps: ServerDeps): HelpdeskServer {
  const { logger, translator } = deps;
  const server = restify.createServer({ name: 'partner-helpdesk', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];

  // Slow or stalled clients must not hold sockets forever.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 30_000;
  server.server.keepAliveTimeout = 5_000;

  const sendError = (req: Request, res: Response, status: number, key: string) => {
    const t = translator.forLocale(requestLocale(req, deps.defaultLocale));
    res.status(status);
    res.json({ error: { code: key.replace('http.', ''), message: t(key) } });
  };

  server.pre((req, res, next) => {
    if (draining) {
      sendError(req, res, 503, 'http.shuttingDown');
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }));

  // restify's own errors (413 too large, 400 malformed JSON, 404, 405) get our localized JSON body.
  server.on('restifyError', (req: Request, res: Response, err: { statusCode?: number; body?: unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const key =
      status === 413 ? 'http.tooLarge' : status === 400 ? 'http.malformed' : status === 404 ? 'http.notFound' : status === 405 ? 'http.methodNotAllowed' : status === 415 ? 'http.unsupportedMediaType' : 'http.internal';
    const t = translator.forLocale(requestLocale(req, deps.defaultLocale));
    err.body = { error: { code: key.replace('http.', ''), message: t(key) } };
    (err as { toJSON?: () => unknown }).toJSON = () => err.body;
    callback();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = activityProblem(req.body, deps.localMode);
    if (problem) {
      logger.warn({ status: problem.status, reason: problem.key }, 'activity refused');
      sendError(req, res, problem.status, problem.key);
      return;
    }
    inFlight++;
    const started = performance.now();
    const activity = req.body as { id?: string; conversation: { id: string }; type: string };
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (err) {
      logger.error({ err, conversationId: activity.conversation.id }, 'turn failed');
      if (!res.headersSent) sendError(req, res, 500, 'http.internal');
    } finally {
      inFlight--;
      logger.info(
        {
          requestId: req.id(),
          conversationId: activity.conversation.id,
          activityType: activity.type,
          status: res.statusCode,
          durationMs: Math.round(performance.now() - started),
        },
        'turn',
      );
      if (inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const checks = { knowledge: knowledgeCheck(deps.knowledge), dataDir: await dataDirCheck(deps.dataDir) };
    const ready = Object.values(checks).every((c) => c.ok);
    res.status(ready ? 200 : 503);
    res.json({ ready, checks });
  });

  server.get('/kb/:locale/:slug', async (req: Request, res: Response) => {
    const locale = req.params.locale as string;
    const slug = req.params.slug as string;
    const article = isLocale(locale) ? deps.knowledge.getArticle(locale, slug) : undefined;
    if (!article) {
      sendError(req, res, 404, 'http.articleNotFound');
      return;
    }
    const body = article.sections
      .map((s) => (s.level === 1 ? s.text : `${'#'.repeat(s.level)} ${s.heading}\n\n${s.text}`))
      .join('\n\n');
    const t = translator.forLocale(article.locale);
    const html = `<!doctype html><html lang="${article.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(article.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>${escapeHtml(article.title)}</h1>${marked.parse(body, { async: false })}<hr><p><small>${escapeHtml(t('selfSupport.attribution'))}</small></p></body></html>`;
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.sendRaw(200, html);
  });

  deps.extraRoutes?.(server);

  return {
    server,
    async drain(timeoutMs = 10_000) {
      draining = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
    },
  };
}

function knowledgeCheck(kb: KnowledgeBase): ReadinessCheck {
  const counts = Object.values(kb.stats().articles);
  const total = counts.reduce((a, b) => a + (b ?? 0), 0);
  return { ok: total > 0, detail: `${total} articles in ${counts.length} locales` };
}

async function dataDirCheck(dir: string): Promise<ReadinessCheck> {
  const probe = path.join(dir, `.ready-${process.pid}`);
  try {
    await access(dir, constants.W_OK);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
    return { ok: true, detail: `${dir} is writable` };
  } catch (err) {
    return { ok: false, detail: `${dir} is not writable: ${(err as Error).message}` };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
