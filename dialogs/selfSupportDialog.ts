import { MessageFactory } from 'botbuilder';
import {
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Translator } from '../src/i18n/i18n.js';
import type { Hit, KnowledgeBase, SearchResult } from '../src/knowledge/types.js';
import type { Locale } from '../src/i18n/locales.js';
import { detectLanguage } from '../src/language/detect.js';
import type { FeedbackLog } from '../src/knowledge/feedback.js';
import { getTurnInfo } from '../src/bot/turn.js';
import { imBackActions } from '../src/bot/menu.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds, PromptIds } from './dialogIds.js';
import { YesNoPrompt, buttonsOptions, matchTitle, yesNoOptions } from './prompts.js';
import { answerText, type ArticleLink } from './answers.js';

const WATERFALL = 'selfSupportSteps';
const FOLLOW_UP = 'selfSupportFollowUp';
const CANDIDATES = 3;

export interface SelfSupportOptions {
  /** The question, when the user already asked it. */
  question?: string;
}

/**
 * What the follow-up loop asks next: was the answer helpful, pick another article, file a ticket;
 * or, when no article was sure enough to show, which of the likeliest ones the user meant.
 */
type Pending = 'helpful' | 'pick' | 'ticket' | 'suggest';

interface FollowUpState {
  question: string;
  hits: Hit[];
  /** Indexes of the hits already shown, the last one shown last. */
  seen: number[];
  pending: Pending;
}

export interface SelfSupportDeps {
  knowledge: KnowledgeBase;
  translator: Translator;
  feedback: FeedbackLog;
  articleLink: ArticleLink;
}

