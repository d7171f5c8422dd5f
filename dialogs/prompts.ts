import { MessageFactory, type TurnContext } from 'botbuilder';
import { TextPrompt, type PromptOptions, type PromptValidatorContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import { imBackActions } from '../src/bot/menu.js';
import { parseYesNo } from '../src/language/yesNo.js';
import { foldAccents, normalizeReply } from '../src/language/normalize.js';

/** A yes/no question that understands every locale ("sì", "да", "好的"…); the result is a boolean. */
export class YesNoPrompt extends TextPrompt {
  constructor(id: string) {
    super(id, async (prompt: PromptValidatorContext<string>) => {
      const { t } = getTurnInfo(prompt.context);
      const answer = parseYesNo(prompt.recognized.value ?? '', { yes: [t('common.yes')], no: [t('common.no')] });
      if (answer === undefined) return false;
      (prompt.recognized as { value: unknown }).value = answer;
      return true;
    });
  }
}

/** Options for a yes/no question with localized Yes/No buttons. */
export function yesNoOptions(context: TurnContext, textKey: string, vars: Record<string, unknown> = {}): PromptOptions {
  const { t } = getTurnInfo(context);
  const buttons = imBackActions([t('common.yes'), t('common.no')]);
  return {
    prompt: MessageFactory.suggestedActions(buttons, t(textKey, vars)),
    retryPrompt: MessageFactory.suggestedActions(buttons, t('prompts.yesNoRetry')),
  };
}

/** Options for a question answered by buttons (or typed text), which the step matches itself. */
export function buttonsOptions(text: string, titles: readonly string[]): PromptOptions {
  return { prompt: MessageFactory.suggestedActions(imBackActions(titles), text) };
}

/** The index of the title the reply matches (case and accent insensitive), or -1. */
export function matchTitle(reply: string, titles: readonly string[]): number {
  const r = foldAccents(normalizeReply(reply));
  return titles.findIndex((title) => foldAccents(normalizeReply(title)) === r);
}
