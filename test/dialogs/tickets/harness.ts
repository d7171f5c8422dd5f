import type { Activity } from 'botbuilder';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog } from 'botbuilder-dialogs';
import { expect } from 'vitest';
import { setTurnInfo } from '../../../src/bot/turn.js';
import {
  createTranslator,
  DEFAULT_LOCALES_DIR,
  readLocaleResources,
  type Translator,
} from '../../../src/i18n/i18n.js';
import type { Locale } from '../../../src/i18n/locales.js';
import type { Hit, KnowledgeBase, SearchResult } from '../../../src/knowledge/types.js';
import type { Recognition } from '../../../src/nlu/types.js';

let translator: Translator | undefined;
async function getTranslator(): Promise<Translator> {
  translator ??= await createTranslator(readLocaleResources(DEFAULT_LOCALES_DIR));
  return translator;
}

/**
 * A turn of a conversation: what the user says, then each reply the bot sends, in order — a fragment
 * of its text, or several fragments of the same reply ("!fragment": must not be shown).
 */
export type Turn = [user: string, bot: Array<string | string[]>];

export interface Who {
  /** Teams AAD object id (the directory's user id). */
  userId: string;
  tenantId?: string;
  name?: string;
}

const CANCEL_WORDS = new Set(['cancel', 'annulla', 'отмена', '取消', 'cancelar', 'abbrechen']);

/** The bot recognizes "cancel" before dialogs run; the tests stand in for it with a word list. */
function recognitionOf(text: string): Recognition | undefined {
  if (!CANCEL_WORDS.has(text.trim().toLowerCase())) return undefined;
  return {
    intent: 'cancel',
    score: 1,
    ranked: [{ intent: 'cancel', score: 1 }],
    entities: [],
    language: undefined,
  };
}

/** Everything a user sees in a reply: its text, its buttons and its card's facts. */
export function shown(activity: Partial<Activity>): string {
  const parts = [activity.text ?? ''];
  for (const action of activity.suggestedActions?.actions ?? []) parts.push(`[${action.title ?? ''}]`);
  for (const attachment of activity.attachments ?? []) parts.push(JSON.stringify(attachment.content));
  return parts.join(' ');
}

/** Plays a conversation with one dialog, as the bot runs it: turn info set on every turn. */
export async function converse(
  dialog: Dialog,
  locale: Locale,
  turns: readonly Turn[],
  /** `start`: the dialog's options; by default the first message is the question, as MainDialog passes it. */
  options: { who: Who; start?: object; alongside?: Dialog[] },
): Promise<void> {
  const t = (await getTranslator()).forLocale(locale);
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
  dialogs.add(dialog);
  for (const other of options.alongside ?? []) dialogs.add(other);
  const adapter = new TestAdapter(
    async (context: TurnContext) => {
      setTurnInfo(context, { locale, t, recognition: recognitionOf(context.activity.text ?? '') });
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty)
        await dc.beginDialog(dialog.id, options.start ?? { question: turns[0]?.[0] });
      await conversationState.saveChanges(context);
    },
    {
      channelId: 'msteams',
      from: {
        id: `29:${options.who.userId}`,
        name: options.who.name ?? 'Test User',
        aadObjectId: options.who.userId,
      },
      conversation: {
        id: 'conv-1',
        isGroup: false,
        conversationType: 'personal',
        name: '',
        tenantId: options.who.tenantId,
      },
    },
  );
  let flow = adapter.send(turns[0]?.[0] ?? '');
  turns.forEach(([user, replies], i) => {
    if (i > 0) flow = flow.send(user);
    for (const expected of replies) {
      flow = flow.assertReply((activity) => {
        for (const fragment of typeof expected === 'string' ? [expected] : expected) {
          // "!text": the reply must not show it (a button that should not be offered).
          if (fragment.startsWith('!'))
            expect(shown(activity), `after "${user}"`).not.toContain(fragment.slice(1));
          else expect(shown(activity), `after "${user}"`).toContain(fragment);
        }
      });
    }
  });
  await flow.startTest();
}

/** A knowledge base that answers only the questions it was given. */
export function fakeKnowledge(
  answers: Record<string, Array<{ slug: string; title: string }>> = {},
): KnowledgeBase {
  return {
    locales: ['en-US'],
    search(query, locale): SearchResult {
      const key = Object.keys(answers).find((k) => query.toLowerCase().includes(k.toLowerCase()));
      const hits: Hit[] = (key ? (answers[key] ?? []) : []).map((a, i) => ({
        slug: a.slug,
        locale,
        title: a.title,
        section: { id: 'intro', heading: a.title, level: 1, text: a.title },
        score: 10 - i,
        confidence: 0.9 - i * 0.1,
      }));
      return { hits, answered: hits.length > 0, fallback: false };
    },
    getArticle: () => undefined,
    toc: () => [],
    stats: () => ({ articles: {}, sections: 0, terms: 0, classifiers: 0 }),
    prepare: async () => undefined,
  };
}

export const articleLink = (locale: string, slug: string): string => `https://docs.example/${locale}/${slug}`;
