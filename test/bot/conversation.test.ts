import { describe, expect, it } from 'vitest';
import { ActivityTypes, type Activity } from 'botbuilder';
import { botAdapter, buttonsOf, sharedFixtures, textOf } from '../helpers/bot.js';
import type { Locale } from '../../src/i18n/locales.js';

const { translator } = await sharedFixtures();
const t = (locale: Locale) => translator.forLocale(locale);

function membersAdded(locale?: string): Partial<Activity> {
  return {
    type: ActivityTypes.ConversationUpdate,
    locale,
    membersAdded: [{ id: 'user1', name: 'User' }],
    recipient: { id: 'bot', name: 'Bot' },
  };
}

describe('welcome', () => {
  it.each<[string | undefined, Locale]>([
    ['it-IT', 'it-IT'],
    ['ru', 'ru-RU'],
    ['zh-Hans', 'zh-CN'],
    ['pt-PT', 'pt-BR'],
    ['de-AT', 'de-DE'],
    ['fr-FR', 'en-US'],
    [undefined, 'en-US'],
  ])('greets a user whose channel says %s in %s, with the menu', async (channelLocale, expected) => {
    const { adapter } = await botAdapter();
    await adapter
      .send(membersAdded(channelLocale))
      .assertReply((a) => expect(textOf(a)).toBe(t(expected)('welcome.hello')))
      .assertReply((a) => {
        expect(textOf(a)).toContain(t(expected)('menu.prompt'));
        expect(buttonsOf(a)).toContain(t(expected)('menu.reportProblem'));
        expect(buttonsOf(a)).toContain(t(expected)('menu.topics'));
      });
  });
});

describe('help, cancel and the menu', () => {
  it.each<[string, Locale]>([
    ['help', 'en-US'],
    ['aiuto', 'it-IT'],
    ['Справка', 'ru-RU'],
    ['帮助', 'zh-CN'],
  ])('"%s" shows help in %s with the menu', async (text, locale) => {
    const { adapter } = await botAdapter({ channelLocale: locale });
    await adapter.send(text).assertReply((a) => {
      expect(textOf(a)).toBe(t(locale)('help.text'));
      expect(buttonsOf(a)).toContain(t(locale)('menu.billing'));
    });
  });

  it('cancel with nothing going on says so', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'de-DE' });
    await adapter.send('abbrechen').assertReply(t('de-DE')('cancel.nothing'));
  });

  it.each<[Locale, string]>([
    ['en-US', 'cancel'],
    ['it-IT', 'annulla'],
    ['es-ES', 'cancelar'],
    ['zh-CN', '取消'],
  ])('in %s, "%s" stops a dialog half-way and the next message starts afresh', async (locale, cancelWord) => {
    const { adapter } = await botAdapter({ channelLocale: locale });
    await adapter
      .send(t(locale)('menu.selfSupport'))
      .assertReply(t(locale)('selfSupport.askQuestion'))
      .send(cancelWord)
      .assertReply((a) => {
        expect(textOf(a)).toBe(t(locale)('cancel.done'));
        expect(buttonsOf(a)).toContain(t(locale)('menu.reportProblem'));
      })
      .send(t(locale)('menu.help'))
      .assertReply(t(locale)('help.text'));
  });

  it('help inside a dialog answers and asks the pending question again', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'pt-BR' });
    await adapter
      .send(t('pt-BR')('menu.selfSupport'))
      .assertReply(t('pt-BR')('selfSupport.askQuestion'))
      .send('ajuda')
      .assertReply(t('pt-BR')('help.text'))
      .assertReply(t('pt-BR')('selfSupport.askQuestion'));
  });
});

