import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder';
import type { KnowledgeBase, TocNode } from '../src/knowledge/types.js';
import { getTurnInfo } from '../src/bot/turn.js';
import { CancelAndHelpDialog } from './cancelAndHelpDialog.js';
import { DialogIds, PromptIds } from './dialogIds.js';
import { buttonsOptions, matchTitle } from './prompts.js';
import { answerText, type ArticleLink } from './answers.js';

const LOOP = 'topicsLoop';

interface TopicsState {
  /** Slugs from the root to the node whose children are offered. */
  path: string[];
}

/** Browses the table of contents with buttons: a topic shows its summary and its subtopics. */
export class TopicsDialog extends CancelAndHelpDialog {
  constructor(private readonly deps: { knowledge: KnowledgeBase; articleLink: ArticleLink }) {
    super(DialogIds.topics);
    this.addDialog(new TextPrompt(PromptIds.choice));
    this.addDialog(new WaterfallDialog(LOOP, [this.offerTopicsStep.bind(this), this.showTopicStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private children(locale: Parameters<KnowledgeBase['toc']>[0], path: readonly string[]): TocNode[] {
    let nodes = this.deps.knowledge.toc(locale);
    // A single root (the section's index page) is skipped: its children are the real topics.
    if (nodes.length === 1 && nodes[0]) nodes = nodes[0].children;
    for (const slug of path) nodes = nodes.find((n) => n.slug === slug)?.children ?? [];
    return nodes;
  }

  private async offerTopicsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale, t } = getTurnInfo(step.context);
    const state = stateOf(step);
    const titles = this.children(locale, state.path).map((n) => n.title);
    if (state.path.length > 0) titles.push(t('common.back'));
    return step.prompt(PromptIds.choice, buttonsOptions(t('selfSupport.topicsPrompt'), titles));
  }

  private async showTopicStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale, t } = getTurnInfo(step.context);
    const state = stateOf(step);
    const reply = String(step.result ?? '');
    if (state.path.length > 0 && matchTitle(reply, [t('common.back')]) === 0) {
      return step.replaceDialog(LOOP, { path: state.path.slice(0, -1) } satisfies TopicsState);
    }
    const nodes = this.children(locale, state.path);
    const node = nodes[matchTitle(reply, nodes.map((n) => n.title))];
    // Anything that is not a topic is a question: hand it to the self-support dialog.
    if (!node) return step.replaceDialog(DialogIds.selfSupport, { question: reply });
    const article = this.deps.knowledge.getArticle(locale, node.slug);
    const section = article?.sections[0];
    if (article && section) {
      const message = MessageFactory.text(
        answerText({ t, title: article.title, section, link: this.deps.articleLink(locale, node.slug) }),
      );
      message.textFormat = 'markdown';
      await step.context.sendActivity(message);
    }
    if (node.children.length > 0) {
      return step.replaceDialog(LOOP, { path: [...state.path, node.slug] } satisfies TopicsState);
    }
    return step.endDialog();
  }
}

/** Where the browsing is: the root when the dialog starts with no options (botbuilder then passes {}). */
function stateOf(step: WaterfallStepContext): TopicsState {
  return { path: (step.options as Partial<TopicsState> | undefined)?.path ?? [] };
}
