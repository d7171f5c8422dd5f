import { CardFactory, MessageFactory, TurnContext, type Attachment } from 'botbuilder';
import {
  TextPrompt,
  type DialogTurnResult,
  type PromptOptions,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Translate } from '../../src/i18n/i18n.js';
import type { Locale } from '../../src/i18n/locales.js';
import { getTurnInfo } from '../../src/bot/turn.js';
import { imBackActions } from '../../src/bot/menu.js';
import { extractEntities } from '../../src/nlu/entities.js';
import type { Entity, EntityType } from '../../src/nlu/types.js';
import {
  identityFromActivity,
  type Directory,
  type Identity,
  type PartnerRole,
} from '../../src/tickets/directory.js';
import { parseContact, parseIsoDate, trimText, type Contact } from '../../src/tickets/ids.js';
import type { Decision } from '../../src/tickets/permissions.js';
import {
  TicketStoreUnavailableError,
  type Clock,
  type NewTicket,
  type TicketStore,
  type TranscriptLine,
} from '../../src/tickets/types.js';
import { foldAccents, normalizeReply } from '../../src/language/normalize.js';
import { matchTitle, yesNoOptions } from '../prompts.js';
import type { ArticleLink } from '../answers.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

/** Prompt ids used inside the ticket dialogs (each dialog is a ComponentDialog: ids are local to it). */
export const TicketPromptIds = {
  text: 'ticketText',
  title: 'ticketTitle',
  yesNo: 'ticketYesNo',
  contact: 'ticketContact',
  date: 'ticketDate',
} as const;

export const MAX_TRIES = 3;

export function identify(context: TurnContext, directory: Directory): Identity {
  return directory.identify(identityFromActivity(context.activity));
}

/** "Global admin or Billing admin", in the user's language. */
export function roleList(t: Translate, roles: readonly PartnerRole[]): string {
  return roles.map((r) => t(`tickets.roles.${r}`)).join(t('tickets.roles.separator'));
}

/** The polite refusal for a permission decision that said no. */
export function refusalText(
  t: Translate,
  decision: Exclude<Decision, { ok: true }>,
  vars: Record<string, string> = {},
): string {
  return decision.reason === 'role'
    ? t('tickets.refused.role', { roles: roleList(t, decision.needed) })
    : t('tickets.refused.noRelationship', vars);
}

/** Entities of the first message and of the texts given, first occurrence of each type wins. */
export function collectEntities(
  given: readonly Entity[] | undefined,
  texts: readonly (string | undefined)[],
  locale: Locale,
  now: Date,
): Entity[] {
  const found = [...(given ?? [])];
  for (const text of texts) if (text) found.push(...extractEntities(text, { locale, now }));
  return found;
}

export function firstEntity(entities: readonly Entity[], type: EntityType): string | undefined {
  return entities.find((e) => e.type === type)?.value;
}

export function isSkip(t: Translate, reply: string): boolean {
  return matchTitle(reply, [t('common.skip')]) === 0;
}

/** A date in any of our languages ("ieri", "вчера", "3 марта", "昨天") or ISO; undefined if none. */
export function readDate(text: string, locale: Locale, now: Date): string | undefined {
  return firstEntity(extractEntities(text, { locale, now }), 'date') ?? parseIsoDate(text);
}

/** Keeps a short transcript excerpt for the engineer. */
export function appendTranscript(
  lines: TranscriptLine[],
  from: TranscriptLine['from'],
  text: string | undefined,
): void {
  const clean = text?.trim();
  if (!clean) return;
  lines.push({ from, text: clean.slice(0, 300) });
  if (lines.length > 20) lines.splice(0, lines.length - 20);
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function contactText(contact: Contact | undefined, t: Translate): string {
  return contact?.value ?? t('tickets.card.none');
}

/** A question answered by one of the given titles (retried otherwise); the result is the index. */
export class TitlePrompt extends TextPrompt {
  constructor(id: string) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const titles = (prompt.options.validations as string[] | undefined) ?? [];
      const index = matchTitle(prompt.recognized.value ?? '', titles);
      if (index < 0) return false;
      (prompt.recognized as { value: unknown }).value = index;
      return true;
    });
  }
}

export function titleOptions(text: string, titles: readonly string[], retry: string): PromptOptions {
  const buttons = imBackActions(titles);
  return {
    prompt: MessageFactory.suggestedActions(buttons, text),
    retryPrompt: MessageFactory.suggestedActions(buttons, retry),
    validations: [...titles],
  };
}

/** What the contact question yields: a contact, or nothing when skipped or after three tries. */
export type ContactAnswer = { contact?: Contact; gaveUp: boolean };

