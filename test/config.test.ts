import { describe, expect, it } from 'vitest';
import { botAuthSettings, ConfigError, knowledgeSettings, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs on its embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      dataDir: './data',
      knowledgeDir: './knowledge',
      knowledgeQuestionsDir: './knowledge',
      defaultLocale: 'en-US',
      localMode: true,
      publicUrl: 'http://127.0.0.1:3978',
    });
  });

  it('takes the question bank from KNOWLEDGE_QUESTIONS_DIR, "none" for no bank, the same way for the scripts', () => {
    const docs = { KNOWLEDGE_DIR: '/srv/docs' };
    expect(loadConfig(docs)).toMatchObject({ knowledgeDir: '/srv/docs', knowledgeQuestionsDir: './knowledge' });
    expect(loadConfig({ ...docs, KNOWLEDGE_QUESTIONS_DIR: 'None' }).knowledgeQuestionsDir).toBeUndefined();
    expect(knowledgeSettings({ ...docs, KNOWLEDGE_QUESTIONS_DIR: '/srv/bank', PORT: 'not checked here' })).toEqual({
      knowledgeDir: '/srv/docs',
      knowledgeQuestionsDir: '/srv/bank',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEFAULT_LOCALE: 'fr-FR' }, /DEFAULT_LOCALE must be one of en-US, it-IT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ MicrosoftAppType: 'Other' }, /MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI/],
    [{ BOT_CLOUD: 'mars' }, /BOT_CLOUD/],
    [{ LOG_PERSONAL_DATA: 'maybe' }, /LOG_PERSONAL_DATA/],
    [{ DOCS_BASE_URL: 'not a url' }, /DOCS_BASE_URL/],
    [{ MAX_BODY_BYTES: '5' }, /MAX_BODY_BYTES/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(ConfigError);
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('refuses local mode on a network address unless explicitly allowed', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrowError(/ALLOW_REMOTE_LOCAL_MODE/);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_REMOTE_LOCAL_MODE: 'true' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::1' }).localMode).toBe(true);
  });

  it('with an app id, listens on all interfaces and requires its password', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrowError(/MicrosoftAppPassword is required/);
    const c = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    expect(c.localMode).toBe(false);
    expect(c.host).toBe('0.0.0.0');
  });

  it('a single-tenant bot needs its tenant', () => {
    expect(() =>
      loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' }),
    ).toThrowError(/MicrosoftAppTenantId is required/);
  });
});

describe('Azure operated by 21Vianet', () => {
  it('BOT_CLOUD=china points authentication at the 21Vianet Bot Service', () => {
    const settings = botAuthSettings(
      loadConfig({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 's',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'tenant-1',
        BOT_CLOUD: 'china',
      }),
    );
    expect(settings).toMatchObject({
      ChannelService: 'https://botframework.azure.cn',
      OAuthUrl: 'https://token.botframework.azure.cn',
      ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/tenant-1',
      ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
    });
  });

  it('a multi-tenant China bot gets its tokens from the 21Vianet partner tenant', () => {
    const settings = botAuthSettings(loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 's', BOT_CLOUD: 'china' }));
    expect(settings.ToChannelFromBotLoginUrl).toBe(
      'https://login.partner.microsoftonline.cn/microsoftservices.partner.onmschina.cn',
    );
  });

  it('the public cloud adds no endpoint overrides', () => {
    const settings = botAuthSettings(loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 's' }));
    expect(settings.ChannelService).toBeUndefined();
    expect(settings.MicrosoftAppId).toBe('a');
  });
});
