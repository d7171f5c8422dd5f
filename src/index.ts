import 'dotenv/config';
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { createApp } from './app.js';
import { CorruptDataFileError } from './storage/jsonFile.js';

// The composition root: the only module that reads process.env and the only one that listens.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, logPersonalData: config.logPersonalData });
  let app;
  try {
    app = await createApp(config, logger);
  } catch (err) {
    if (err instanceof CorruptDataFileError) {
      logger.fatal({ file: err.file }, err.message);
      process.exit(3);
    }
    throw err;
  }
  const { server } = app.server;
  server.listen(config.port, config.host, () => {
    logger.info(
      { url: server.url, localMode: config.localMode, cloud: config.bot.cloud },
      `Partner Helpdesk is listening on ${server.url}`,
    );
    // The knowledge base's classifiers train on each locale's first question unless this gets there first.
    const preparing = performance.now();
    app.knowledge
      .prepare()
      .then(() => logger.info({ ms: Math.round(performance.now() - preparing) }, 'knowledge base classifiers trained'))
      .catch((err: unknown) => logger.warn({ err }, 'knowledge base classifiers not trained ahead: the first questions will train them'));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing turns in flight');
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
