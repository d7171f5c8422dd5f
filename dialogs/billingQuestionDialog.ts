import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import type { Entity } from '../src/nlu/types.js';
import { readAmount, readBillingPeriod, readInvoiceNumber } from '../src/tickets/billing.js';
import type { Directory, Identity } from '../src/tickets/directory.js';
import { trimText, type Contact } from '../src/tickets/ids.js';
import { canAskBillingQuestion } from '../src/tickets/permissions.js';
import {
  type BillingDetails,
  type Clock,
  type TicketStore,
  type TranscriptLine,
} from '../src/tickets/types.js';
import type { ArticleLink } from './answers.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds } from './dialogIds.js';
import { YesNoPrompt, yesNoOptions } from './prompts.js';
import { MAX_DESCRIPTION } from './reportProblemDialog.js';
import {
  ContactPrompt,
  MinLengthTextPrompt,
  OptionalValuePrompt,
  TicketPromptIds,
  appendTranscript,
  collectEntities,
  firstEntity,
  identify,
  refusalText,
  sendSummary,
  skipOptions,
  type SummaryRow,
  fileConfirmedTicket,
  contactIn,
  offerArticles,
  endIfAnswered,
  askContact,
  takeContact,
} from './tickets/shared.js';

const WATERFALL = 'billingQuestionSteps';
const PromptIds = { invoice: 'billingInvoice', period: 'billingPeriod', amount: 'billingAmount' } as const;
const EXAMPLES = { invoice: 'G012345678', period: '2026-03', amount: '1250.00 CNY' } as const;

export interface BillingQuestionOptions {
  question?: string;
  entities?: Entity[];
}

interface BillingState {
  identity: Identity;
  question?: string;
  billing: BillingDetails;
  contact?: Contact;
  articlesShown: string[];
  transcript: TranscriptLine[];
}

export interface BillingQuestionDeps {
  tickets: TicketStore;
  directory: Directory;
  knowledge: KnowledgeBase;
  clock: Clock;
  articleLink: ArticleLink;
}

/** A billing question: an article first, then invoice, period, amount and the question → a billing ticket. */
export class BillingQuestionDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: BillingQuestionDeps) {
    super(DialogIds.billing);
    this.addDialog(new MinLengthTextPrompt(TicketPromptIds.text));
    this.addDialog(new YesNoPrompt(TicketPromptIds.yesNo));
    this.addDialog(new ContactPrompt(TicketPromptIds.contact));
    this.addDialog(new OptionalValuePrompt(PromptIds.invoice, deps.clock, readInvoiceNumber));
    this.addDialog(new OptionalValuePrompt(PromptIds.period, deps.clock, readBillingPeriod));
    this.addDialog(new OptionalValuePrompt(PromptIds.amount, deps.clock, readAmount));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.askQuestionStep.bind(this),
        this.offerArticlesStep.bind(this),
        this.askInvoiceStep.bind(this),
        this.askPeriodStep.bind(this),
        this.askAmountStep.bind(this),
        this.askContactStep.bind(this),
        this.confirmStep.bind(this),
        this.fileTicketStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private state(step: WaterfallStepContext): BillingState {
    return step.values as BillingState;
  }

  private async askQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const options = (step.options ?? {}) as BillingQuestionOptions;
    const identity = identify(step.context, this.deps.directory);
    const question = options.question?.trim();
    const entities = collectEntities(options.entities, [question], locale, this.deps.clock());
    const billing: BillingDetails = {};
    const invoice = firstEntity(entities, 'invoice_number');
    const period = firstEntity(entities, 'billing_period');
    const amount = firstEntity(entities, 'amount');
    if (invoice) billing.invoiceNumber = invoice;
    if (period) billing.period = period;
    if (amount) billing.amount = amount;
    Object.assign(this.state(step), {
      identity,
      billing,
      contact: contactIn(entities),
      articlesShown: [],
      transcript: [],
    } satisfies BillingState);
    if (question) return step.next(question);
    return step.prompt(TicketPromptIds.text, { prompt: t('tickets.billing.askQuestion') });
  }

  private async offerArticlesStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.question = trimText(String(step.result ?? ''), MAX_DESCRIPTION).text;
    appendTranscript(state.transcript, 'user', state.question);
    return offerArticles(step, this.deps, state.question, state);
  }

  private async askInvoiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const answered = await endIfAnswered(step);
    if (answered) return answered;
    // Articles are for everyone; a question about the account's billing needs a billing role.
    const decision = canAskBillingQuestion(this.state(step).identity);
    if (!decision.ok) {
      await step.context.sendActivity(refusalText(t, decision));
      return step.endDialog();
    }
    const { billing } = this.state(step);
    if (billing.invoiceNumber) return step.next(billing.invoiceNumber);
    const example = EXAMPLES.invoice;
    return step.prompt(
      PromptIds.invoice,
      skipOptions(
        t('tickets.billing.askInvoice', { example }),
        t('tickets.billing.invoiceRetry', { example }),
        t,
      ),
    );
  }

  private async askPeriodStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const { billing } = this.state(step);
    billing.invoiceNumber = String(step.result ?? '') || undefined;
    if (billing.period) return step.next(billing.period);
    const example = EXAMPLES.period;
    return step.prompt(
      PromptIds.period,
      skipOptions(
        t('tickets.billing.askPeriod', { example }),
        t('tickets.billing.periodRetry', { example }),
        t,
      ),
    );
  }

  private async askAmountStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const { billing } = this.state(step);
    billing.period = String(step.result ?? '') || undefined;
    if (billing.amount) return step.next(billing.amount);
    const example = EXAMPLES.amount;
    return step.prompt(
      PromptIds.amount,
      skipOptions(
        t('tickets.billing.askAmount', { example }),
        t('tickets.billing.amountRetry', { example }),
        t,
      ),
    );
  }

  private async askContactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.billing.amount = String(step.result ?? '') || undefined;
    const known =
      state.contact ??
      (state.identity.email ? { kind: 'email' as const, value: state.identity.email } : undefined);
    return askContact(step, known);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    await takeContact(step, state);
    const rows: SummaryRow[] = [
      ['tickets.card.invoice', state.billing.invoiceNumber],
      ['tickets.card.period', state.billing.period],
      ['tickets.card.amount', state.billing.amount],
      ['tickets.card.question', state.question],
      ['tickets.card.contact', state.contact?.value],
    ];
    await sendSummary(step.context, 'tickets.card.billingTitle', rows);
    return step.prompt(TicketPromptIds.yesNo, yesNoOptions(step.context, 'tickets.billing.confirm'));
  }

  private async fileTicketStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    return fileConfirmedTicket(step, this.deps, state, {
      category: 'billing',
      severity: 'C',
      description: state.question ?? '',
      billing: state.billing,
      articlesShown: state.articlesShown,
      transcript: state.transcript,
    });
  }
}
