import type { ConversationReference } from 'botbuilder';
import type { Locale } from '../i18n/locales.js';

export const TICKET_CATEGORIES = ['technical', 'billing', 'subscription', 'account', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** A critical (business stopped), B moderate (degraded), C minimal (a question, an inconvenience). */
export const SEVERITIES = ['A', 'B', 'C'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who filed the ticket, as the channel knows them, plus the contact details they gave. */
export interface Requester {
  channelId: string;
  /** Teams: the AAD object id; Web Chat / Direct Line: the user id of the token. */
  userId: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** The customer a partner filed the ticket for. */
export interface TicketCustomer {
  id: string;
  name: string;
}

export interface BillingDetails {
  invoiceNumber?: string;
  /** 'YYYY-MM' */
  period?: string;
  /** '123.45 CNY' */
  amount?: string;
}

export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
}

export type HistoryAction = 'created' | 'status' | 'comment';

export interface HistoryEntry {
  /** ISO timestamp. */
  at: string;
  /** The user id of whoever did it. */
  by: string;
  action: HistoryAction;
  status?: TicketStatus;
  text?: string;
}

export interface Ticket {
  /** 'SR-000042' */
  id: string;
  /** The partner tenant the ticket belongs to; undefined for a customer of no partner. */
  partnerTenantId?: string;
  requester: Requester;
  customer?: TicketCustomer;
  category: TicketCategory;
  severity: Severity;
  title: string;
  description: string;
  locale: Locale;
  /** 'YYYY-MM-DD': since when the problem happens, when the user said. */
  since?: string;
  billing?: BillingDetails;
  /** Slugs of the articles the user was shown before filing. */
  articlesShown: string[];
  transcript: TranscriptLine[];
  status: TicketStatus;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
  /** What a proactive message to the user needs. */
  conversationReference?: Partial<ConversationReference>;
}

/** What a dialog hands to create(): the store assigns the id, status, history and timestamps. */
export type NewTicket = Omit<Ticket, 'id' | 'status' | 'history' | 'createdAt' | 'updatedAt'>;

export interface TicketQuery {
  /** Tickets this user filed. */
  requesterId?: string;
  /** Or tickets of this partner tenant. Both given: either matches. */
  partnerTenantId?: string;
  /** Latest first; default 5. */
  limit?: number;
}

/**
 * What dialogs depend on. Every method that changes a ticket resolves only once the change is on
 * disk, and rejects with TicketStoreUnavailableError (nothing changed) when it cannot be written.
 */
export interface TicketStore {
  create(ticket: NewTicket, now: Date): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  list(query: TicketQuery): Promise<Ticket[]>;
  addComment(id: string, by: string, text: string, now: Date): Promise<Ticket>;
  setStatus(id: string, status: TicketStatus, by: string, now: Date): Promise<Ticket>;
  /** Waits for writes in flight. */
  close(): Promise<void>;
}

export type Clock = () => Date;

/** The data folder cannot take a write (read-only, full disk, permissions): nothing was changed. */
export class TicketStoreUnavailableError extends Error {
  override name = 'TicketStoreUnavailableError';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Cannot write the ticket file ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

export class TicketNotFoundError extends Error {
  override name = 'TicketNotFoundError';
  constructor(readonly id: string) {
    super(`No ticket ${id}`);
  }
}
