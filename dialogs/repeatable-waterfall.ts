import { WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';

/** Where a waterfall keeps what its current step was given (saved with the dialog state). */
const GIVEN = 'lotsen.given';

/**
 * A waterfall whose current step can run again with what it was given: the question it asked
 * is then asked anew, written from the catalog again, where a reprompt would repeat the words
 * of the first time. Lotsen's steps are written so that running one again only asks again.
 */
export class RepeatableWaterfall<O extends object = object> extends WaterfallDialog<O> {
  protected override async onStep(step: WaterfallStepContext<O>): Promise<DialogTurnResult> {
    step.activeDialog!.state[GIVEN] = step.result ?? null;
    return super.onStep(step);
  }
}

/**
 * Goes on with the waterfall's next step at once, in this step's context: what `step.next(result)`
 * does, without building a new step context (each is a dialog context with its own memory, a
 * good part of what a turn costs). `next` runs that next step with `result`; the waterfall then
 * resumes after it, and asking anew runs it again with `result`, as if it had been a step of its own.
 */
export function goOn<R>(step: WaterfallStepContext, result: R, next: (result: R) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
  const state = step.activeDialog!.state as { stepIndex: number; [GIVEN]?: unknown };
  state.stepIndex += 1;
  state[GIVEN] = result ?? null;
  return next(result);
}

/**
 * Asks the open question anew (after a change of language, in the new one): the prompt that
 * waits is ended and the step of the waterfall that asked it runs again with what it was given.
 * False when the open question was not asked by a repeatable waterfall's step.
 */
export async function askAnew(dc: DialogContext): Promise<boolean> {
  let innermost = dc;
  while (innermost.child) innermost = innermost.child;
  // The stack's top is its last entry: the prompt that waits, above the waterfall that asked it.
  const [waterfall, prompt] = innermost.stack.slice(-2);
  if (!prompt || !waterfall || !(innermost.findDialog(waterfall.id) instanceof RepeatableWaterfall)) return false;
  // Ending the prompt resumes the waterfall at the step after `stepIndex`: one back is the same step.
  waterfall.state.stepIndex -= 1;
  await innermost.endDialog(waterfall.state[GIVEN] ?? undefined);
  return true;
}
