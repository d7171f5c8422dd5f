import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ActivitySet, Refusal } from './conversations.js';
import { encodeFrames, FrameError, FrameReader, type Frame } from './frames.js';

/**
 * Direct Line over one WebSocket, in the Bot Framework streaming protocol: the transport of Azure's
 * Direct Line App Service Extension, which Web Chat speaks through `createDirectLineAppServiceExtension`.
 * The client posts its activities as requests on the socket and the server pushes the transcript back
 * as requests on the same socket, so a turn costs no HTTP request at all.
 *
 * The URL layout follows the extension's: `<origin>/.bot/v3/directline` is the client's `domain`,
 * `…/conversations/connect?token=…` the socket and `…/tokens/refresh` the token refresh.
 */
export const STREAMING_DOMAIN_PATH = '/.bot/v3/directline';
export const STREAMING_CONNECT_PATH = `${STREAMING_DOMAIN_PATH}/conversations/connect`;

/** What one connection may do, already bound to the conversation its token grants. */
export interface StreamingConversation {
  readonly conversationId: string;
  /** Starts the conversation (the welcome turn) unless it has started. */
  start(): void;
  /** Posts the user's activity and resolves once its turn has ended: the echo's id, or a refusal. */
  post(body: unknown): Promise<{ id: string } | Refusal>;
  /** Activities appended from now on, in order. */
  subscribe(listener: (set: ActivitySet) => void): () => void;
}

export interface StreamingLimits {
  /** Largest activity a client may post, in bytes of JSON. */
  maxActivityBytes: number;
  /** Bytes a client may send per minute; a socket beyond it is closed (it may reconnect). */
  maxInboundBytesPerMinute: number;
  /** Pushed activities the client has not acknowledged; a reader this slow is disconnected. */
  maxUnacknowledged: number;
  /** Bytes queued in the socket; beyond it the reader is too slow and is disconnected. */
  maxBufferedBytes: number;
}

export const DEFAULT_STREAMING_LIMITS: StreamingLimits = {
  maxActivityBytes: 64 * 1024,
  maxInboundBytesPerMinute: 1024 * 1024,
  maxUnacknowledged: 200,
  maxBufferedBytes: 1024 * 1024,
};

export type StreamingRoute =
  | { kind: 'start' }
  | { kind: 'post'; conversationId: string }
  | { kind: 'upload'; conversationId: string }
  | { kind: 'unknown' };

const POST_PATH = /^\/v3\/directline\/conversations\/([^/?]{1,128})\/activities$/;
const UPLOAD_PATH = /^\/v3\/directline\/conversations\/([^/?]{1,128})\/users\/[^/?]{1,128}\/upload$/;

/** What a request on the socket asks for. Pure. */
export function streamingRoute(verb: string, path: string): StreamingRoute {
  const v = verb.toUpperCase();
  if (v === 'POST' && path === '/v3/directline/conversations') return { kind: 'start' };
  const post = v === 'POST' ? POST_PATH.exec(path) : null;
  if (post) return { kind: 'post', conversationId: decodeURIComponent(post[1] ?? '') };
  const upload = v === 'PUT' ? UPLOAD_PATH.exec(path) : null;
  if (upload) return { kind: 'upload', conversationId: decodeURIComponent(upload[1] ?? '') };
  return { kind: 'unknown' };
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Body streams a request may carry (ours need one at most), and requests awaiting their streams. */
const MAX_STREAMS_PER_REQUEST = 4;
const MAX_PENDING_REQUESTS = 16;
/** A request's head is a line of JSON (verb, path, streams): 4 parts of 4 KiB are plenty. */
const MAX_HEAD_PARTS = 4;

interface Reply {
  status: number;
  body: unknown;
}

const refusal = (r: Refusal): Reply => ({
  status: r.status,
  body: { error: { code: r.code, message: r.message } },
});

/** A body stream being received: its bytes, unless it has grown past the limit. */
interface IncomingStream {
  chunks: Buffer[];
  bytes: number;
  tooLarge: boolean;
  ended: boolean;
}

interface PendingRequest {
  verb: string;
  path: string;
  streams: IncomingStream[];
}

const asDescriptions = (value: unknown): Array<{ id: string; length?: number }> | undefined => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const out: Array<{ id: string; length?: number }> = [];
  for (const d of value as unknown[]) {
    if (typeof d !== 'object' || d === null) return undefined;
    const { id, length } = d as { id?: unknown; length?: unknown };
    if (typeof id !== 'string') return undefined;
    out.push({ id, length: typeof length === 'number' ? length : undefined });
  }
  return out;
};

