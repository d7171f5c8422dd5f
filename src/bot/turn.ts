import type { TurnContext } from 'botbuilder';
import type { Translate, Translator } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { Recognition } from '../nlu/types.js';

/** What the bot works out once per turn and dialogs read: the reply language and what the user meant. */
export interface TurnInfo {
  locale: Locale;
  t: Translate;
  recognition: Recognition | undefined;
}

const TURN_INFO = Symbol('partnerHelpdesk.turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

/** The turn's info; before the bot set it (a conversationUpdate, an error), the given fallback locale. */
export function turnInfo(context: TurnContext, translator: Translator, fallback: Locale): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  return info ?? { locale: fallback, t: translator.forLocale(fallback), recognition: undefined };
}

export function getTurnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('Turn info is not set: the bot sets it before running dialogs');
  return info;
}
