import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import type { Activity, ActivityHandler, CloudAdapter, ConversationAccount } from 'botbuilder';
import { ClaimsIdentity, AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { ConversationStore, DEFAULT_LIMITS, type Conversation, type ConversationLimits, type Refusal } from './conversations.js';
import { InProcessConnectorFactory } from './inProcessConnector.js';
import { STREAMING_CONNECT_PATH, STREAMING_DOMAIN_PATH, serveStreaming, type StreamingLimits } from './streaming.js';
import { bearer, secretMatches, signToken, verifyToken, type TokenClaims, type TokenKind } from './token.js';

export interface DirectLineDeps {
  adapter: CloudAdapter;
  bot: Pick<ActivityHandler, 'run'>;
  logger: Logger;
  /** DIRECTLINE_SECRET; when unset a random one is made at start-up (tokens then die with the process). */
  secret: string | undefined;
  /** The bot's app id (claims of the in-process turn); undefined in local mode. */
  botAppId?: string;
  botName?: string;
  /** Lifetime of conversation tokens; Web Chat refreshes them every 15 minutes, so keep it above that. */
  tokenTtlSeconds?: number;
  /** Lifetime of the one-use-ish token in a stream URL: just long enough to open the socket. */
  streamTokenTtlSeconds?: number;
  limits?: Partial<ConversationLimits>;
  streamingLimits?: Partial<StreamingLimits>;
  /** Longest a POST of an activity waits for the bot's turn before answering anyway. */
  turnTimeoutMs?: number;
  /** Tokens a page may get from POST /api/directline/token, per client address and minute. */
  publicTokensPerMinute?: number;
  now?: () => number;
}

/** createServer's extraRoutes hook, plus what the app needs at shutdown. */
export interface DirectLineRoutes {
  (server: Server): void;
  readonly store: ConversationStore;
  /** Closes the sockets, stops the sweeper and waits (bounded) for the turns in flight. */
  close(timeoutMs?: number): Promise<void>;
}

const BASE = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
const SWEEP_EVERY_MS = 60_000;
const PING_EVERY_MS = 30_000;
const MAX_SOCKET_BUFFER = 1024 * 1024;
const IN_PROCESS_SERVICE_URL = 'urn:partner-helpdesk:directline';

const localeTag = z.string().max(35).regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/);

const inboundActivity = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(20_000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: localeTag.optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().optional(),
  attachments: z
    .array(
      z.object({
        contentType: z.string().max(200),
        content: z.unknown().optional(),
        name: z.string().max(200).optional(),
      }),
    )
    .max(10)
    .optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  from: z.object({ name: z.string().max(100).optional() }).optional(),
});

const startBody = z
  .object({ locale: localeTag.optional(), user: z.object({ id: z.string().optional() }).optional() })
  .optional();
const publicTokenBody = z.object({ locale: localeTag.optional() }).optional();
const generateBody = z
  .object({ user: z.object({ id: z.string().regex(/^[\w.:@-]{1,64}$/).optional() }).optional(), locale: localeTag.optional() })
  .optional();

/**
 * The Direct Line v3 subset Web Chat needs, served by our own server and feeding our own adapter.
 * Error bodies are Direct Line's machine-facing `{ error: { code, message } }`: Web Chat never shows
 * them, it shows its own localized connection status.
 */
