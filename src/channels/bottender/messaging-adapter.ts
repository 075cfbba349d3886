import { randomUUID } from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type CardAction, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { plainText } from '../../domain/markdown.js';
import { splitText } from '../../domain/split-text.js';
import type { InboundTurn, MessagingPlatform, OutboundMessage } from './messaging-platform.js';
import type { NumberedChoices } from './numbered-choices.js';

const TURN = Symbol('messaging turn');
const PLATFORM = Symbol('messaging platform');

/**
 * The bridge that lets the botbuilder dialogs run unchanged on messaging apps: a bottender event
 * becomes a message activity (channel id = the platform, stable conversation and user ids), and
 * the bot's replies go back through the bottender context, as buttons or numbered lines, split
 * at the platform's length limit.
 */
export class MessagingAdapter extends BotAdapter {
  constructor(
    private readonly numbered: NumberedChoices,
    private readonly onError: (context: TurnContext, error: Error) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  async process(platform: MessagingPlatform, turn: InboundTurn, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const text = platform.buttons ? turn.text : await this.numbered.resolve(turn.conversationId, turn.text);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: turn.deliveryId,
      channelId: platform.id,
      serviceUrl: `bottender:${platform.id}`,
      timestamp: this.now(),
      conversation: { id: turn.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: turn.userId, name: '', role: 'user' },
      recipient: { id: 'lotsen', name: 'Lotsen', role: 'bot' },
      text,
      ...(turn.locale ? { locale: turn.locale } : {}),
    };
    const context = new TurnContext(this, activity);
    context.turnState.set(TURN, turn);
    context.turnState.set(PLATFORM, platform);
    try {
      await this.runMiddleware(context, logic);
    } catch (error) {
      await this.onError(context, error instanceof Error ? error : new Error(String(error)));
    }
    await turn.finish();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const turn = context.turnState.get(TURN) as InboundTurn;
    const platform = context.turnState.get(PLATFORM) as MessagingPlatform;
    const messages = activities
      .filter((activity) => activity.type === ActivityTypes.Message && activity.text)
      .flatMap((activity) => outbound(activity, platform.textLimit));
    if (messages.length > 0) await turn.reply(platform.buttons ? messages : await this.numbered.offer(turn.conversationId, messages));
    return activities.map(() => ({ id: randomUUID() }));
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('Messaging-app messages are not updated'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Messaging-app messages are not deleted'));
  }

  override continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return Promise.reject(new Error('Lotsen only answers on messaging apps; it does not start conversations there'));
  }
}

/** One activity as the platform's messages: the text split at its limit, the buttons on the last piece. */
function outbound(activity: Partial<Activity>, limit: number): OutboundMessage[] {
  const choices = (activity.suggestedActions?.actions ?? []).map((action: CardAction) => ({
    title: action.title,
    value: String(action.value ?? action.text ?? action.title),
  }));
  const expecting = (activity.channelData as { lotsen?: { expecting?: string } } | undefined)?.lotsen?.expecting;
  // Messaging apps show text as it is: links become their text (and address), lists stay readable lines.
  const pieces = splitText(plainText(activity.text!), limit);
  return pieces.map((text, index) => ({
    text,
    choices: index === pieces.length - 1 ? choices : [],
    ...(expecting && index === pieces.length - 1 ? { expecting } : {}),
  }));
}
