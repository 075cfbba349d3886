import { ChoicePrompt, ListStyle, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TextKey } from '../src/domain/catalog/schema.js';
import { sayKey, titleOf, wordsFor, type DialogDeps, type Speech } from './dialog-deps.js';
import { question, type Expecting } from './question.js';

/** A ChoicePrompt that shows no list of its own: the buttons come from `question`. */
export function buttonPrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(id);
  prompt.style = ListStyle.none;
  return prompt;
}

/** Asks a yes/no question with the buttons `yes` and `no` (their titles from the catalog). */
export function askYesNo(
  step: WaterfallStepContext,
  promptId: string,
  deps: DialogDeps,
  speech: Speech,
  text: string,
  expecting: Expecting = 'confirm',
  titles: { yes: TextKey; no: TextKey } = { yes: 'yes', no: 'no' },
): Promise<DialogTurnResult> {
  const options = [
    { id: 'yes', title: titleOf(deps.catalog.texts[titles.yes], speech) },
    { id: 'no', title: titleOf(deps.catalog.texts[titles.no], speech) },
  ];
  const choices = [
    { value: 'yes', synonyms: [options[0]!.title, ...wordsFor(deps.catalog.answerWords.yes)] },
    { value: 'no', synonyms: [options[1]!.title, ...wordsFor(deps.catalog.answerWords.no)] },
  ];
  return step.prompt(promptId, {
    prompt: question(text, expecting, options),
    retryPrompt: question(`${sayKey(deps.catalog, 'notUnderstood', speech)}\n\n${text}`, expecting, options),
    choices,
  });
}

export const saidYes = (result: unknown): boolean => (result as FoundChoice | undefined)?.value === 'yes';
