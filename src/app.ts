import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { botAuthSettings, type AppConfig } from './config.js';
import { createTranslator, readLocaleResources, DEFAULT_LOCALES_DIR } from './i18n/i18n.js';
import { loadKnowledge } from './knowledge/load.js';
import { FileFeedbackLog } from './knowledge/feedback.js';
import { LowdbStorage } from './state/lowdbStorage.js';
import { createTurnErrorHandler, type HelpdeskBot } from './bot/helpdeskBot.js';
import { createBot } from './bot/createBot.js';
import { createTicketDialogs, openDirectory, openTicketStore } from '../dialogs/tickets/index.js';
import { createRecognizer } from './nlu/recognizer.js';
import { NLU_DIR, loadUtterances, offTopicExamples } from './nlu/utterances.js';
import { warmUpEntityExtractors } from './nlu/entities.js';
import { SUPPORTED_LOCALES, type Locale } from './i18n/locales.js';
import { directLineRoutes, type DirectLineRoutes } from './channels/directline/routes.js';
import { webChatRoutes } from './channels/webchat/routes.js';
import { TeamsChannelMiddleware } from './channels/teams/activity.js';
import { createServer, type HelpdeskServer } from './server.js';
import type { Logger } from './logger.js';
import type { KnowledgeBase } from './knowledge/types.js';
import type { ArticleLink } from '../dialogs/answers.js';

export interface App {
  server: HelpdeskServer;
  adapter: CloudAdapter;
  bot: HelpdeskBot;
  knowledge: KnowledgeBase;
  /** The embedded Direct Line behind the web chat page. */
  directLine: DirectLineRoutes;
  /** Stop accepting, finish turns in flight, flush the stores. */
  close(): Promise<void>;
}

/** Builds the whole bot from a validated config. Starts nothing: the caller listens. */
export async function createApp(config: AppConfig, logger: Logger): Promise<App> {
  await mkdir(config.dataDir, { recursive: true });
  const started = performance.now();
  const resources = readLocaleResources(DEFAULT_LOCALES_DIR);
  const translator = await createTranslator(resources);

  // The utterance files kept per locale in nlu/ train the intent recognizer (at start-up, npm run
  // bench:nlu) and tell the knowledge base what is off topic.
  const utterances = await loadUtterances(NLU_DIR);
  const { kb: knowledge, problems, overlay } = await loadKnowledge(config.knowledgeDir, {
    questionsDir: config.knowledgeQuestionsDir,
    offTopic: offTopicExamples(utterances),
  });
  for (const p of problems) logger.warn({ file: p.file }, `knowledge file skipped: ${p.message}`);
  if (overlay) logger.info({ questionsDir: config.knowledgeQuestionsDir, ...overlay }, 'alternate questions lent by the question bank');

  const recognizer = createRecognizer(utterances);
  // chrono-node and the recognizers suite build their models on first use: pay that at start-up,
  // not on the first message of each language.
  warmUpEntityExtractors(SUPPORTED_LOCALES);

  const storage = await LowdbStorage.open(config.dataDir);
  const feedback = await FileFeedbackLog.open(config.dataDir);
  const tickets = await openTicketStore(config.dataDir);
  const directory = await openDirectory(config.dataDir);
  const articleLink: ArticleLink = (locale, slug) =>
    config.docsBaseUrl ? `${config.docsBaseUrl.replace(/\/$/, '')}/${slug}` : `${config.publicUrl}/kb/${locale}/${slug}`;

  const bot = createBot({
    storage,
    resources,
    translator,
    knowledge,
    feedback,
    articleLink,
    recognizer,
    dialogs: createTicketDialogs({ tickets, directory, knowledge, articleLink }),
    logger,
    defaultLocale: config.defaultLocale,
    maxMessageChars: config.maxMessageChars,
  });

  const auth = new ConfigurationBotFrameworkAuthentication(
    botAuthSettings(config) as ConfigurationBotFrameworkAuthenticationOptions,
  );
  const adapter = new CloudAdapter(auth);
  // Teams: strip the @mention from channel messages; Adaptive Card invokes become messages.
  adapter.use(new TeamsChannelMiddleware());
  adapter.onTurnError = createTurnErrorHandler(translator, logger, config.defaultLocale);


  // Web chat needs no Azure: an embedded Direct Line feeds the same adapter and bot in-process.
  const directLine = directLineRoutes({ adapter, bot, logger, secret: config.directLineSecret, botAppId: config.bot.appId });
  const webChat = webChatRoutes({
    strings: Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, resources[l].web])) as Record<Locale, unknown>,
    defaultLocale: config.defaultLocale,
  });
  const server = createServer({
    adapter,
    bot,
    translator,
    knowledge,
    logger,
    dataDir: path.resolve(config.dataDir),
    defaultLocale: config.defaultLocale,
    localMode: config.localMode,
    maxBodyBytes: config.maxBodyBytes,
    extraRoutes: (s) => {
      directLine(s);
      webChat(s);
    },
  });
  logger.info(
    { articles: knowledge.stats().articles, ms: Math.round(performance.now() - started) },
    'bot built',
  );

  return {
    server,
    adapter,
    bot,
    knowledge,
    directLine,
    async close() {
      await server.drain();
      await directLine.close();
      await storage.flush();
      await tickets.close();
    },
  };
}