/** Answers a question from the knowledge base; when it does not help, offers a support request. */
export class SelfSupportDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: SelfSupportDeps) {
    super(DialogIds.selfSupport);
    this.addDialog(new TextPrompt(PromptIds.text));
    this.addDialog(new TextPrompt(PromptIds.choice));
    this.addDialog(new YesNoPrompt(PromptIds.yesNo));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askQuestionStep.bind(this), this.answerStep.bind(this)]));
    this.addDialog(new WaterfallDialog(FOLLOW_UP, [this.followUpStep.bind(this), this.handleReplyStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const question = (step.options as SelfSupportOptions | undefined)?.question?.trim();
    if (question) return step.next(question);
    const { t } = getTurnInfo(step.context);
    return step.prompt(PromptIds.text, { prompt: t('selfSupport.askQuestion') });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const question = String(step.result ?? '');
    const { locale, t } = getTurnInfo(step.context);
    const result = searchAcrossLanguages(this.deps.knowledge, question, locale);
    const best = result.hits[0];
    if (!best) {
      await step.context.sendActivity(t('selfSupport.noAnswer'));
      return step.replaceDialog(FOLLOW_UP, { question, hits: [], seen: [], pending: 'ticket' } satisfies FollowUpState);
    }
    if (!result.answered) {
      return step.replaceDialog(FOLLOW_UP, { question, hits: result.hits, seen: [], pending: 'suggest' } satisfies FollowUpState);
    }
    await this.sendAnswer(step, best);
    return step.replaceDialog(FOLLOW_UP, { question, hits: result.hits, seen: [0], pending: 'helpful' } satisfies FollowUpState);
  }

  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as FollowUpState;
    const { t } = getTurnInfo(step.context);
    switch (state.pending) {
      case 'helpful':
        return step.prompt(PromptIds.yesNo, yesNoOptions(step.context, 'selfSupport.wasHelpful'));
      case 'ticket':
        return step.prompt(PromptIds.yesNo, yesNoOptions(step.context, 'selfSupport.offerTicket'));
      case 'pick':
      case 'suggest': {
        const titles = [...unseen(state).map((h) => h.title), t('selfSupport.noneOfThese')];
        const prompt = state.pending === 'pick' ? 'selfSupport.otherCandidates' : 'selfSupport.didYouMean';
        return step.prompt(PromptIds.choice, buttonsOptions(t(prompt), titles));
      }
      default:
        return assertNever(state.pending);
    }
  }

  private async handleReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as FollowUpState;
    const { t, locale } = getTurnInfo(step.context);
    const next = (pending: Pending, seen = state.seen) => step.replaceDialog(FOLLOW_UP, { ...state, seen, pending });
    switch (state.pending) {
      case 'helpful': {
        const shown = state.hits[state.seen[state.seen.length - 1] ?? 0];
        const helpful = step.result === true;
        if (shown) await this.deps.feedback.record({ question: state.question, locale, slug: shown.slug, helpful });
        if (helpful) {
          await step.context.sendActivity(t('selfSupport.thanks'));
          return step.endDialog({ answered: true });
        }
        return next(unseen(state).length > 0 ? 'pick' : 'ticket');
      }
      case 'pick':
      case 'suggest': {
        const others = unseen(state);
        const picked = others[matchTitle(String(step.result ?? ''), others.map((h) => h.title))];
        if (!picked && state.pending === 'suggest') await step.context.sendActivity(t('selfSupport.noAnswer'));
        if (!picked) return next('ticket');
        await this.sendAnswer(step, picked);
        return next('helpful', [...state.seen, state.hits.indexOf(picked)]);
      }
      case 'ticket':
        if (step.result !== true) {
          await step.context.sendActivity(t('selfSupport.ticketDeclined'));
          return step.endDialog();
        }
        if (step.findDialog(DialogIds.reportProblem)) {
          return step.replaceDialog(DialogIds.reportProblem, { description: state.question });
        }
        await step.context.sendActivity(t('common.notAvailable'));
        return step.endDialog();
      default:
        return assertNever(state.pending);
    }
  }

  private async sendAnswer(step: WaterfallStepContext, hit: Hit): Promise<void> {
    const { locale, t } = getTurnInfo(step.context);
    const article = this.deps.knowledge.getArticle(hit.locale, hit.slug);
    const related = (article?.related ?? [])
      .map((slug) => this.deps.knowledge.getArticle(hit.locale, slug)?.title)
      .filter((title): title is string => Boolean(title))
      .slice(0, 2);
    const text = answerText({
      t,
      title: hit.title,
      section: hit.section,
      link: this.deps.articleLink(hit.locale, hit.slug),
      fromLocaleName:
        hit.locale === locale ? undefined : this.deps.translator.forLocale(hit.locale)('language.name'),
    });
    const message = related.length
      ? MessageFactory.suggestedActions(imBackActions(related), text)
      : MessageFactory.text(text);
    message.textFormat = 'markdown';
    await step.context.sendActivity(message);
  }
}

function unseen(state: FollowUpState): Hit[] {
  return state.hits.filter((_, i) => !state.seen.includes(i));
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

/**
 * Searches in the language the question is written in (someone who chose Italian may still paste an
 * English question), then shows each article in the user's reply language when it exists there.
 */
export function searchAcrossLanguages(kb: KnowledgeBase, question: string, locale: Locale): SearchResult {
  const written = detectLanguage(question)?.locale;
  const options = { limit: CANDIDATES, suggestions: true };
  let result = kb.search(question, written ?? locale, options);
  if (!result.answered && written && written !== locale) {
    const again = kb.search(question, locale, options);
    if (again.answered || result.hits.length === 0) result = again;
  }
  return { ...result, hits: result.hits.map((hit) => localizeHit(kb, hit, locale)) };
}

/** The same article and section in another locale, when the knowledge base has it there. */
export function localizeHit(kb: KnowledgeBase, hit: Hit, locale: Locale): Hit {
  if (hit.locale === locale) return hit;
  const source = kb.getArticle(hit.locale, hit.slug);
  const target = kb.getArticle(locale, hit.slug);
  if (!source || !target) return hit;
  const index = source.sections.findIndex((s) => s.id === hit.section.id);
  const section = target.sections[index] ?? target.sections[0];
  if (!section) return hit;
  return { ...hit, locale, title: target.title, section };
}
