import { ActionTypes, ActivityTypes, InputHints, type Activity, type CardAction } from 'botbuilder-core';

/** What the bot waits for: the web page sets the input's inputmode/autocomplete from it (CONTRACTS.md). */
export type Expecting = 'topic' | 'choice' | 'consent' | 'name' | 'phone' | 'email' | 'contactTime' | 'confirm' | 'freeText';

/** A button whose value is a stable id, while the person sees (and the transcript shows) the title. */
export interface Option {
  readonly id: string;
  readonly title: string;
}

/**
 * An activity that asks something: it says what it expects and offers options as suggested
 * actions. `messageBack` sends the id but shows the title as what the person said.
 */
export function question(text: string, expecting: Expecting, options: readonly Option[] = []): Partial<Activity> {
  const actions: CardAction[] = options.map((option) => ({
    type: ActionTypes.MessageBack,
    title: option.title,
    displayText: option.title,
    text: option.id,
    value: option.id,
  }));
  return {
    type: ActivityTypes.Message,
    text,
    inputHint: InputHints.ExpectingInput,
    channelData: { lotsen: { expecting } },
    ...(actions.length > 0 ? { suggestedActions: { actions, to: [] } } : {}),
  };
}