/**
 * One streaming connection: reads the client's frames, answers its requests and pushes the transcript.
 *
 * Why not the protocol library's server (botframework-streaming, which the tests and the benchmark
 * still use as the client): it cost about 2 ms of CPU per turn (a stream object, a promise chain and
 * a UUID per frame), more than the bot's turn itself. The framing is small and stable, so the server
 * reads and writes it directly, and the official client proves the two speak the same protocol.
 */
class StreamingConnection {
  private readonly reader = new FrameReader();
  /** Request payloads still arriving in parts, by request id. */
  private readonly payloads = new Map<string, Buffer[]>();
  private readonly streams = new Map<string, IncomingStream>();
  private readonly waiting = new Map<string, PendingRequest>();
  /** Ids of the pushes the client has not answered yet. */
  private readonly unacknowledged = new Set<string>();
  private pending: Buffer[] = [];
  private window = { minute: -1, bytes: 0 };

  constructor(
    private readonly ws: WebSocket,
    private readonly conversation: StreamingConversation,
    private readonly limits: StreamingLimits,
    private readonly now: () => number,
  ) {}

  /** Bytes from the socket: within the budget, cut into frames and acted on. */
  receive(data: Buffer): void {
    const minute = Math.floor(this.now() / 60_000);
    if (this.window.minute !== minute) this.window = { minute, bytes: 0 };
    this.window.bytes += data.length;
    // 1008: policy violation. What was sent before the budget ran out has been handled.
    if (this.window.bytes > this.limits.maxInboundBytesPerMinute) return this.ws.close(1008, 'Too much data');
    try {
      for (const frame of this.reader.read(data)) this.onFrame(frame);
    } catch (err) {
      // A broken frame ends this connection (1002); so does a fault of ours (1011), never the server.
      this.ws.close(
        err instanceof FrameError ? 1002 : 1011,
        err instanceof FrameError ? 'Protocol error' : 'Internal error',
      );
    }
  }

  private onFrame({ header, payload }: Frame): void {
    switch (header.kind) {
      case 'A': {
        const parts = this.payloads.get(header.id) ?? [];
        parts.push(payload);
        if (parts.length > MAX_HEAD_PARTS) return this.ws.close(1008, 'Request too large');
        if (!header.end) {
          if (this.payloads.size >= MAX_PENDING_REQUESTS && !this.payloads.has(header.id)) {
            return this.ws.close(1008, 'Too many requests');
          }
          this.payloads.set(header.id, parts);
          return;
        }
        this.payloads.delete(header.id);
        return this.onRequest(header.id, parts.length === 1 ? parts[0]! : Buffer.concat(parts));
      }
      case 'B':
        // The client's answer to a push; it carries nothing the server needs.
        this.unacknowledged.delete(header.id);
        return;
      case 'S': {
        const stream = this.streams.get(header.id);
        if (!stream) return; // a stream no request announced (a response's, or a cancelled one)
        stream.bytes += payload.length;
        stream.tooLarge ||= stream.bytes > this.limits.maxActivityBytes;
        if (!stream.tooLarge) stream.chunks.push(Buffer.from(payload));
        else stream.chunks = [];
        if (header.end) {
          stream.ended = true;
          this.streams.delete(header.id);
          this.dispatchReady();
        }
        return;
      }
      default:
        return; // cancellations: every request here is answered at once, there is nothing to stop
    }
  }

  private onRequest(id: string, payload: Buffer): void {
    let verb: unknown;
    let path: unknown;
    let descriptions: Array<{ id: string; length?: number }> | undefined;
    try {
      const parsed = JSON.parse(payload.toString('utf8')) as {
        verb?: unknown;
        path?: unknown;
        streams?: unknown;
      };
      ({ verb, path } = parsed);
      descriptions = asDescriptions(parsed.streams);
    } catch {
      descriptions = undefined;
    }
    if (typeof verb !== 'string' || typeof path !== 'string' || !descriptions) {
      return this.reply(id, refusal({ status: 400, code: 'BadArgument', message: 'Not a valid request' }));
    }
    if (descriptions.length > MAX_STREAMS_PER_REQUEST || this.waiting.size >= MAX_PENDING_REQUESTS) {
      return this.ws.close(1008, 'Too many streams');
    }
    const streams = descriptions.map(({ id: streamId, length }) => {
      const tooLarge = (length ?? 0) > this.limits.maxActivityBytes;
      const stream: IncomingStream = { chunks: [], bytes: 0, tooLarge, ended: false };
      this.streams.set(streamId, stream);
      return stream;
    });
    this.waiting.set(id, { verb, path, streams });
    this.dispatchReady();
  }

