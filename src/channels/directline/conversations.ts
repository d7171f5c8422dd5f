import type { Activity } from 'botbuilder';

/** What Direct Line delivers: an activity with the id and timestamp the channel gave it. */
export type DeliveredActivity = Partial<Activity> & { id: string };

export interface ActivitySet {
  activities: DeliveredActivity[];
  watermark: string;
}

/** Why a Direct Line request is refused: an HTTP status and Direct Line's `{ error: { code, message } }`. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export interface ConversationLimits {
  /** Activities kept per conversation; older ones are dropped (a late reader resumes at the oldest kept). */
  maxActivities: number;
  /** Conversations held at once; beyond it new ones are refused. */
  maxConversations: number;
  /** A conversation with no request and no open socket for this long is forgotten. */
  idleMs: number;
  /** Turns waiting behind the running one, per conversation. */
  maxQueuedTurns: number;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  maxActivities: 500,
  maxConversations: 5_000,
  idleMs: 30 * 60_000,
  maxQueuedTurns: 10,
};

type Listener = (set: ActivitySet) => void;

/**
 * One Direct Line conversation: the ordered, bounded transcript (user echoes and bot replies), the
 * sockets listening to it, and a queue that runs its turns one at a time, in the order they arrived.
 */
export class Conversation {
  private readonly activities: DeliveredActivity[] = [];
  /** Watermark = how many activities were ever appended; activity n has watermark n + 1. */
  private appended = 0;
  private readonly listeners = new Set<Listener>();
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  lastUsed: number;
  started = false;

  constructor(
    readonly id: string,
    private readonly limits: ConversationLimits,
    now: number,
  ) {
    this.lastUsed = now;
  }

  get socketCount(): number {
    return this.listeners.size;
  }

  get watermark(): string {
    return String(this.appended);
  }

  /** Gives the activity its id and timestamp, keeps it and pushes it to the open sockets. */
  append(activity: Partial<Activity>, timestamp: Date): DeliveredActivity {
    const seq = this.appended;
    const delivered: DeliveredActivity = {
      ...activity,
      id: `${this.id}|${String(seq).padStart(7, '0')}`,
      timestamp,
      conversation: { ...activity.conversation, id: this.id } as Activity['conversation'],
    };
    this.activities.push(delivered);
    this.appended++;
    if (this.activities.length > this.limits.maxActivities) this.activities.shift();
    const set = { activities: [delivered], watermark: this.watermark };
    for (const listener of this.listeners) listener(set);
    return delivered;
  }

  /** Activities after a watermark (all kept ones when the watermark is missing, bad or too old). */
  since(watermark: string | undefined): ActivitySet {
    const from = parseWatermark(watermark);
    const firstKept = this.appended - this.activities.length;
    const start = Math.max(0, Math.min(from, this.appended) - firstKept);
    return { activities: this.activities.slice(start), watermark: this.watermark };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs a turn after the ones already queued. Returns undefined when the queue is full, so a client
   * flooding one conversation gets a 429 instead of growing memory.
   */
  enqueue<T>(turn: () => Promise<T>): Promise<T> | undefined {
    if (this.queued > this.limits.maxQueuedTurns) return undefined;
    this.queued++;
    const run = this.tail.then(turn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    void this.tail.then(() => this.queued--);
    return run;
  }

  /** Resolves when the turns queued so far have finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined || !/^\d{1,15}$/.test(watermark)) return 0;
  return Number(watermark);
}

/** All conversations, bounded in number and forgotten when idle. */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    readonly limits: ConversationLimits,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastUsed = this.now();
    return conversation;
  }

  /** The conversation, created if it is new (a valid token may outlive an idle conversation); undefined when full. */
  getOrCreate(id: string): Conversation | undefined {
    const existing = this.get(id);
    if (existing) return existing;
    if (this.conversations.size >= this.limits.maxConversations) {
      this.sweep();
      if (this.conversations.size >= this.limits.maxConversations) return undefined;
    }
    const conversation = new Conversation(id, this.limits, this.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Forgets the conversations idle for longer than the limit; returns their ids. */
  sweep(): string[] {
    const cutoff = this.now() - this.limits.idleMs;
    const gone: string[] = [];
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastUsed < cutoff && conversation.socketCount === 0) {
        this.conversations.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  all(): IterableIterator<Conversation> {
    return this.conversations.values();
  }
}
