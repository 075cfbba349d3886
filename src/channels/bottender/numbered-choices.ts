import type { Storage } from 'botbuilder';
import type { Choice, OutboundMessage } from './messaging-platform.js';

const keyOf = (conversationId: string) => `numbered-choices/${conversationId}`;

/**
 * Choices on a platform without buttons: sent as numbered lines, and a reply of just a number
 * becomes the choice's value. The offered values are kept in the bot's storage (any instance
 * may receive the answer) until the person's next message, so a number is never read against
 * an older question.
 */
export class NumberedChoices {
  constructor(private readonly storage: Storage) {}

  /** The messages with their choices written out as numbered lines; remembers what the numbers mean. */
  async offer(conversationId: string, messages: readonly OutboundMessage[]): Promise<OutboundMessage[]> {
    const choices = messages.flatMap((message) => message.choices);
    if (choices.length === 0) return [...messages];
    await this.storage.write({ [keyOf(conversationId)]: { values: choices.map((choice) => choice.value), eTag: '*' } });
    let number = 0;
    return messages.map((message) => ({
      ...message,
      text:
        message.choices.length === 0
          ? message.text
          : `${message.text}\n\n${message.choices.map((choice: Choice) => `${(number += 1)}. ${choice.title}`).join('\n')}`,
      choices: [],
    }));
  }

  /** "2" → the value of the second choice offered last; anything else as written. Forgets the offer. */
  async resolve(conversationId: string, text: string): Promise<string> {
    const key = keyOf(conversationId);
    const stored = (await this.storage.read([key]))[key] as { values?: string[] } | undefined;
    if (!stored) return text;
    await this.storage.delete([key]);
    const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text)?.[1];
    return (number && stored.values?.[Number(number) - 1]) || text;
  }
}
