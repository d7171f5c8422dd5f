import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import { imBackActions } from '../src/bot/menu.js';
import type { Entity } from '../src/nlu/types.js';
import type { Directory, Identity } from '../src/tickets/directory.js';
import { normalizeTicketId } from '../src/tickets/ids.js';
import {
  canCloseTicket,
  canCommentOnTicket,
  canViewTicket,
  TENANT_VIEW_ROLES,
} from '../src/tickets/permissions.js';
import {
  TicketStoreUnavailableError,
  type Clock,
  type Ticket,
  type TicketStore,
} from '../src/tickets/types.js';
import type { Translate } from '../src/i18n/i18n.js';
import type { Locale } from '../src/i18n/locales.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds } from './dialogIds.js';
import { YesNoPrompt, matchTitle, yesNoOptions } from './prompts.js';
import {
  MinLengthTextPrompt,
  TicketPromptIds,
  collectEntities,
  firstEntity,
  formatDate,
  identify,
} from './tickets/shared.js';

const WATERFALL = 'ticketStatusSteps';
const LATEST = 5;

export interface TicketStatusOptions {
  question?: string;
  entities?: Entity[];
  /** Asked in the middle of another dialog: show the ticket and end, so that dialog resumes. */
  glance?: boolean;
}

type Action = 'comment' | 'close' | 'done';
const ACTIONS: readonly Action[] = ['comment', 'close', 'done'];

interface StatusState {
  identity: Identity;
  ticketId?: string;
  action?: Action;
}

export interface TicketStatusDeps {
  tickets: TicketStore;
  directory: Directory;
  clock: Clock;
}

/** A ticket by id in any form, or "my tickets": its status, add a comment, close it. */
export class TicketStatusDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: TicketStatusDeps) {
    super(DialogIds.ticketStatus);
    this.addDialog(new MinLengthTextPrompt(TicketPromptIds.text));
    this.addDialog(new YesNoPrompt(TicketPromptIds.yesNo));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.whichTicketStep.bind(this),
        this.showTicketStep.bind(this),
        this.askActionDetailsStep.bind(this),
        this.doActionStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private state(step: WaterfallStepContext): StatusState {
    return step.values as StatusState;
  }