export function directLineRoutes(deps: DirectLineDeps): DirectLineRoutes {
  const now = deps.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const secret = deps.secret ?? randomBytes(32).toString('base64url');
  if (!deps.secret) deps.logger.warn('DIRECTLINE_SECRET is not set: Direct Line tokens are signed with a random key and die with the process');
  const tokenTtl = deps.tokenTtlSeconds ?? 1800;
  const streamTtl = deps.streamTokenTtlSeconds ?? 60;
  const turnTimeoutMs = deps.turnTimeoutMs ?? 15_000;
  const store = new ConversationStore({ ...DEFAULT_LIMITS, ...deps.limits }, now);
  const botAccount = { id: deps.botAppId ?? 'partner-helpdesk', name: deps.botName ?? 'Partner Helpdesk', role: 'bot' };
  const inFlight = new Set<Promise<unknown>>();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  // Streaming clients send activities in 4 KiB chunks, each with its header, possibly several per message.
  const streamingWss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const issuedPerClient = new Map<string, { minute: number; count: number }>();
  let sweeper: NodeJS.Timeout | undefined;
  let pinger: NodeJS.Timeout | undefined;

  const issue = (kind: TokenKind, conversationId: string, userId: string, ttl: number, locale?: string) =>
    signToken({ kind, conversationId, userId, locale, issuedAt: nowSeconds(), expiresAt: nowSeconds() + ttl }, secret);

  const conversationGrant = (conversationId: string, userId: string, locale?: string) => ({
    conversationId,
    token: issue('conversation', conversationId, userId, tokenTtl, locale),
    expires_in: tokenTtl,
  });

  const streamUrl = (req: Request, conversationId: string, userId: string, watermark: string | undefined) => {
    const forwarded = req.header('x-forwarded-proto');
    const secure = forwarded ? forwarded.split(',')[0]?.trim() === 'https' : req.isSecure();
    const host = /^[\w.:[\]-]{1,255}$/.test(req.header('host') ?? '') ? req.header('host') : '127.0.0.1';
    const t = issue('stream', conversationId, userId, streamTtl);
    const wm = watermark && /^\d{1,15}$/.test(watermark) ? watermark : '-';
    return `${secure ? 'wss' : 'ws'}://${host}${BASE}/conversations/${conversationId}/stream?watermark=${wm}&t=${t}`;
  };

  const refuse = (res: Response, r: Refusal) => {
    res.status(r.status);
    res.json({ error: { code: r.code, message: r.message } });
  };
  const forbidden = (message: string): Refusal => ({ status: 403, code: 'Forbidden', message });

  /** The claims of the request's conversation token, checked against the conversation in the path. */
  const authorize = (req: Request, conversationId: string | undefined): TokenClaims | Refusal =>
    authorizeToken(bearer(req.header('authorization')), conversationId);
  const authorizeToken = (token: string | undefined, conversationId: string | undefined): TokenClaims | Refusal => {
    if (!token) return forbidden('A Direct Line token is required');
    const check = verifyToken(token, secret, nowSeconds(), 'conversation');
    if (!check.ok) return forbidden(check.reason === 'expired' ? 'Token expired' : 'Invalid token');
    if (conversationId !== undefined && check.value.conversationId !== conversationId) {
      return forbidden('The token does not grant this conversation');
    }
    return check.value;
  };
  const isRefusal = (x: TokenClaims | Refusal): x is Refusal => 'status' in x;

  const openConversation = (id: string): Conversation | Refusal =>
    store.getOrCreate(id) ?? { status: 503, code: 'ServiceUnavailable', message: 'Too many conversations' };

  /** The conversation in the path, when the request's token grants it. */
  const grantedConversation = (req: Request): { claims: TokenClaims; conversation: Conversation } | Refusal => {
    const id = String(req.params.conversationId);
    const claims = authorize(req, id);
    if (isRefusal(claims)) return claims;
    const conversation = openConversation(id);
    return 'status' in conversation ? conversation : { claims, conversation };
  };
  const watermarkOf = (req: Request): string | undefined =>
    typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const appendReply = (conversationId: string, activity: Partial<Activity>) => {
    const conversation = store.get(conversationId);
    if (!conversation) return undefined;
    const delivered = conversation.append(
      { ...activity, from: { ...botAccount, ...activity.from, role: 'bot' }, serviceUrl: undefined },
      new Date(now()),
    );
    return { id: delivered.id };
  };
  const connectorFactory = new InProcessConnectorFactory(appendReply);

  const runTurn = (activity: Partial<Activity>) => {
    const appId = deps.botAppId ?? '';
    const auth: AuthenticateRequestResult = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: appId },
          { type: AuthenticationConstants.AppIdClaim, value: appId },
        ],
        true,
      ),
      connectorFactory,
    };
    return deps.adapter.processActivityDirect(auth, activity as Activity, (context) => deps.bot.run(context));
  };

  const baseActivity = (conversation: Conversation): Partial<Activity> => ({
    channelId: 'directline',
    serviceUrl: IN_PROCESS_SERVICE_URL,
    conversation: { id: conversation.id } as ConversationAccount,
    recipient: botAccount,
  });

  /** Queues a turn; resolves when it ends or the timeout passes. False when the queue is full. */
  const queueTurn = async (conversation: Conversation, activity: Partial<Activity>): Promise<'done' | 'timeout' | 'full' | 'failed'> => {
    const turn = conversation.enqueue(() => runTurn(activity));
    if (!turn) return 'full';
    const tracked = track(
      turn.then(
        () => 'done' as const,
        (err: unknown) => {
          deps.logger.error({ err, conversationId: conversation.id }, 'direct line turn failed');
          return 'failed' as const;
        },
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), turnTimeoutMs);
    });
    const result = await Promise.race([tracked, timeout]);
    clearTimeout(timer);
    return result;
  };

  const startConversation = (conversation: Conversation, userId: string, locale: string | undefined) => {
    if (conversation.started) return;
    conversation.started = true;
    const update: Partial<Activity> = {
      ...baseActivity(conversation),
      type: 'conversationUpdate',
      id: randomUUID(),
      timestamp: new Date(now()),
      from: { id: userId, role: 'user' } as Activity['from'],
      membersAdded: [botAccount, { id: userId, name: '', role: 'user' }] as Activity['membersAdded'],
      locale,
    };
    // Not awaited: the welcome reaches the client through the socket or the next poll.
    void queueTurn(conversation, update);
  };

  /** The user's activity: validated, echoed into the transcript, then its turn; resolves when the turn ends. */
  const postActivity = async (claims: TokenClaims, conversation: Conversation, body: unknown): Promise<{ id: string } | Refusal> => {
    const parsed = inboundActivity.safeParse(body);
    if (!parsed.success) return { status: 400, code: 'BadArgument', message: 'Not a valid activity' };
    const { from, ...fields } = parsed.data;
    // The user is who the token says, whatever the body claims.
    const echoed = conversation.append(
      {
        ...fields,
        ...baseActivity(conversation),
        serviceUrl: undefined,
        recipient: undefined,
        from: { id: claims.userId, name: from?.name ?? '', role: 'user' },
      } as Partial<Activity>,
      new Date(now()),
    );
    const outcome = await queueTurn(conversation, { ...echoed, ...baseActivity(conversation), from: echoed.from });
    if (outcome === 'full') return { status: 429, code: 'TooManyRequests', message: 'Too many messages in flight' };
    if (outcome === 'failed') return { status: 502, code: 'BotError', message: 'The bot failed to handle the activity' };
    return { id: echoed.id };
  };

  const clientAddress = (req: Request) => req.socket.remoteAddress ?? 'unknown';
  const allowPublicToken = (req: Request) => {
    const limit = deps.publicTokensPerMinute ?? 30;
    const minute = Math.floor(now() / 60_000);
    const key = clientAddress(req);
    const entry = issuedPerClient.get(key);
    if (!entry || entry.minute !== minute) {
      if (issuedPerClient.size > 10_000) issuedPerClient.clear();
      issuedPerClient.set(key, { minute, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= limit;
  };

  const register = (server: Server) => {
    /** For our own web chat page: a fresh conversation and its token, without any secret in the page. */
    server.post('/api/directline/token', async (req: Request, res: Response) => {
      if (!allowPublicToken(req)) {
        refuse(res, { status: 429, code: 'TooManyRequests', message: 'Too many tokens requested; try again in a minute' });
        return;
      }
      const body = publicTokenBody.safeParse(req.body ?? undefined);
      if (!body.success) return refuse(res, { status: 400, code: 'BadArgument', message: 'Invalid body' });
      const conversationId = newConversationId();
      const userId = `dl_${randomBytes(12).toString('base64url')}`;
      res.json({ ...conversationGrant(conversationId, userId, body.data?.locale), userId });
    });

    /** For a portal's backend holding DIRECTLINE_SECRET, as with Azure's Direct Line. */
    server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
      const presented = bearer(req.header('authorization'));
      if (!presented || !secretMatches(presented, secret)) return refuse(res, forbidden('The Direct Line secret is required'));
      const body = generateBody.safeParse(req.body ?? undefined);
      if (!body.success) return refuse(res, { status: 400, code: 'BadArgument', message: 'Invalid body' });
      const requested = body.data?.user?.id;
      const userId = requested ? (requested.startsWith('dl_') ? requested : `dl_${requested}`) : `dl_${randomBytes(12).toString('base64url')}`;
      res.json({ ...conversationGrant(newConversationId(), userId, body.data?.locale), userId });
    });

    const refresh = async (req: Request, res: Response) => {
      const claims = authorize(req, undefined);
      if (isRefusal(claims)) return refuse(res, claims);
      res.json(conversationGrant(claims.conversationId, claims.userId, claims.locale));
    };
    server.post(`${BASE}/tokens/refresh`, refresh);
    // Where a streaming client (Web Chat's App Service Extension mode) refreshes: under its domain.
    server.post(`${STREAMING_DOMAIN_PATH}/tokens/refresh`, refresh);

    server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
      const claims = authorize(req, undefined);
      if (isRefusal(claims)) return refuse(res, claims);
      const body = startBody.safeParse(req.body ?? undefined);
      const conversation = openConversation(claims.conversationId);
      if ('status' in conversation) return refuse(res, conversation);
      const isNew = !conversation.started;
      startConversation(conversation, claims.userId, (body.success ? body.data?.locale : undefined) ?? claims.locale);
      res.status(isNew ? 201 : 200);
      res.json({ ...conversationGrant(claims.conversationId, claims.userId, claims.locale), streamUrl: streamUrl(req, claims.conversationId, claims.userId, undefined) });
    });

    /** Reconnect: a fresh stream URL (and token) for a conversation the token grants. */
    server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
      const granted = grantedConversation(req);
      if ('status' in granted) return refuse(res, granted);
      const { claims, conversation } = granted;
      res.json({
        ...conversationGrant(conversation.id, claims.userId, claims.locale),
        streamUrl: streamUrl(req, conversation.id, claims.userId, watermarkOf(req)),
      });
    });

    server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const granted = grantedConversation(req);
      if ('status' in granted) return refuse(res, granted);
      res.json(granted.conversation.since(watermarkOf(req)));
    });

    server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const id = String(req.params.conversationId);
      const claims = authorize(req, id);
      if (isRefusal(claims)) return refuse(res, claims);
      const conversation = openConversation(id);
      if ('status' in conversation) return refuse(res, conversation);
      const posted = await postActivity(claims, conversation, req.body);
      if ('status' in posted) return refuse(res, posted);
      res.json(posted);
    });

    server.post(`${BASE}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
      refuse(res, { status: 501, code: 'NotImplemented', message: 'Attachments are not supported' });
    });

    const http = server.server;
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === STREAMING_CONNECT_PATH) return connectStreaming(req, socket, head, url);
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) return; // not ours: leave it to any other upgrade listener
      const id = match[1] ?? '';
      const token = url.searchParams.get('t') ?? bearer(req.headers.authorization);
      const kind: TokenKind = url.searchParams.has('t') ? 'stream' : 'conversation';
      const check = token ? verifyToken(token, secret, nowSeconds(), kind) : undefined;
      if (!check?.ok || check.value.conversationId !== id) return rejectUpgrade(socket, 403, 'Forbidden');
      const conversation = store.getOrCreate(id);
      if (!conversation) return rejectUpgrade(socket, 503, 'Service Unavailable');
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, conversation, url.searchParams.get('watermark') ?? undefined));
    });

    // restify's close() (used by the server's drain) waits for every socket, and WebSockets never end
    // on their own: close ours first so shutdown cannot hang.
    const closeHttp = http.close.bind(http);
    http.close = ((callback?: (err?: Error) => void) => {
      closeSockets();
      return closeHttp(callback);
    }) as typeof http.close;

    sweeper = setInterval(() => {
      const gone = store.sweep();
      if (gone.length > 0) deps.logger.debug({ count: gone.length }, 'idle direct line conversations forgotten');
    }, SWEEP_EVERY_MS);
    sweeper.unref();
    pinger = setInterval(() => {
      for (const ws of sockets) {
        if ((ws as WebSocket & { alive?: boolean }).alive === false) {
          ws.terminate();
          continue;
        }
        (ws as WebSocket & { alive?: boolean }).alive = false;
        ws.ping();
      }
    }, PING_EVERY_MS);
    pinger.unref();
  };

  const rejectUpgrade = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  /** A streaming (App Service Extension) connection: the conversation token is in the URL, as browsers cannot set headers. */
  const connectStreaming = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => {
    const requested = url.searchParams.get('conversationId') ?? undefined;
    const claims = authorizeToken(url.searchParams.get('token') ?? bearer(req.headers.authorization), requested);
    if (isRefusal(claims)) return rejectUpgrade(socket, 403, 'Forbidden');
    const conversation = store.getOrCreate(claims.conversationId);
    if (!conversation) return rejectUpgrade(socket, 503, 'Service Unavailable');
    streamingWss.handleUpgrade(req, socket, head, (ws: WebSocket & { alive?: boolean }) => {
      watchSocket(ws, conversation);
      serveStreaming(
        ws,
        {
          conversationId: conversation.id,
          start: () => startConversation(conversation, claims.userId, claims.locale),
          post: (body) => {
            conversation.lastUsed = now();
            return postActivity(claims, conversation, body);
          },
          subscribe: (listener) => conversation.subscribe(listener),
        },
        { limits: deps.streamingLimits, now },
      );
    });
  };

  /** Pings the socket, closes it at shutdown, and counts its life as the conversation's activity. */
  const watchSocket = (ws: WebSocket & { alive?: boolean }, conversation: Conversation) => {
    sockets.add(ws);
    ws.alive = true;
    ws.on('pong', () => {
      ws.alive = true;
      conversation.lastUsed = now();
    });
    ws.on('close', () => {
      sockets.delete(ws);
      conversation.lastUsed = now();
    });
    ws.on('error', () => ws.terminate());
  };

  const attach = (ws: WebSocket & { alive?: boolean }, conversation: Conversation, watermark: string | undefined) => {
    watchSocket(ws, conversation);
    ws.on('message', () => {
      // Web Chat sends empty keep-alive messages; the stream is one-way.
      conversation.lastUsed = now();
    });
    const send = (payload: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_SOCKET_BUFFER) {
        ws.terminate(); // a reader this slow resumes by polling with its watermark
        return;
      }
      ws.send(JSON.stringify(payload));
    };
    // Backlog and subscription in the same tick: nothing can be appended in between.
    const backlog = conversation.since(watermark === '-' ? undefined : watermark);
    const unsubscribe = conversation.subscribe(send);
    if (backlog.activities.length > 0) send(backlog);
    ws.on('close', unsubscribe);
  };

  const closeSockets = () => {
    for (const ws of sockets) ws.terminate();
    sockets.clear();
  };

  const routes = register as DirectLineRoutes;
  Object.defineProperty(routes, 'store', { value: store });
  routes.close = async (timeoutMs = 10_000) => {
    if (sweeper) clearInterval(sweeper);
    if (pinger) clearInterval(pinger);
    closeSockets();
    wss.close();
    streamingWss.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  };
  return routes;
}

function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}
