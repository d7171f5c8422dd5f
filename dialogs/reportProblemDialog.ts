import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import type { Entity } from '../src/nlu/types.js';
import type { Locale } from '../src/i18n/locales.js';
import type { Directory, Identity } from '../src/tickets/directory.js';
import { trimText, type Contact } from '../src/tickets/ids.js';
import { canFileSupportRequest, canReportOnBehalf, type Decision } from '../src/tickets/permissions.js';
import {
  SEVERITIES,
  TICKET_CATEGORIES,
  type Clock,
  type Severity,
  type TicketCategory,
  type TicketCustomer,
  type TicketStore,
  type TranscriptLine,
} from '../src/tickets/types.js';
import type { ArticleLink } from './answers.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds } from './dialogIds.js';
import { YesNoPrompt, yesNoOptions } from './prompts.js';
import {
  ContactPrompt,
  DatePrompt,
  TicketPromptIds,
  MinLengthTextPrompt,
  TitlePrompt,
  appendTranscript,
  collectEntities,
  firstEntity,
  formatDate,
  identify,
  refusalText,
  sendSummary,
  skipOptions,
  titleOptions,
  type SummaryRow,
  fileConfirmedTicket,
  contactIn,
  offerArticles,
  endIfAnswered,
  askContact,
  takeContact,
} from './tickets/shared.js';

const WATERFALL = 'reportProblemSteps';
/** Enough for an engineer to start from; Chinese says as much in a third of the characters. */
export function minDescriptionLength(locale: Locale): number {
  return locale === 'zh-CN' ? 10 : 30;
}
export const MAX_DESCRIPTION = 2000;

export interface ReportProblemOptions {
  /** The user's first message, when it already described the problem. */
  question?: string;
  /** A description handed over by another dialog (self-support: the question the articles did not answer). */
  description?: string;
  entities?: Entity[];
  /** Filing on behalf of this customer (set by the report-on-behalf dialog, which checked the relationship). */
  customer?: TicketCustomer;
  /** The knowledge base was already tried: do not offer articles again (default: true when `description` is given). */
  articlesTried?: boolean;
}

interface ReportState {
  identity: Identity;
  customer?: TicketCustomer;
  description?: string;
  category?: TicketCategory;
  severity?: Severity;
  contact?: Contact;
  since?: string;
  sinceKnown: boolean;
  articlesShown: string[];
  transcript: TranscriptLine[];
}

export interface ReportProblemDeps {
  tickets: TicketStore;
  directory: Directory;
  knowledge: KnowledgeBase;
  clock: Clock;
  articleLink: ArticleLink;
}

/** Files a support request: articles first, then category, severity, description, contact, since when. */
export class ReportProblemDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: ReportProblemDeps) {
    super(DialogIds.reportProblem);
    this.addDialog(new MinLengthTextPrompt(TicketPromptIds.text));
    this.addDialog(new TitlePrompt(TicketPromptIds.title));
    this.addDialog(new YesNoPrompt(TicketPromptIds.yesNo));
    this.addDialog(new ContactPrompt(TicketPromptIds.contact));
    this.addDialog(new DatePrompt(TicketPromptIds.date, deps.clock));
    this.addDialog(
      new WaterfallDialog<ReportState>(WATERFALL, [
        this.askDescriptionStep.bind(this),
        this.offerArticlesStep.bind(this),
        this.askCategoryStep.bind(this),
        this.askSeverityStep.bind(this),
        this.askDetailsStep.bind(this),
        this.askContactStep.bind(this),
        this.askSinceStep.bind(this),
        this.confirmStep.bind(this),
        this.fileTicketStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private state(step: WaterfallStepContext): ReportState {
    return step.values as ReportState;
  }

  private async askDescriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const options = (step.options ?? {}) as ReportProblemOptions;
    const identity = identify(step.context, this.deps.directory);
    const decision = options.customer
      ? this.onBehalfDecision(identity, options.customer)
      : canFileSupportRequest(identity);
    if (!decision.ok) {
      await step.context.sendActivity(
        refusalText(t, decision, {
          customer: options.customer?.name ?? '',
          partner: identity.kind === 'partner' ? identity.partner.name : '',
        }),
      );
      return step.endDialog();
    }
    const description = (options.description ?? options.question)?.trim();
    const entities = collectEntities(options.entities, [description], locale, this.deps.clock());
    const since = firstEntity(entities, 'date');
    const state = this.state(step);
    Object.assign(state, {
      identity,
      customer: options.customer,
      contact: contactIn(entities),
      since,
      sinceKnown: since !== undefined,
      articlesShown: [],
      transcript: [],
    } satisfies ReportState);
    appendTranscript(state.transcript, 'user', description);
    if (description) return step.next(description);
    return step.prompt(TicketPromptIds.text, { prompt: t('tickets.report.askDescription') });
  }

  /** Filing for a customer the directory does not know is refused like one without a relationship. */
  private onBehalfDecision(identity: Identity, customer: TicketCustomer): Decision {
    const known = this.deps.directory.customer(customer.id);
    return known ? canReportOnBehalf(identity, known) : { ok: false, reason: 'no_relationship' };
  }

  private async offerArticlesStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.description = String(step.result ?? '').trim();
    if (!state.transcript.length) appendTranscript(state.transcript, 'user', state.description);
    // A description handed over by another dialog (self-support) comes from a search that did not help.
    const options = (step.options ?? {}) as ReportProblemOptions;
    if (options.articlesTried ?? options.description !== undefined) return step.next(false);
    return offerArticles(step, this.deps, state.description, state);
  }

  private async askCategoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const answered = await endIfAnswered(step);
    if (answered) return answered;
    const titles = TICKET_CATEGORIES.map((c) => t(`tickets.category.${c}`));
    return step.prompt(
      TicketPromptIds.title,
      titleOptions(t('tickets.category.prompt'), titles, t('tickets.category.retry')),
    );
  }

