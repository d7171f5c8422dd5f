import type { Locale } from '../i18n/locales.js';

export const INTENTS = [
  'report_problem',
  'report_on_behalf',
  'billing_question',
  'kb_lookup',
  'ticket_status',
  'help',
  'cancel',
  'change_language',
  'greeting',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export type EntityType =
  | 'ticket_id'
  | 'email'
  | 'phone'
  | 'date'
  | 'guid'
  | 'number'
  | 'customer'
  | 'language'
  | 'amount'
  | 'invoice_number'
  | 'billing_period';

export interface Entity {
  type: EntityType;
  /** The text as the user wrote it. */
  text: string;
  /**
   * Normalized value: ticket_id → 'SR-000123'; email → lower-cased; phone → E.164-ish digits with '+';
   * date → ISO date 'YYYY-MM-DD' (the start of a period); guid → lower-case; number → number as string;
   * customer → the name or domain as written; language → a Locale; amount → '123.45 CNY';
   * billing_period → 'YYYY-MM'.
   */
  value: string;
  start: number;
  end: number;
}

export interface IntentScore {
  intent: Intent;
  score: number;
}

export interface Recognition {
  intent: Intent;
  /** 0..1 */
  score: number;
  /** All intents ranked, best first (includes the top one). */
  ranked: IntentScore[];
  /** Every entity in the message; a recognizer may find them only when this is first read. */
  readonly entities: Entity[];
  /** The language the text is written in, when it can be told reliably. */
  language: Locale | undefined;
  /** True when the text was a menu button or a one-word command, matched exactly. */
  exact?: boolean;
}

/** The intent router's contract: what the main dialog asks of any recognizer. */
export interface IntentRecognizer {
  recognize(text: string, locale: Locale, now?: Date): Recognition;
}