  /** Answers, in the order they came, the requests whose body streams have all arrived. */
  private dispatchReady(): void {
    for (const [id, request] of this.waiting) {
      if (!request.streams.every((s) => s.ended)) continue;
      this.waiting.delete(id);
      this.answer(request).then(
        (reply) => this.reply(id, reply),
        // Every failure becomes a response: the client must never wait for one that does not come.
        () => this.reply(id, refusal({ status: 500, code: 'ServiceError', message: 'The request failed' })),
      );
    }
  }

  private async answer({ verb, path, streams }: PendingRequest): Promise<Reply> {
    const route = streamingRoute(verb, path);
    switch (route.kind) {
      case 'start':
        this.conversation.start();
        return { status: 200, body: { conversationId: this.conversation.conversationId } };
      case 'post': {
        if (route.conversationId !== this.conversation.conversationId) {
          return refusal({
            status: 403,
            code: 'Forbidden',
            message: 'The token does not grant this conversation',
          });
        }
        const activity = readActivity(streams[0]);
        if ('status' in activity) return refusal(activity);
        const posted = await this.conversation.post(activity.value);
        return 'status' in posted ? refusal(posted) : { status: 200, body: posted };
      }
      case 'upload':
        return refusal({ status: 501, code: 'NotImplemented', message: 'Attachments are not supported' });
      case 'unknown':
        return refusal({ status: 404, code: 'NotFound', message: 'No such operation' });
      default: {
        const never: never = route;
        return never;
      }
    }
  }

  private reply(id: string, { status, body }: Reply): void {
    this.sendWithBody('B', id, { statusCode: status }, JSON.stringify(body));
  }

  /** Pushes each appended activity, in order, as a request of one activity (the shape Web Chat expects). */
  push(set: ActivitySet): void {
    const path = `/v3/directline/conversations/${encodeURIComponent(this.conversation.conversationId)}/activities`;
    for (const activity of set.activities) {
      if (this.unacknowledged.size >= this.limits.maxUnacknowledged) {
        this.ws.terminate();
        return;
      }
      const id = randomUUID();
      this.unacknowledged.add(id);
      this.sendWithBody(
        'A',
        id,
        { verb: 'POST', path },
        JSON.stringify({ activities: [activity], watermark: set.watermark }),
      );
    }
  }

  /** A request or a response and its JSON body: the head's frames, then those of the body's stream. */
  private sendWithBody(kind: 'A' | 'B', id: string, head: object, body: string): void {
    const streamId = randomUUID();
    const bytes = Buffer.from(body);
    const payload = { ...head, streams: [{ id: streamId, type: JSON_TYPE, length: bytes.length }] };
    this.write(
      encodeFrames(kind, id, Buffer.from(JSON.stringify(payload))),
      encodeFrames('S', streamId, bytes),
    );
  }

  /**
   * The frames written in one turn of the event loop go out as one WebSocket message (the protocol
   * reads the socket as a byte stream): one system call instead of one per header and body.
   */
  private write(...groups: Buffer[][]): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    for (const frames of groups) this.pending.push(...frames);
  }

  private flush(): void {
    const chunks = this.pending;
    this.pending = [];
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ws.terminate(); // a reader this slow is disconnected; it may reconnect
      return;
    }
    this.ws.send(Buffer.concat(chunks));
  }
}

function readActivity(stream: IncomingStream | undefined): { value: unknown } | Refusal {
  if (!stream) return { status: 400, code: 'BadArgument', message: 'The activity is missing' };
  if (stream.tooLarge) return { status: 413, code: 'BadArgument', message: 'The activity is too large' };
  try {
    return { value: JSON.parse(Buffer.concat(stream.chunks).toString('utf8')) as unknown };
  } catch {
    return { status: 400, code: 'BadArgument', message: 'Not a valid activity' };
  }
}

/**
 * Serves one streaming connection until it closes: answers its requests, and pushes each activity
 * appended to the conversation, in order.
 */
export function serveStreaming(
  ws: WebSocket,
  conversation: StreamingConversation,
  options: { limits?: Partial<StreamingLimits>; now?: () => number } = {},
): void {
  const limits = { ...DEFAULT_STREAMING_LIMITS, ...options.limits };
  const connection = new StreamingConnection(ws, conversation, limits, options.now ?? Date.now);
  ws.on('message', (data: Buffer) => connection.receive(data));
  // Subscribed before the first request is read, so the welcome of a starting conversation is pushed.
  const unsubscribe = conversation.subscribe((set) => connection.push(set));
  ws.on('close', unsubscribe);
}
