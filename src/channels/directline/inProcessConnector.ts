import type { Activity } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';

/** Where a reply sent by the bot goes: the Direct Line transcript of its conversation. */
export type ReplySink = (conversationId: string, activity: Partial<Activity>) => { id: string } | undefined;

/**
 * Hands CloudAdapter a connector that, instead of POSTing replies to a channel's service URL, appends
 * them to our in-memory transcript: the turn runs in-process with no HTTP hop in either direction, and
 * replies reach the open sockets as they are sent, in order.
 */
export class InProcessConnectorFactory extends ConnectorFactory {
  constructor(private readonly sink: ReplySink) {
    super();
  }

  override async create(): Promise<ConnectorClient> {
    const deliver = (conversationId: string, activity: Partial<Activity>) => {
      const delivered = this.sink(conversationId, activity);
      if (!delivered) throw new Error(`Direct Line conversation ${conversationId} is gone`);
      return delivered;
    };
    const unsupported = async (): Promise<never> => {
      throw new Error('Direct Line does not support updating or deleting activities');
    };
    const conversations = {
      sendToConversation: async (conversationId: string, activity: Partial<Activity>) => deliver(conversationId, activity),
      replyToActivity: async (conversationId: string, _activityId: string, activity: Partial<Activity>) =>
        deliver(conversationId, activity),
      updateActivity: unsupported,
      deleteActivity: unsupported,
    };
    // CloudAdapter only calls the four conversation operations above; the rest of ConnectorClient
    // (an HTTP client) does not exist here, hence the narrowing cast.
    return { conversations } as unknown as ConnectorClient;
  }
}
