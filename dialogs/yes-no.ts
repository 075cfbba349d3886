import { ChoicePrompt, ListStyle, type FoundChoice } from 'botbuilder-dialogs';

/** A ChoicePrompt that shows no list of its own: the buttons come from `question`. */
export function buttonPrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(id);
  prompt.style = ListStyle.none;
  return prompt;
}

export const saidYes = (result: unknown): boolean => (result as FoundChoice | undefined)?.value === 'yes';