  private async askSeverityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const state = this.state(step);
    state.category = TICKET_CATEGORIES[step.result as number] ?? 'other';
    appendTranscript(state.transcript, 'user', t(`tickets.category.${state.category}`));
    const titles = SEVERITIES.map((s) => t(`tickets.severity.${s}`));
    const text = `${t('tickets.severity.prompt')}\n\n${t('tickets.severity.explain')}`;
    return step.prompt(TicketPromptIds.title, titleOptions(text, titles, t('tickets.severity.retry')));
  }

  private async askDetailsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const state = this.state(step);
    state.severity = SEVERITIES[step.result as number] ?? 'C';
    const min = minDescriptionLength(locale);
    if ((state.description ?? '').length >= min) return step.next(state.description);
    return step.prompt(TicketPromptIds.text, {
      prompt: t('tickets.report.askDetails', { min }),
      retryPrompt: t('tickets.report.detailsRetry', { min }),
      validations: { minLength: min },
    });
  }

  private async askContactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const state = this.state(step);
    const given = String(step.result ?? '').trim();
    // A short first description plus the details asked for: keep both.
    const description =
      state.description &&
      given !== state.description &&
      state.description.length < minDescriptionLength(locale)
        ? `${state.description}\n${given}`
        : given;
    if (given !== state.description) appendTranscript(state.transcript, 'user', given);
    const trimmed = trimText(description, MAX_DESCRIPTION);
    state.description = trimmed.text;
    if (trimmed.trimmed)
      await step.context.sendActivity(t('tickets.report.trimmed', { max: MAX_DESCRIPTION }));
    return askContact(step, state.contact);
  }

  private async askSinceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const state = this.state(step);
    await takeContact(step, state);
    if (state.sinceKnown) return step.next(state.since ?? '');
    const example = '2026-03-01';
    return step.prompt(
      TicketPromptIds.date,
      skipOptions(t('tickets.report.askSince', { example }), t('tickets.report.sinceRetry', { example }), t),
    );
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = getTurnInfo(step.context);
    const state = this.state(step);
    state.since = String(step.result ?? '') || undefined;
    const rows: SummaryRow[] = [
      ...(state.customer ? [['tickets.card.customer', state.customer.name] satisfies SummaryRow] : []),
      [
        'tickets.card.category',
        state.category && getTurnInfo(step.context).t(`tickets.category.${state.category}`),
      ],
      [
        'tickets.card.severity',
        state.severity && getTurnInfo(step.context).t(`tickets.severity.${state.severity}`),
      ],
      ['tickets.card.description', state.description],
      ['tickets.card.contact', state.contact?.value],
      ['tickets.card.since', state.since && formatDate(state.since, locale)],
    ];
    await sendSummary(step.context, 'tickets.card.title', rows);
    return step.prompt(TicketPromptIds.yesNo, yesNoOptions(step.context, 'tickets.report.confirm'));
  }

  private async fileTicketStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    return fileConfirmedTicket(step, this.deps, state, {
      ...(state.customer ? { customer: state.customer } : {}),
      category: state.category ?? 'other',
      severity: state.severity ?? 'C',
      description: state.description ?? '',
      ...(state.since ? { since: state.since } : {}),
      articlesShown: state.articlesShown,
      transcript: state.transcript,
    });
  }
}