  private async whichTicketStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const options = (step.options ?? {}) as TicketStatusOptions;
    const state = this.state(step);
    state.identity = identify(step.context, this.deps.directory);
    const asked = ticketIdIn(options.question ?? '', options.entities, locale, this.deps.clock());
    if (asked) return step.next(asked);
    const mine = await this.visibleTickets(state.identity);
    if (mine.length === 0) {
      await step.context.sendActivity(t('tickets.status.none', { action: t('menu.reportProblem') }));
      return step.endDialog();
    }
    const lines = mine.map((ticket) => listLine(t, locale, ticket));
    const text = `${t('tickets.status.listIntro')}\n\n${lines.join('\n')}\n\n${t('tickets.status.pick')}`;
    const message = MessageFactory.suggestedActions(imBackActions(mine.map((ticket) => ticket.id)), text);
    message.textFormat = 'markdown';
    return step.prompt(TicketPromptIds.text, { prompt: message });
  }

  private async showTicketStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const state = this.state(step);
    const reply = String(step.result ?? '');
    const id = ticketIdIn(reply, [], locale, this.deps.clock());
    const ticket = id ? await this.deps.tickets.get(id) : undefined;
    // Unknown and foreign ids get the same answer: whether a ticket exists is not for everyone to know.
    if (!ticket || !canViewTicket(state.identity, ticket)) {
      await step.context.sendActivity(t('tickets.status.notFound', { id: id ?? reply.trim() }));
      return step.endDialog();
    }
    state.ticketId = ticket.id;
    if (((step.options ?? {}) as TicketStatusOptions).glance) {
      const details = MessageFactory.text(detailsText(t, locale, ticket));
      details.textFormat = 'markdown';
      await step.context.sendActivity(details);
      return step.endDialog();
    }
    const actions = ACTIONS.filter(
      (a) =>
        (a === 'comment' && canCommentOnTicket(state.identity, ticket) && ticket.status !== 'closed') ||
        (a === 'close' && canCloseTicket(state.identity, ticket)) ||
        a === 'done',
    );
    const text = `${detailsText(t, locale, ticket)}\n\n${t('tickets.status.whatNext')}`;
    const titles = actions.map((a) => t(`tickets.status.actions.${a}`));
    const message = MessageFactory.suggestedActions(imBackActions(titles), text);
    message.textFormat = 'markdown';
    return step.prompt(TicketPromptIds.text, { prompt: message });
  }

  private async askActionDetailsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const state = this.state(step);
    const index = matchTitle(
      String(step.result ?? ''),
      ACTIONS.map((a) => t(`tickets.status.actions.${a}`)),
    );
    const action = ACTIONS[index];
    const ticket = state.ticketId ? await this.deps.tickets.get(state.ticketId) : undefined;
    if (!ticket || !action || action === 'done') {
      await step.context.sendActivity(t('tickets.status.done'));
      return step.endDialog();
    }
    state.action = action;
    if (action === 'comment' && canCommentOnTicket(state.identity, ticket)) {
      return step.prompt(TicketPromptIds.text, { prompt: t('tickets.status.askComment') });
    }
    if (action === 'close' && canCloseTicket(state.identity, ticket)) {
      return step.prompt(
        TicketPromptIds.yesNo,
        yesNoOptions(step.context, 'tickets.status.confirmClose', { id: ticket.id }),
      );
    }
    await step.context.sendActivity(t('tickets.status.done'));
    return step.endDialog();
  }

  private async doActionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const { identity, ticketId, action } = this.state(step);
    if (!ticketId) return step.endDialog();
    const by = identity.channel.userId;
    try {
      if (action === 'comment') {
        await this.deps.tickets.addComment(ticketId, by, String(step.result ?? '').trim(), this.deps.clock());
        await step.context.sendActivity(t('tickets.status.commentAdded', { id: ticketId }));
      } else if (step.result === true) {
        await this.deps.tickets.setStatus(ticketId, 'closed', by, this.deps.clock());
        await step.context.sendActivity(t('tickets.status.closed', { id: ticketId }));
      } else {
        await step.context.sendActivity(t('tickets.status.keptOpen', { id: ticketId }));
      }
    } catch (err) {
      if (!(err instanceof TicketStoreUnavailableError)) throw err;
      await step.context.sendActivity(t('tickets.errors.storeUnavailableUpdate'));
    }
    return step.endDialog();
  }

  /** The user's own tickets, plus their tenant's where their role allows, latest first. */
  private async visibleTickets(identity: Identity): Promise<Ticket[]> {
    const tenantWide =
      identity.kind === 'partner' && identity.roles.some((r) => TENANT_VIEW_ROLES.includes(r));
    const found = await this.deps.tickets.list({
      requesterId: identity.channel.userId,
      ...(tenantWide && identity.kind === 'partner' ? { partnerTenantId: identity.partner.tenantId } : {}),
      limit: LATEST,
    });
    return found.filter((ticket) => canViewTicket(identity, ticket));
  }
}

/** A ticket id in a message: an entity the recognizer found, "SR-42", "#42", "заявка 42", or just "42". */
export function ticketIdIn(
  text: string,
  entities: readonly Entity[] | undefined,
  locale: Locale,
  now: Date,
): string | undefined {
  return firstEntity(collectEntities(entities, [text], locale, now), 'ticket_id') ?? normalizeTicketId(text);
}

function statusName(t: Translate, ticket: Ticket): string {
  return t(`tickets.statusNames.${ticket.status}`);
}

function listLine(t: Translate, locale: Locale, ticket: Ticket): string {
  return `- ${t('tickets.status.listLine', { id: ticket.id, title: ticket.title, status: statusName(t, ticket), date: formatDate(ticket.createdAt, locale) })}`;
}

function detailsText(t: Translate, locale: Locale, ticket: Ticket): string {
  return t('tickets.status.details', {
    id: ticket.id,
    title: ticket.title,
    status: statusName(t, ticket),
    severity: t(`tickets.severity.${ticket.severity}`),
    created: formatDate(ticket.createdAt, locale),
    updated: formatDate(ticket.updatedAt, locale),
  });
}
