import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Resources, Translator } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { FeedbackLog } from '../knowledge/feedback.js';
import type { IntentRecognizer } from '../nlu/types.js';
import type { Logger } from '../logger.js';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { SelfSupportDialog } from '../../dialogs/selfSupportDialog.js';
import { TopicsDialog } from '../../dialogs/topicsDialog.js';
import type { ArticleLink } from '../../dialogs/answers.js';
import { HelpdeskBot } from './helpdeskBot.js';
import { createMenuRecognizer } from './menuRecognizer.js';

export interface CreateBotDeps {
  storage: Storage;
  resources: Resources;
  translator: Translator;
  knowledge: KnowledgeBase;
  feedback: FeedbackLog;
  articleLink: ArticleLink;
  logger: Logger;
  defaultLocale: Locale;
  maxMessageChars: number;
  /** Free-text recognizer behind the exact menu matching; without one, free text goes to the KB. */
  recognizer?: IntentRecognizer;
  /** Feature dialogs added by other modules (tickets…). */
  dialogs?: Dialog[];
  now?: () => Date;
}

/** Builds the bot and its dialogs from collaborators; starts nothing, reads no files. */
export function createBot(deps: CreateBotDeps): HelpdeskBot {
  const { knowledge, translator, feedback, articleLink } = deps;
  const mainDialog = new MainDialog({
    translator,
    dialogs: [
      new SelfSupportDialog({ knowledge, translator, feedback, articleLink }),
      new TopicsDialog({ knowledge, articleLink }),
      ...(deps.dialogs ?? []),
    ],
  });
  return new HelpdeskBot({
    conversationState: new ConversationState(deps.storage),
    userState: new UserState(deps.storage),
    mainDialog,
    recognizer: createMenuRecognizer(deps.resources, deps.recognizer),
    translator,
    logger: deps.logger,
    defaultLocale: deps.defaultLocale,
    maxMessageChars: deps.maxMessageChars,
    now: deps.now,
  });
}
