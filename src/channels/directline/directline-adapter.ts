import { randomUUID } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { TranscriptStore } from '../../domain/transcript.js';

/**
 * The bot's side of the self-hosted Direct Line: runs a turn for a posted activity and writes
 * the bot's replies to the transcript, where the resident's client polls them from.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly transcript: TranscriptStore,
    private readonly onError: (context: TurnContext, error: Error) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    try {
      await this.runMiddleware(context, logic);
    } catch (error) {
      await this.onError(context, error instanceof Error ? error : new Error(String(error)));
    }
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const { conversation, recipient, from } = context.activity;
    const replies = activities
      // Traces are for the Emulator, delays are client-side pacing: neither belongs in a transcript.
      .filter((activity) => activity.type !== 'trace' && activity.type !== 'delay')
      .map((activity) => ({
        ...activity,
        id: randomUUID(),
        timestamp: this.now().toISOString(),
        channelId: context.activity.channelId,
        conversation: { id: conversation.id },
        from: recipient ?? { id: 'lotsen', name: 'Lotsen', role: 'bot' },
        recipient: from,
      }));
    await this.transcript.append(conversation.id, JSON.parse(JSON.stringify(replies)) as Record<string, unknown>[]);
    return replies.map((reply) => ({ id: reply.id }));
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line activities cannot be updated here'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line activities cannot be deleted here'));
  }

  override continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return Promise.reject(new Error('Proactive messages are not sent over the self-hosted Direct Line'));
  }
}
