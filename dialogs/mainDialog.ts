import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type Dialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SUPPORTED_LOCALES } from '../src/i18n/locales.js';
import type { Translator } from '../src/i18n/i18n.js';
import { getTurnInfo } from '../src/bot/turn.js';
import { imBackActions, menuActions } from '../src/bot/menu.js';
import { decideRoute, type Route } from '../src/bot/router.js';
import type { Entity, Intent } from '../src/nlu/types.js';
import { DialogIds, PromptIds, type DialogId } from './dialogIds.js';
import { buttonsOptions, isLabel, matchTitle } from './prompts.js';

const WATERFALL = 'mainSteps';

/** Which dialog serves an intent. */
const DIALOG_FOR: Partial<Record<Intent, DialogId>> = {
  kb_lookup: DialogIds.selfSupport,
  report_problem: DialogIds.reportProblem,
  report_on_behalf: DialogIds.reportOnBehalf,
  billing_question: DialogIds.billing,
  ticket_status: DialogIds.ticketStatus,
};

/** What every feature dialog receives: the user's first message and what was recognized in it. */
export interface StartOptions {
  question?: string;
  entities?: Entity[];
}

interface MainState {
  clarifying?: [Intent, Intent];
}

/**
 * The root of every conversation: routes a message to the dialog that serves it, then offers the
 * menu again. Feature dialogs are passed in, so that each issue adds its own without touching this.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly deps: { translator: Translator; dialogs: Dialog[] },
  ) {
    super(DialogIds.main);
    for (const dialog of deps.dialogs) this.addDialog(dialog);
    this.addDialog(new TextPrompt(PromptIds.choice));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.routeStep.bind(this),
        this.clarifiedStep.bind(this),
        this.anythingElseStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, recognition, locale } = getTurnInfo(step.context);
    const text = (step.context.activity.text ?? '').trim();
    if (isLabel(text, t('menu.topics'), locale)) return step.beginDialog(DialogIds.topics);
    const route: Route = recognition ? decideRoute(recognition) : { kind: 'knowledge' };
    switch (route.kind) {
      case 'help':
        await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('help.text')));
        return step.endDialog();
      case 'cancel':
        await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('cancel.nothing')));
        return step.endDialog();
      case 'language': {
        const names = SUPPORTED_LOCALES.map((l) => this.deps.translator.forLocale(l)('language.name'));
        await step.context.sendActivity(MessageFactory.suggestedActions(imBackActions(names), t('language.choose')));
        return step.endDialog();
      }
      case 'clarify': {
        (step.values as MainState).clarifying = route.options;
        const titles = [...route.options.map((i) => t(`intent.${i}`)), t('clarify.none')];
        return step.prompt(PromptIds.choice, buttonsOptions(t('clarify.prompt'), titles));
      }
      case 'knowledge':
        return step.beginDialog(DialogIds.selfSupport, { question: text } satisfies StartOptions);
      case 'start':
        return this.start(step, route.intent, text);
      default:
        return assertNever(route);
    }
  }

  private async clarifiedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.values as MainState;
    const options = state.clarifying;
    if (!options) return step.next(step.result);
    state.clarifying = undefined;
    const { t } = getTurnInfo(step.context);
    const picked = options[matchTitle(String(step.result ?? ''), options.map((i) => t(`intent.${i}`)))];
    const question = (step.context.activity.text ?? '').trim();
    if (!picked) {
      await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('menu.prompt')));
      return step.endDialog();
    }
    return this.start(step, picked, question);
  }

  private async anythingElseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = getTurnInfo(step.context);
    await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('menu.again')));
    return step.endDialog();
  }

  private async start(step: WaterfallStepContext, intent: Intent, text: string): Promise<DialogTurnResult> {
    const { t, recognition, locale } = getTurnInfo(step.context);
    const dialogId = DIALOG_FOR[intent];
    // A menu button carries no question of its own; free text does.
    const isMenuLabel = recognition?.exact === true || isLabel(text, t(`intent.${intent}`), locale);
    if (!dialogId || !step.findDialog(dialogId)) {
      // No dialog serves this yet: a question in the user's words still gets the knowledge base.
      if (!isMenuLabel) return step.beginDialog(DialogIds.selfSupport, { question: text } satisfies StartOptions);
      await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('common.notAvailable')));
      return step.endDialog();
    }
    const options: StartOptions = {
      question: isMenuLabel ? undefined : text,
      // The knowledge base reads the question's words; the other dialogs look for ids, dates, amounts.
      entities: dialogId === DialogIds.selfSupport ? undefined : (recognition?.entities ?? []),
    };
    return step.beginDialog(dialogId, options);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected route: ${JSON.stringify(value)}`);
}
