import { ActionTypes, type CardAction } from 'botbuilder';
import type { Translate } from '../i18n/i18n.js';
import type { Intent } from '../nlu/types.js';

/** Menu entries: the translation key of each button and the intent it stands for. */
export const MENU: ReadonlyArray<{ key: string; intent: Intent }> = [
  { key: 'menu.selfSupport', intent: 'kb_lookup' },
  { key: 'menu.reportProblem', intent: 'report_problem' },
  { key: 'menu.reportOnBehalf', intent: 'report_on_behalf' },
  { key: 'menu.billing', intent: 'billing_question' },
  { key: 'menu.ticketStatus', intent: 'ticket_status' },
  { key: 'menu.language', intent: 'change_language' },
  { key: 'menu.help', intent: 'help' },
];

/** Buttons that send their own (localized) title back, so they work in every channel. */
export function imBackActions(titles: readonly string[]): CardAction[] {
  return titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
}

export function menuActions(t: Translate): CardAction[] {
  return imBackActions([...MENU.map((m) => t(m.key)), t('menu.topics')]);
}