/** An email or phone number; re-asked with an example; after three tries, or "Skip", the step moves on. */
export class ContactPrompt extends TextPrompt {
  constructor(id: string) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const { t } = getTurnInfo(prompt.context);
      const reply = prompt.recognized.value ?? '';
      const contact = parseContact(reply);
      let answer: ContactAnswer | undefined;
      if (contact) answer = { contact, gaveUp: false };
      else if (isSkip(t, reply)) answer = { gaveUp: false };
      else if (prompt.attemptCount >= MAX_TRIES) answer = { gaveUp: true };
      if (!answer) return false;
      (prompt.recognized as { value: unknown }).value = answer;
      return true;
    });
  }
}

/** Reads a value out of a reply in the user's language; undefined when there is none. */
export type ReadValue = (text: string, locale: Locale, now: Date) => string | undefined;

/** An optional value (a date, a period, an invoice number…): '' when skipped, or after three tries. */
export class OptionalValuePrompt extends TextPrompt {
  constructor(id: string, clock: Clock, read: ReadValue) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const { t, locale } = getTurnInfo(prompt.context);
      const reply = prompt.recognized.value ?? '';
      let value = isSkip(t, reply) ? '' : read(reply, locale, clock());
      if (value === undefined && prompt.attemptCount >= MAX_TRIES) value = '';
      if (value === undefined) return false;
      (prompt.recognized as { value: unknown }).value = value;
      return true;
    });
  }
}

/** An optional date: ISO 'YYYY-MM-DD'. */
export class DatePrompt extends OptionalValuePrompt {
  constructor(id: string, clock: Clock) {
    super(id, clock, readDate);
  }
}

export function skipOptions(text: string, retry: string, t: Translate): PromptOptions {
  const buttons = imBackActions([t('common.skip')]);
  return {
    prompt: MessageFactory.suggestedActions(buttons, text),
    retryPrompt: MessageFactory.suggestedActions(buttons, retry),
  };
}

/** Rows of a summary: a localized label and its value. */
export type SummaryRow = [labelKey: string, value: string | undefined];

/** An Adaptive Card summary; every word comes from the locale files. */
export function summaryCard(t: Translate, titleKey: string, rows: readonly SummaryRow[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: t(titleKey), weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'FactSet',
        facts: rows.map(([key, value]) => ({
          title: t(key),
          value: value?.trim() ? value : t('tickets.card.none'),
        })),
      },
    ],
  });
}

/** The plain-text twin of the card, for channels without Adaptive Cards and for tests. */
export function summaryText(t: Translate, titleKey: string, rows: readonly SummaryRow[]): string {
  return [
    `**${t(titleKey)}**`,
    ...rows.map(([key, value]) => `${t(key)}: ${value?.trim() ? value : t('tickets.card.none')}`),
  ].join('\n\n');
}

export async function sendSummary(
  context: TurnContext,
  titleKey: string,
  rows: readonly SummaryRow[],
): Promise<void> {
  const { t } = getTurnInfo(context);
  // The card carries the details; the text is its fallback for channels that cannot show cards.
  const message = MessageFactory.attachment(summaryCard(t, titleKey, rows));
  message.text = t(titleKey);
  message.summary = summaryText(t, titleKey, rows);
  await context.sendActivity(message);
}

export function conversationReference(
  context: TurnContext,
): ReturnType<typeof TurnContext.getConversationReference> {
  return TurnContext.getConversationReference(context.activity);
}

/** Case- and accent-insensitive, for comparing what users type. */
export function folded(text: string): string {
  return foldAccents(normalizeReply(text));
}

/** Free text; with `validations: { minLength }` a shorter reply is asked again (then accepted after three tries). */
export class MinLengthTextPrompt extends TextPrompt {
  constructor(id: string) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const rules = prompt.options.validations as { minLength?: number } | undefined;
      const text = (prompt.recognized.value ?? '').trim();
      return text.length > 0 && (text.length >= (rules?.minLength ?? 1) || prompt.attemptCount >= MAX_TRIES);
    });
  }
}

/** What a ticket dialog knows when the user confirms; the rest of the ticket comes from the turn. */
export type TicketDraft = Omit<
  NewTicket,
  'requester' | 'partnerTenantId' | 'locale' | 'conversationReference' | 'title'
>;

/**
 * The last step of every ticket dialog: files the ticket once the user said yes and tells its id
 * (the store has it on disk by then), or says nothing was filed. A store that cannot write gives a
 * localized error and no half ticket.
 */
