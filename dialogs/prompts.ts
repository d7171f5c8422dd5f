import { MessageFactory, type TurnContext } from 'botbuilder';
import { TextPrompt, type PromptOptions, type PromptValidatorContext } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import { imBackActions } from '../src/bot/menu.js';
import { parseYesNo } from '../src/language/yesNo.js';
import { foldAccents, normalizeReply } from '../src/language/normalize.js';
import { stopWords } from '../src/knowledge/stopwords.js';
import type { Locale } from '../src/i18n/locales.js';

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

const foldReply = (s: string) => foldAccents(normalizeReply(s));
const HAN = /\p{Script=Han}/u;

/**
 * Whether a message, sent unprompted, asks for this label: its button, or the label's own words typed
 * with nothing else but the locale's stop words ("topics", "show me the topics", "主题" for "浏览主题").
 * Unlike `matchTitle`, which reads the answer to a question the bot asked, a message that only shares
 * a word with the label is not the label: "which billing topics are covered?" is a question.
 */
export function isLabel(text: string, label: string, locale: Locale): boolean {
  const words = foldReply(text).split(' ').filter((w) => w !== '');
  const folded = foldReply(label);
  const own = new Set(folded.split(' '));
  const stops = stopWords(locale);
  const ownWord = (w: string) => own.has(w) || (HAN.test(w) && w.length >= 2 && folded.includes(w));
  return words.some(ownWord) && words.every((w) => ownWord(w) || stops.has(w));
}

/**
 * The index of the option a reply picks, or -1: the exact title (case and accent insensitive), its
 * position ("2"), or the one option the reply names ("tecnico" for "Problema tecnico", "B" for
 * "B – moderate"). People type instead of clicking, and channels without buttons leave no choice.
 */
export function matchTitle(reply: string, titles: readonly string[]): number {
  const r = foldReply(reply);
  if (!r) return -1;
  const folded = titles.map(foldReply);
  const exact = folded.indexOf(r);
  if (exact >= 0) return exact;
  if (/^\d{1,2}$/.test(r)) {
    const n = Number(r);
    return n >= 1 && n <= titles.length ? n - 1 : -1;
  }
  const unique = (found: number[]) => (found.length === 1 ? (found[0] ?? -1) : -1);
  // A reply that is how an option begins ("B" for "B – moderate", "fattur" for "Fatturazione").
  const prefix = unique(folded.flatMap((f, i) => (f.startsWith(`${r} `) || (r.length >= 4 && f.startsWith(r)) ? [i] : [])));
  if (prefix >= 0) return prefix;
  // A reply word that stands in one option only (whole words; for Chinese, the option's text).
  const words = r.split(' ').filter((w) => w.length >= 4 || HAN.test(w));
  return unique(
    folded.flatMap((f, i) => {
      const optionWords = f.split(' ');
      const named = words.some((w) => optionWords.includes(w) || (HAN.test(w) && f.includes(w) && w.length >= 2));
      return named ? [i] : [];
    }),
  );
}
