import type { TurnContext } from 'botbuilder-core';
import {
  ChoicePrompt,
  ListStyle,
  TextPrompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
  type FoundChoice,
} from 'botbuilder-dialogs';
import type { Catalog } from '../src/domain/catalog/schema.js';
import { wordsFor } from './dialog-deps.js';
import { question, type Expecting, type Option } from './question.js';
import { answersTo } from './yes-no.js';

/** The catalog's lists of words that count as pressing a button (`answerWords`). */
export type AnswerWords = keyof Catalog['answerWords'];

/**
 * What an open question keeps in the conversation's state: the question, not the activities,
 * retry activity and choice lists (with every language's synonyms) built from it. The state is
 * read and written on every turn, and those made it four times as large; they are built again
 * when the question is asked, asked again or answered.
 */
export interface StoredQuestion {
  readonly text: string;
  readonly expecting: Expecting;
  readonly options?: readonly Option[];
  /** Said instead of `text` when the answer did not fit (default: the same question). */
  readonly retry?: string;
  /** For a choice: the catalog's words that choose each button besides its title. */
  readonly synonyms?: Readonly<Record<string, AnswerWords>>;
}

/** Each list of answer words with a button's title before it, by title: built once, not on every answer. */
const titledWordLists = new WeakMap<object, Map<string, readonly string[]>>();

/** The words that choose a stored question's button: its title and the catalog's answer words for it. */
export function wordsChoosing(catalog: Catalog, stored: StoredQuestion, option: Option): readonly string[] {
  const key = stored.synonyms?.[option.id];
  if (!key) return [option.title];
  const answerWords = catalog.answerWords[key];
  let byTitle = titledWordLists.get(answerWords);
  if (!byTitle) titledWordLists.set(answerWords, (byTitle = new Map()));
  let words = byTitle.get(option.title);
  if (!words) byTitle.set(option.title, (words = [option.title, ...wordsFor(answerWords)]));
  return words;
}

/** The index of the button an answer picks (pressed, or its title or one of its words written as the whole answer), or -1. */
export function optionPicked(catalog: Catalog, stored: StoredQuestion, said: string): number {
  const answers = answersTo(said);
  return (stored.options ?? []).findIndex((option) => answers(option.id, wordsChoosing(catalog, stored, option)));
}

/** The prompt options that ask `stored`: what `step.prompt` is given and the dialog state keeps. */
export const asking = (stored: StoredQuestion): PromptOptions => ({ question: stored }) as PromptOptions;

/** The question an open prompt keeps, if it was asked with `asking`. */
export const storedQuestionOf = (options: unknown): StoredQuestion | undefined => (options as { question?: StoredQuestion } | undefined)?.question;

/** What botbuilder's choice recognisers are given: the stored question's buttons as choices, each with the words that choose it. */
function choicesOf(options: PromptOptions, catalog: Catalog): PromptOptions {
  const stored = storedQuestionOf(options);
  if (!stored) return options;
  return { choices: (stored.options ?? []).map((option) => ({ value: option.id, synonyms: [...wordsChoosing(catalog, stored, option)] })) };
}

/**
 * Asks the stored question (again, after an answer that did not fit) with its own activity, which
 * carries its buttons; false when the options hold no stored question. botbuilder's prompts would
 * send their `prompt`, and the choice prompt would first copy it through JSON to append a list of
 * choices that the style Lotsen uses leaves out.
 */
async function askedStored(context: TurnContext, options: PromptOptions, isRetry: boolean): Promise<boolean> {
  const stored = storedQuestionOf(options);
  if (!stored) return false;
  await context.sendActivity(question(isRetry ? (stored.retry ?? stored.text) : stored.text, stored.expecting, stored.options ?? []));
  return true;
}

/** A text prompt that asks a stored question. */
export class QuestionPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!(await askedStored(context, options, isRetry))) await super.onPrompt(context, state, options, isRetry);
  }
}

/** A choice prompt that asks a stored question and shows no list of its own: the buttons come from `question`. */
export class ButtonPrompt extends ChoicePrompt {
  constructor(
    id: string,
    private readonly catalog: Catalog,
    validator?: PromptValidator<FoundChoice>,
  ) {
    super(id, validator);
    this.style = ListStyle.none;
  }

  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!(await askedStored(context, options, isRetry))) await super.onPrompt(context, state, options, isRetry);
  }

  /**
   * A button pressed, or its title or one of its words written as the whole answer, is that
   * button: found here without botbuilder's choice recognisers, which tokenise every synonym of
   * every language on every answer. Anything else ("nej, det behövs inte") goes to them.
   */
  protected override onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const stored = storedQuestionOf(options);
    const text = context.activity.text;
    const index = stored && text ? optionPicked(this.catalog, stored, text) : -1;
    if (index >= 0) return Promise.resolve({ succeeded: true, value: { value: stored!.options![index]!.id, index, score: 1, synonym: text!.trim() } });
    return super.onRecognize(context, state, choicesOf(options, this.catalog));
  }
}
