import { z } from 'zod';
import { isLoopbackHost } from './net.js';
import { SUPPORTED_LOCALES, type Locale } from './i18n/locales.js';

/**
 * Endpoints of the Bot Framework service in Azure operated by 21Vianet ("Azure China"), as the Bot
 * Service documentation for that cloud lists them. botbuilder only ships constants for Azure Government.
 */
export const AZURE_CHINA_BOT_ENDPOINTS = {
  loginAuthority: 'https://login.partner.microsoftonline.cn',
  /** Tenant used to get tokens for multi-tenant bots. */
  multiTenantLoginTenant: 'microsoftservices.partner.onmschina.cn',
  toChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
  toBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
  toBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
  toBotFromEmulatorOpenIdMetadataUrl:
    'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration',
  oAuthUrl: 'https://token.botframework.azure.cn',
  channelService: 'https://botframework.azure.cn',
} as const;

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** A question bank lending alternate questions to KNOWLEDGE_DIR's articles (questionBank.ts); undefined: none. */
  knowledgeQuestionsDir: string | undefined;
  defaultLocale: Locale;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log message text and personal data unredacted: for debugging only. */
  logPersonalData: boolean;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Longest accepted message text, in characters. */
  maxMessageChars: number;
  /** Public base URL of the docs an answer links to; default: the articles our server serves. */
  docsBaseUrl: string | undefined;
  /** The URL users reach this server at (links in answers); default http://HOST:PORT. */
  publicUrl: string;
  /** Secret that signs the embedded Direct Line tokens. */
  directLineSecret: string | undefined;
  bot: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: AppType;
    tenantId: string | undefined;
    /** 'public' (Azure global) or 'china' (Azure operated by 21Vianet). */
    cloud: 'public' | 'china';
  };
  /** True when no app id is set: the bot trusts no token and talks only to loopback. */
  localMode: boolean;
  allowRemoteLocal: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: () => `${name} must be one of true, false, 1, 0, yes, no`,
    })
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());

const envSchema = z.object({
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: () => 'PORT must be a whole number from 0 to 65535' })
      .int('PORT must be a whole number from 0 to 65535')
      .min(0, 'PORT must be a whole number from 0 to 65535')
      .max(65535, 'PORT must be a whole number from 0 to 65535')
      .default(3978),
  ),
  HOST: optionalString,
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().default('./knowledge')),
  KNOWLEDGE_QUESTIONS_DIR: z.preprocess(blankToUndefined, z.string().default('./knowledge')),
  DEFAULT_LOCALE: z.preprocess(
    blankToUndefined,
    z
      .enum(SUPPORTED_LOCALES, { error: () => `DEFAULT_LOCALE must be one of ${SUPPORTED_LOCALES.join(', ')}` })
      .default('en-US'),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: () => 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  LOG_PERSONAL_DATA: bool('LOG_PERSONAL_DATA'),
  MAX_BODY_BYTES: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: () => 'MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760' })
      .int()
      .min(1024, 'MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760')
      .max(10 * 1024 * 1024, 'MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760')
      .default(256 * 1024),
  ),
  MAX_MESSAGE_CHARS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: () => 'MAX_MESSAGE_CHARS must be a whole number from 100 to 100000' })
      .int()
      .min(100, 'MAX_MESSAGE_CHARS must be a whole number from 100 to 100000')
      .max(100_000, 'MAX_MESSAGE_CHARS must be a whole number from 100 to 100000')
      .default(4000),
  ),
  DOCS_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ error: () => 'DOCS_BASE_URL must be an absolute http(s) URL' }).optional(),
  ),
  PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z.url({ error: () => 'PUBLIC_URL must be an absolute http(s) URL' }).optional(),
  ),
  DIRECTLINE_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(32, 'DIRECTLINE_SECRET must be at least 32 characters long').optional(),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    blankToUndefined,
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: () => 'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI',
      })
      .default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalString,
  BOT_CLOUD: z.preprocess(
    blankToUndefined,
    z
      .enum(['public', 'china'], {
        error: () => 'BOT_CLOUD must be "public" (Azure) or "china" (Azure operated by 21Vianet)',
      })
      .default('public'),
  ),
  ALLOW_REMOTE_LOCAL_MODE: bool('ALLOW_REMOTE_LOCAL_MODE'),
});

/** The bundled knowledge is also the default question bank; "none" turns the bank off. */
const questionsDir = (value: string) => (value.toLowerCase() === 'none' ? undefined : value);

/**
 * Only the knowledge settings, for the operator scripts (kb, eval:kb, bench:kb), which must find
 * the same knowledge as the bot without needing a valid bot configuration.
 */
export function knowledgeSettings(env: Record<string, string | undefined>): Pick<AppConfig, 'knowledgeDir' | 'knowledgeQuestionsDir'> {
  const e = envSchema.pick({ KNOWLEDGE_DIR: true, KNOWLEDGE_QUESTIONS_DIR: true }).parse(env);
  return { knowledgeDir: e.KNOWLEDGE_DIR, knowledgeQuestionsDir: questionsDir(e.KNOWLEDGE_QUESTIONS_DIR) };
}

/** Reads and validates the environment once; throws ConfigError naming the variable on a bad value. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${String(i.path[0] ?? '?')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const localMode = !e.MicrosoftAppId;
  const host = e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0');

  if (localMode && !isLoopbackHost(host) && !e.ALLOW_REMOTE_LOCAL_MODE) {
    throw new ConfigError(
      `HOST=${host} is not a loopback address, but MicrosoftAppId is not set (local mode: no request is authenticated). ` +
        'Set MicrosoftAppId and MicrosoftAppPassword, or set ALLOW_REMOTE_LOCAL_MODE=true if you really want an unauthenticated bot on the network.',
    );
  }
  if (!localMode) {
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      throw new ConfigError('MicrosoftAppPassword is required when MicrosoftAppId is set (except for UserAssignedMSI).');
    }
    if (e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
      throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType is ${e.MicrosoftAppType}.`);
    }
  }

  return {
    port: e.PORT,
    host,
    dataDir: e.DATA_DIR,
    knowledgeDir: e.KNOWLEDGE_DIR,
    knowledgeQuestionsDir: questionsDir(e.KNOWLEDGE_QUESTIONS_DIR),
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    logPersonalData: e.LOG_PERSONAL_DATA,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    docsBaseUrl: e.DOCS_BASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${e.PORT}`).replace(/\/$/, ''),
    directLineSecret: e.DIRECTLINE_SECRET,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      cloud: e.BOT_CLOUD,
    },
    localMode,
    allowRemoteLocal: e.ALLOW_REMOTE_LOCAL_MODE,
  };
}

/**
 * The settings object botbuilder's ConfigurationBotFrameworkAuthentication reads. For the China cloud
 * it carries the 21Vianet endpoints, which botbuilder otherwise only knows for Azure Government.
 */
export function botAuthSettings(config: AppConfig): Record<string, string | undefined> {
  const base = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  if (config.bot.cloud === 'public') return base;
  const c = AZURE_CHINA_BOT_ENDPOINTS;
  return {
    ...base,
    ChannelService: c.channelService,
    OAuthUrl: c.oAuthUrl,
    ToChannelFromBotLoginUrl: `${c.loginAuthority}/${
      config.bot.appType === 'MultiTenant' ? c.multiTenantLoginTenant : config.bot.tenantId
    }`,
    ToChannelFromBotOAuthScope: c.toChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: c.toBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: c.toBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: c.toBotFromEmulatorOpenIdMetadataUrl,
    ValidateAuthority: 'true',
  };
}
