import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';

export const TEAMS_CHANNEL = 'msteams';

/** Who is writing, as Teams says it: the Entra ID (AAD) object id and the tenant. */
export interface TeamsIdentity {
  aadObjectId: string | undefined;
  tenantId: string | undefined;
}

export function teamsIdentity(activity: Partial<Activity>): TeamsIdentity {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = channelData?.tenant?.id;
  return {
    aadObjectId: activity.from?.aadObjectId,
    tenantId: typeof tenant === 'string' ? tenant : activity.conversation?.tenantId,
  };
}

/** The data of an Adaptive Card Action.Execute/Submit sent as `invoke adaptiveCard/action`, if it is one. */
export function adaptiveCardActionData(activity: Partial<Activity>): { ok: true; data: unknown } | { ok: false } {
  if (activity.type !== ActivityTypes.Invoke || activity.name !== 'adaptiveCard/action') return { ok: false };
  const value = activity.value as { action?: { data?: unknown } } | undefined;
  return { ok: true, data: value?.action?.data ?? {} };
}

/** Teams' answer to an adaptiveCard/action that was handled as a message: "done", keep the card. */
export const ADAPTIVE_CARD_ACTION_DONE = {
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' },
} as const;

/**
 * Makes Teams look like the other channels to the bot:
 * - in channels and group chats the message starts with "<at>Bot</at>": the mention is removed;
 * - an Adaptive Card submit arrives either as a message with `value` (message-back) or as
 *   `invoke adaptiveCard/action`: the invoke is handed to the bot as that same message, and Teams gets
 *   the invoke response it waits for.
 * Identity (teamsIdentity) and locale (activity.locale, e.g. "it-it") need no change: the bot reads them.
 */
export class TeamsChannelMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId !== TEAMS_CHANNEL) return next();

    if (activity.type === ActivityTypes.Message && activity.text) {
      activity.text = TurnContext.removeRecipientMention(activity)?.trim() ?? activity.text;
    }

    const action = adaptiveCardActionData(activity);
    if (!action.ok) return next();
    activity.type = ActivityTypes.Message;
    activity.value = action.data;
    activity.text = '';
    try {
      await next();
    } finally {
      activity.type = ActivityTypes.Invoke;
    }
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: ADAPTIVE_CARD_ACTION_DONE });
  }
}
