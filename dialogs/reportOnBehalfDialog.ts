import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import type { Entity } from '../src/nlu/types.js';
import type { Locale } from '../src/i18n/locales.js';
import type { Customer, Directory, Identity } from '../src/tickets/directory.js';
import { canReportOnBehalf } from '../src/tickets/permissions.js';
import type { Clock } from '../src/tickets/types.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds } from './dialogIds.js';
import type { ReportProblemOptions } from './reportProblemDialog.js';
import {
  MAX_TRIES,
  MinLengthTextPrompt,
  TicketPromptIds,
  TitlePrompt,
  collectEntities,
  firstEntity,
  identify,
  refusalText,
  titleOptions,
} from './tickets/shared.js';

const FIND_CUSTOMER = 'reportOnBehalfFind';
const MAX_CHOICES = 5;

export interface ReportOnBehalfOptions {
  question?: string;
  entities?: Entity[];
}

/** Carried from one try to the next: the customer question is asked again when nothing matches. */
interface FindState {
  question?: string;
  entities: Entity[];
  tries: number;
  /** The customer named in the first message, used once. */
  named?: string;
}

interface StepValues {
  identity: Identity;
  find: FindState;
  candidates?: Customer[];
}

export interface ReportOnBehalfDeps {
  directory: Directory;
  clock: Clock;
}

/**
 * Which customer: a name or domain, fuzzy matched against the partner's customers, buttons when several
 * match; then the report-a-problem dialog, filing for that customer.
 */
export class ReportOnBehalfDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: ReportOnBehalfDeps) {
    super(DialogIds.reportOnBehalf);
    this.addDialog(new MinLengthTextPrompt(TicketPromptIds.text));
    this.addDialog(new TitlePrompt(TicketPromptIds.title));
    this.addDialog(
      new WaterfallDialog(FIND_CUSTOMER, [
        this.askCustomerStep.bind(this),
        this.matchCustomerStep.bind(this),
        this.reportProblemStep.bind(this),
      ]),
    );
    this.initialDialogId = FIND_CUSTOMER;
  }

  private async askCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale } = getTurnInfo(step.context);
    const values = step.values as StepValues;
    values.identity = identify(step.context, this.deps.directory);
    const decision = canReportOnBehalf(values.identity);
    if (!decision.ok) {
      await step.context.sendActivity(refusalText(t, decision));
      return step.endDialog();
    }
    const state = this.findState(step, locale);
    values.find = state;
    if (state.named) return step.next(state.named);
    return step.prompt(TicketPromptIds.text, { prompt: t('tickets.onBehalf.askCustomer') });
  }

  private async matchCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const values = step.values as StepValues;
    const { identity, find: state } = values;
    const query = String(step.result ?? '').trim();
    if (identity.kind !== 'partner') return step.endDialog();
    const matches = this.deps.directory.findCustomers(identity.partner.tenantId, query).slice(0, MAX_CHOICES);
    values.candidates = matches;
    if (matches.length === 1) return step.next(0);
    if (matches.length > 1) {
      return step.prompt(
        TicketPromptIds.title,
        titleOptions(
          t('tickets.onBehalf.pickCustomer'),
          matches.map((c) => c.name),
          t('tickets.onBehalf.pickCustomer'),
        ),
      );
    }
    // Not one of theirs: if it is somebody's customer, say why and how to get a relationship.
    const elsewhere = this.deps.directory.findAnyCustomer(query);
    if (elsewhere) {
      await step.context.sendActivity(
        refusalText(
          t,
          { ok: false, reason: 'no_relationship' },
          { customer: elsewhere.name, partner: identity.partner.name },
        ),
      );
      return step.endDialog();
    }
    if (state.tries + 1 >= MAX_TRIES) {
      await step.context.sendActivity(t('tickets.onBehalf.giveUp'));
      return step.endDialog();
    }
    await step.context.sendActivity(t('tickets.onBehalf.noMatch', { query }));
    return step.replaceDialog(FIND_CUSTOMER, {
      ...state,
      tries: state.tries + 1,
      named: undefined,
    } satisfies FindState);
  }

  private async reportProblemStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    const { candidates, find: state } = step.values as StepValues;
    const customer = candidates?.[typeof step.result === 'number' ? step.result : 0];
    if (!customer) return step.endDialog();
    await step.context.sendActivity(t('tickets.onBehalf.forCustomer', { customer: customer.name }));
    // The report dialog checks the relationship again and files for the customer.
    const options: ReportProblemOptions = {
      customer: { id: customer.id, name: customer.name },
      entities: state.entities,
      ...(state.question ? { question: state.question } : {}),
    };
    return step.replaceDialog(DialogIds.reportProblem, options);
  }

  /** A retry carries its state in the options; the first try builds it from the first message. */
  private findState(step: WaterfallStepContext, locale: Locale): FindState {
    const existing = step.options as Partial<FindState> | undefined;
    if (existing && typeof existing.tries === 'number') return existing as FindState;
    const options = (step.options ?? {}) as ReportOnBehalfOptions;
    const entities = collectEntities(options.entities, [options.question], locale, this.deps.clock());
    return { question: options.question, entities, tries: 0, named: firstEntity(entities, 'customer') };
  }
}