export async function fileConfirmedTicket(
  step: WaterfallStepContext,
  deps: { tickets: TicketStore; clock: Clock },
  who: { identity: Identity; contact?: Contact },
  draft: TicketDraft,
): Promise<DialogTurnResult> {
  const { t, locale } = getTurnInfo(step.context);
  if (step.result !== true) {
    await step.context.sendActivity(t('tickets.report.notFiled'));
    return step.endDialog();
  }
  const { identity, contact } = who;
  const email = contact?.kind === 'email' ? contact.value : identity.email;
  try {
    const ticket = await deps.tickets.create(
      {
        ...(identity.kind === 'partner' ? { partnerTenantId: identity.partner.tenantId } : {}),
        requester: {
          channelId: identity.channel.channelId,
          userId: identity.channel.userId,
          ...(identity.name ? { name: identity.name } : {}),
          ...(email ? { email } : {}),
          ...(contact?.kind === 'phone' ? { phone: contact.value } : {}),
        },
        ...draft,
        title: trimText(draft.description.split('\n')[0] ?? draft.description, 80).text,
        locale,
        conversationReference: conversationReference(step.context),
      },
      deps.clock(),
    );
    await step.context.sendActivity(
      t('tickets.report.filed', { id: ticket.id, myTickets: t('menu.ticketStatus') }),
    );
    return step.endDialog({ ticketId: ticket.id });
  } catch (err) {
    if (!(err instanceof TicketStoreUnavailableError)) throw err;
    await step.context.sendActivity(t('tickets.errors.storeUnavailable'));
    return step.endDialog();
  }
}

/** The contact a message already gave: its first e-mail address, else its first phone number. */
export function contactIn(entities: readonly Entity[]): Contact | undefined {
  const email = firstEntity(entities, 'email');
  if (email) return { kind: 'email', value: email };
  const phone = firstEntity(entities, 'phone');
  return phone ? { kind: 'phone', value: phone } : undefined;
}

/** How many articles a ticket dialog offers before filing. */
const ARTICLES_OFFERED = 3;

/**
 * Before filing: lists the articles that may already answer `question` and asks whether one did
 * (the next step gets true or false); goes straight on with false when no article is confident.
 * With `transcript`, their titles are kept for the engineer.
 */
export async function offerArticles(
  step: WaterfallStepContext,
  deps: { knowledge: KnowledgeBase; articleLink: ArticleLink },
  question: string,
  state: { articlesShown: string[]; transcript?: TranscriptLine[] },
): Promise<DialogTurnResult> {
  const { t, locale } = getTurnInfo(step.context);
  const result = deps.knowledge.search(question, locale, { limit: ARTICLES_OFFERED });
  if (!result.answered || result.hits.length === 0) return step.next(false);
  state.articlesShown = result.hits.map((h) => h.slug);
  const list = result.hits.map((h) => `- [${h.title}](${deps.articleLink(h.locale, h.slug)})`).join('\n');
  const message = MessageFactory.text(`${t('tickets.report.articlesIntro')}\n\n${list}`);
  message.textFormat = 'markdown';
  await step.context.sendActivity(message);
  if (state.transcript) appendTranscript(state.transcript, 'bot', result.hits.map((h) => h.title).join('; '));
  return step.prompt(TicketPromptIds.yesNo, yesNoOptions(step.context, 'tickets.report.articlesHelped'));
}

/** The step after `offerArticles`: ends the dialog when an article answered; undefined to go on. */
export async function endIfAnswered(step: WaterfallStepContext): Promise<DialogTurnResult | undefined> {
  if (step.result !== true) return undefined;
  await step.context.sendActivity(getTurnInfo(step.context).t('tickets.report.gladItHelped'));
  return step.endDialog({ answered: true });
}

/** Confirms a contact already known, or asks for one (which the user may skip); the next step gets a ContactAnswer. */
export async function askContact(step: WaterfallStepContext, known: Contact | undefined): Promise<DialogTurnResult> {
  const { t } = getTurnInfo(step.context);
  if (known) {
    await step.context.sendActivity(t('tickets.report.contactKnown', { contact: known.value }));
    return step.next({ contact: known, gaveUp: false } satisfies ContactAnswer);
  }
  return step.prompt(
    TicketPromptIds.contact,
    skipOptions(
      t('tickets.report.askContact'),
      t('tickets.report.contactRetry', { example: t('tickets.report.contactExample') }),
      t,
    ),
  );
}

/** The step after `askContact`: keeps the answer, and says so when the user gave up on a contact. */
export async function takeContact(step: WaterfallStepContext, state: { contact?: Contact }): Promise<void> {
  const answer = step.result as ContactAnswer;
  state.contact = answer.contact;
  if (answer.gaveUp) await step.context.sendActivity(getTurnInfo(step.context).t('tickets.report.contactSkipped'));
}
