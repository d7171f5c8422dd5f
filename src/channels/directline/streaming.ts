import type { WebSocket } from 'ws';
import {
  RequestHandler,
  StreamingRequest,
  StreamingResponse,
  WebSocketServer as StreamingServer,
  type INodeBuffer,
  type IReceiveRequest,
  type ISocket,
} from 'botframework-streaming';
import type { ActivitySet, Refusal } from './conversations.js';

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

function respond(status: number, body: unknown): StreamingResponse {
  const response = StreamingResponse.create(status);
  response.setBody(body); // serialized by the library (unlike a request's body)
  return response;
}

const refusal = (r: Refusal) => respond(r.status, { error: { code: r.code, message: r.message } });

/** Answers the client's requests: start the conversation, post an activity. */
class ConversationRequests extends RequestHandler {
  constructor(
    private readonly conversation: StreamingConversation,
    private readonly limits: StreamingLimits,
  ) {
    super();
  }

  override async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
    // A rejection here would go unhandled inside the protocol library: every failure becomes a response.
    try {
      return await this.answer(request);
    } catch {
      return refusal({ status: 500, code: 'ServiceError', message: 'The request failed' });
    }
  }

  private async answer(request: IReceiveRequest): Promise<StreamingResponse> {
    const route = streamingRoute(request.verb ?? '', request.path ?? '');
    switch (route.kind) {
      case 'start':
        this.conversation.start();
        return respond(200, { conversationId: this.conversation.conversationId });
      case 'post': {
        if (route.conversationId !== this.conversation.conversationId) {
          return refusal({
            status: 403,
            code: 'Forbidden',
            message: 'The token does not grant this conversation',
          });
        }
        const body = await this.readActivity(request);
        if ('status' in body) return refusal(body);
        const posted = await this.conversation.post(body.value);
        return 'status' in posted ? refusal(posted) : respond(200, posted);
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

  private async readActivity(request: IReceiveRequest): Promise<{ value: unknown } | Refusal> {
    const stream = request.streams[0];
    if (!stream) return { status: 400, code: 'BadArgument', message: 'The activity is missing' };
    if (stream.length !== undefined && stream.length > this.limits.maxActivityBytes) {
      return { status: 413, code: 'BadArgument', message: 'The activity is too large' };
    }
    const text = await stream.readAsString();
    if (Buffer.byteLength(text) > this.limits.maxActivityBytes) {
      return { status: 413, code: 'BadArgument', message: 'The activity is too large' };
    }
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return { status: 400, code: 'BadArgument', message: 'Not a valid activity' };
    }
  }
}

/**
 * The protocol's socket over a `ws` WebSocket. The protocol reads its socket as a byte stream, so the
 * frames written in one turn of the event loop go out as one WebSocket message: one system call
 * instead of one per header and body. It also enforces the inbound budget and the outbound backlog.
 */
class BatchingSocket implements ISocket {
  private pending: Buffer[] = [];
  private window = { minute: -1, bytes: 0 };

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: StreamingLimits,
    private readonly now: () => number,
  ) {}

  get isConnected(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  write(buffer: INodeBuffer): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(buffer as unknown as Buffer);
  }

  private flush(): void {
    const chunks = this.pending;
    this.pending = [];
    if (!this.isConnected) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ws.terminate();
      return;
    }
    this.ws.send(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  }

  connect(): Promise<void> {
    return Promise.reject(new Error('a server-side socket is connected already'));
  }

  close(): void {
    this.ws.close();
  }

  setOnMessageHandler(handler: (data: Buffer) => void): void {
    this.ws.on('message', (data: Buffer) => {
      const minute = Math.floor(this.now() / 60_000);
      if (this.window.minute !== minute) this.window = { minute, bytes: 0 };
      this.window.bytes += data.length;
      // 1008: policy violation. What was sent before the budget ran out has been handled.
      if (this.window.bytes > this.limits.maxInboundBytesPerMinute) this.ws.close(1008, 'Too much data');
      else handler(data);
    });
  }

  setOnErrorHandler(handler: (error: unknown) => void): void {
    this.ws.on('error', handler);
  }

  setOnCloseHandler(handler: (code: number) => void): void {
    this.ws.on('close', handler);
  }
}

/**
 * Serves one streaming connection until it closes: answers its requests, and pushes each activity
 * appended to the conversation, in order, as a request of one activity (the shape Web Chat expects).
 */
export function serveStreaming(
  ws: WebSocket,
  conversation: StreamingConversation,
  options: { limits?: Partial<StreamingLimits>; now?: () => number } = {},
): void {
  const limits = { ...DEFAULT_STREAMING_LIMITS, ...options.limits };
  const server = new StreamingServer(
    new BatchingSocket(ws, limits, options.now ?? Date.now),
    new ConversationRequests(conversation, limits),
  );
  let unacknowledged = 0;
  const push = (set: ActivitySet) => {
    for (const activity of set.activities) {
      if (unacknowledged >= limits.maxUnacknowledged) {
        ws.terminate();
        return;
      }
      const request = StreamingRequest.create(
        'POST',
        `/v3/directline/conversations/${encodeURIComponent(conversation.conversationId)}/activities`,
      );
      request.setBody(JSON.stringify({ activities: [activity], watermark: set.watermark }));
      unacknowledged++;
      server.send(request).then(
        () => unacknowledged--,
        () => unacknowledged--,
      );
    }
  };
  // Subscribed before the first request is read, so the welcome of a starting conversation is pushed.
  const unsubscribe = conversation.subscribe(push);
  ws.on('close', unsubscribe);
  void server.start();
}
