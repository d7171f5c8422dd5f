import { randomUUID } from 'node:crypto';
import {
  ActivityHandler,
  ActivityTypes,
  MessageFactory,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Translator } from '../i18n/i18n.js';
import { SUPPORTED_LOCALES, type Locale } from '../i18n/locales.js';
import { detectLanguage } from '../language/detect.js';
import { parseLanguageRequest } from '../language/explicit.js';
import type { IntentRecognizer } from '../nlu/types.js';
import type { Logger } from '../logger.js';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import { chooseLocale, type LanguagePreference } from './languagePreference.js';
import { menuActions } from './menu.js';
import { setTurnInfo, turnInfo } from './turn.js';

export interface BotDeps {
  conversationState: ConversationState;
  userState: UserState;
  mainDialog: MainDialog;
  recognizer: IntentRecognizer;
  translator: Translator;
  logger: Logger;
  defaultLocale: Locale;
  maxMessageChars: number;
  now?: () => Date;
}

/**
 * The activity handler: works out the turn's language (explicit choice → the language written in →
 * the channel's locale → the default), checks the message, then runs the main dialog.
 */
export class HelpdeskBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly languagePreference: StatePropertyAccessor<LanguagePreference>;
  private readonly dialogs: DialogSet;
  private readonly askLanguagePhrases: string[];

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.languagePreference = deps.userState.createProperty<LanguagePreference>('language');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.mainDialog);
    this.askLanguagePhrases = SUPPORTED_LOCALES.map((l) => deps.translator.forLocale(l)('menu.language'));

    this.onMembersAdded(async (context, next) => {
      const { t } = await this.resolveTurn(context, undefined);
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        await context.sendActivity(t('welcome.hello'));
        await context.sendActivity(MessageFactory.suggestedActions(menuActions(t), `${t('welcome.languages')}\n\n${t('menu.prompt')}`));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // A card or button submit carries its answer in `value`: read it like the words it stands for.
    if (!context.activity.text?.trim()) {
      const submitted = submittedText(context.activity.value);
      if (submitted) context.activity.text = submitted;
    }
    const text = (context.activity.text ?? '').trim();
    const request = text ? parseLanguageRequest(text, this.askLanguagePhrases) : undefined;
    if (request?.kind === 'switch') {
      await this.languagePreference.set(context, { locale: request.locale, source: 'explicit' });
      const { t } = await this.resolveTurn(context, undefined);
      await context.sendActivity(t('language.changed'));
      await this.continueOrMenu(context, true);
      return;
    }

    const { t, locale } = await this.resolveTurn(context, text);
    if (!text) {
      const hasAttachments = (context.activity.attachments ?? []).length > 0;
      await context.sendActivity(t(hasAttachments ? 'errors.attachmentsOnly' : 'errors.empty'));
      return;
    }
    if (text.length > this.deps.maxMessageChars) {
      await context.sendActivity(t('errors.tooLong', { length: text.length, max: this.deps.maxMessageChars }));
      return;
    }
    const recognition = this.deps.recognizer.recognize(text, locale, this.deps.now?.() ?? new Date());
    if (request?.kind === 'ask') recognition.intent = 'change_language';
    setTurnInfo(context, { locale, t, recognition });
    await this.continueOrMenu(context, false);
  }

  /** Continues the active dialog (or starts the main one); after a language switch, only re-asks. */
  private async continueOrMenu(context: TurnContext, reprompt: boolean): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (reprompt) {
      if (dc.activeDialog) await dc.repromptDialog();
      else {
        const { t } = turnInfo(context, this.deps.translator, this.deps.defaultLocale);
        await context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('menu.prompt')));
      }
      return;
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.mainDialog.id);
  }

  /** Picks the turn's locale, remembers what was learnt, and makes it available to dialogs. */
  private async resolveTurn(context: TurnContext, text: string | undefined) {
    const preference = await this.languagePreference.get(context, {});
    const detected = text ? detectLanguage(text)?.locale : undefined;
    const chosen = chooseLocale({
      preference,
      detected,
      activityLocale: context.activity.locale,
      defaultLocale: this.deps.defaultLocale,
    });
    if (chosen.preference !== preference) await this.languagePreference.set(context, chosen.preference);
    const info = { locale: chosen.locale, t: this.deps.translator.forLocale(chosen.locale), recognition: undefined };
    setTurnInfo(context, info);
    return info;
  }
}

/**
 * The adapter's onTurnError: logs with a correlation id and tells the user in their language.
 * The state saved before the turn is kept (nothing is deleted), so the user can simply try again.
 */
export function createTurnErrorHandler(translator: Translator, logger: Logger, fallback: Locale) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref, conversationId: context.activity.conversation?.id }, 'turn error');
    const { t } = turnInfo(context, translator, fallback);
    await context.sendActivity({ type: ActivityTypes.Message, text: t('errors.generic', { ref }) });
  };
}

/** The text a card submit stands for: a string value, or its `text`, `value` or `choice` field. */
export function submittedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['text', 'value', 'choice']) {
    const field = v[key];
    if (typeof field === 'string' && field.trim()) return field.trim();
  }
  return undefined;
}