describe('a question that shares a word with a menu button', () => {
  it.each<[Locale, string]>([
    ['en-US', 'which billing topics are covered?'],
    ['it-IT', 'Quali argomenti copre la fatturazione?'],
    ['pt-BR', 'Quais tópicos a cobrança abrange?'],
    ['es-ES', '¿Qué temas abarca la facturación?'],
    ['ru-RU', 'Какие темы есть про счета?'],
    ['de-DE', 'Welche Themen gibt es zur Abrechnung?'],
    ['zh-CN', '账单部分包括哪些主题？'],
  ])('in %s, "%s" is answered from the articles, not taken for "Show topics"', async (locale, question) => {
    const { adapter } = await botAdapter({ channelLocale: locale });
    await adapter
      .send(question)
      .assertReply((a) => expect(textOf(a)).not.toBe(t(locale)('selfSupport.topicsPrompt')))
      .assertReply((a) => expect(textOf(a)).toBe(t(locale)('selfSupport.wasHelpful')));
  });

  it.each<[Locale, string]>([
    ['en-US', 'topics'],
    ['de-DE', 'themen anzeigen'],
    ['zh-CN', '主题'],
  ])('in %s, the button\'s own words typed ("%s") still open the topics', async (locale, text) => {
    const { adapter } = await botAdapter({ channelLocale: locale });
    await adapter.send(text).assertReply(t(locale)('selfSupport.topicsPrompt'));
  });
});

describe('language', () => {
  it.each<[string, Locale]>([
    ['parla in italiano', 'it-IT'],
    ['по-русски', 'ru-RU'],
    ['请用中文', 'zh-CN'],
    ['Deutsch', 'de-DE'],
    ['habla español, por favor', 'es-ES'],
  ])('"%s" switches the reply language to %s and it sticks', async (request, locale) => {
    const { adapter } = await botAdapter({ channelLocale: 'en-US' });
    await adapter
      .send(request)
      .assertReply(t(locale)('language.changed'))
      .assertReply((a) => expect(textOf(a)).toBe(t(locale)('menu.prompt')))
      .send('help')
      .assertReply(t(locale)('help.text'));
  });

  it('an explicit choice wins over the language a message is written in', async () => {
    const { adapter } = await botAdapter();
    await adapter
      .send('parla in italiano')
      .assertReply(t('it-IT')('language.changed'))
      .assertReply(t('it-IT')('menu.prompt'))
      .send('How can I add a new customer to my account?')
      .assertReply((a) => {
        // Found from the English question, shown in the chosen language.
        expect(textOf(a)).toMatch(/^Da \*\*Aggiungere un nuovo cliente/);
        expect(textOf(a)).toContain('/kb/it-IT/add-a-new-customer');
      });
  });

  it('follows the language the user writes in, and a one-word "ok" does not flip it', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'en-US' });
    await adapter
      .send('Как приостановить подписку клиента?')
      .assertReply((a) => expect(textOf(a)).toMatch(/Из статьи/))
      .assertReply(t('ru-RU')('selfSupport.wasHelpful'))
      .send('ok')
      .assertReply(t('ru-RU')('selfSupport.thanks'))
      .assertReply((a) => expect(textOf(a)).toBe(t('ru-RU')('menu.again')));
  });

  it('"change language" offers the languages by their own names', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'es-ES' });
    await adapter.send('Cambiar idioma').assertReply((a) => {
      expect(textOf(a)).toBe(t('es-ES')('language.choose'));
      expect(buttonsOf(a)).toEqual(['English', 'Italiano', 'Português', 'Español', 'Русский', 'Deutsch', '中文']);
    });
  });
});

describe('card submits', () => {
  it('reads a submit without text by its value, as the words it stands for', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'ru-RU' });
    await adapter.send({ type: 'message', value: { text: 'Справка' } }).assertReply(t('ru-RU')('help.text'));
  });
});

describe('bad messages', () => {
  it('an empty message gets a localized explanation', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'it-IT' });
    await adapter.send({ type: 'message', text: '   ' }).assertReply(t('it-IT')('errors.empty'));
  });

  it('a file without text is explained', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'zh-CN' });
    await adapter
      .send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] })
      .assertReply(t('zh-CN')('errors.attachmentsOnly'));
  });

  it('an over-long message is refused with the limit', async () => {
    const { adapter } = await botAdapter({ channelLocale: 'de-DE', maxMessageChars: 100 });
    await adapter
      .send('x'.repeat(150))
      .assertReply(t('de-DE')('errors.tooLong', { length: 150, max: 100 }));
  });
});
