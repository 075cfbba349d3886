import type { TurnContext } from 'botbuilder-core';
import type { DialogTurnResult, FoundChoice, WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt } from './stored-questions.js';
import { EMERGENCY_ROUTE, routeOf } from '../src/domain/catalog/schema.js';
import type { RouteDecision } from '../src/domain/routing/router.js';
import { decideLanguage } from '../src/domain/catalog/languages.js';
import type { Voice, DialogDeps } from './dialog-deps.js';
import { emergencyAnswer } from './emergency-answer.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import type { Option } from './question.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';
import { readingOf } from './message-reading.js';

export interface TopicOptions {
  /** What the person wrote, or the id of the area button they pressed. */
  readonly text: string;
  /** What `settle` made of the text already, when the caller settled it first (it is not settled twice). */
  readonly unsettled?: Unsettled;
}

/** A topic that needs a question before it is settled: the routes of an area, or the likeliest routes, or (too vague) the areas. */
export type Unsettled = { readonly area: string } | { readonly routes: readonly string[] } | { readonly vague: true };

/** What a message settles: a route, nothing (an emergency, already answered), or what to ask first. */
export type Settled = { readonly route: string | undefined } | { readonly ask: Unsettled };

/** The value of the "none of these" button. */
export const NONE_OF_THESE = 'none';
const MAX_CLARIFY_OPTIONS = 3;
const MIN_CLARIFY_CONFIDENCE = 0.05;

/**
 * Decides which route a message is about: the router decides when it is sure; when it is not,
 * one question with the two or three likeliest routes as buttons, instead of a guess. An
 * emergency is answered at once. Ends with the route id, or nothing after an emergency.
 */
export class TopicDialog extends InterruptibleDialog {
  static readonly id = 'topicDialog';
  private static readonly flowId = 'topicFlow';
  private static readonly choicePromptId = 'topicChoicePrompt';

  constructor(deps: DialogDeps) {
    super(TopicDialog.id, deps);
    this.addDialog(new ButtonPrompt(TopicDialog.choicePromptId, deps.catalog)).addDialog(
      new RepeatableWaterfall(TopicDialog.flowId, [this.decide.bind(this), this.chosen.bind(this)]),
    );
    this.initialDialogId = TopicDialog.flowId;
  }

  /**
   * Settles what a message is about without asking when it can: a route's button, an area with
   * one route, or a message the router is sure of (its language becomes the conversation's). An
   * emergency is answered here. The dialog is begun only when a question is needed, so the common
   * turn does not pay for a dialog level that would end at once.
   */
  async settle(context: TurnContext, text: string): Promise<Settled> {
    const { catalog } = this.deps;
    // A route's or an area's button (ids are stable, so an older button still works).
    const id = text.trim().toLowerCase();
    if (catalog.routes.some((route) => route.id === id)) return { route: id };
    const area = catalog.areas.find((candidate) => candidate.id === id);
    if (area) return area.routes.length === 1 ? { route: area.routes[0] } : { ask: { area: area.id } };

    const decision = readingOf(context, this.deps.router, text);
    const profile = await this.profileOf(context);
    if (!profile.languageChosen && (decision.confidence > 0 || decision.emergency.length > 0)) {
      // A language the person chose stays; an unsure guess keeps the language the conversation has.
      const language = decideLanguage(catalog, profile.speech, { language: decision.language, alternatives: decision.languageAlternatives });
      if ('speech' in language) profile.speech = language.speech;
    }
    // Emergencies are answered before any dialog reads a message; this is the net under that.
    if (decision.route === EMERGENCY_ROUTE) {
      await context.sendActivity(emergencyAnswer(catalog, profile.speech));
      return { route: undefined };
    }
    if (!decision.needsClarification) return { route: decision.route };
    // Too vague to name routes ("can you help us?"): offer the areas again.
    return { ask: decision.vague ? { vague: true } : { routes: this.candidates(decision) } };
  }

  private async decide(step: WaterfallStepContext<TopicOptions>): Promise<DialogTurnResult> {
    const settled = step.options.unsettled ? { ask: step.options.unsettled } : await this.settle(step.context, step.options.text);
    if ('route' in settled) return step.endDialog(settled.route);
    const { catalog } = this.deps;
    const voice = await this.voice(step.context);
    const unsettled = settled.ask;
    if ('area' in unsettled) {
      const area = catalog.areas.find((candidate) => candidate.id === unsettled.area)!;
      await this.tell(step.context, voice.say(area.intro));
      return this.chooseRoute(step, area.routes, voice.text('clarify'), voice);
    }
    if ('vague' in unsettled) {
      const areas = catalog.areas.map((candidate) => ({ id: candidate.id, title: voice.title(candidate.label) }));
      return this.choose(step, areas, voice.text('notUnderstood'), voice);
    }
    return this.chooseRoute(step, unsettled.routes, voice.text('clarify'), voice);
  }

  private async chosen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { value } = step.result as FoundChoice;
    const isRoute = this.deps.catalog.routes.some((route) => route.id === value);
    if (!isRoute && this.deps.catalog.areas.some((area) => area.id === value))
      return step.replaceDialog(TopicDialog.id, { text: value } satisfies TopicOptions);
    return step.endDialog(value === NONE_OF_THESE ? this.deps.router.fallbackRoute : value);
  }

  private async chooseRoute(step: WaterfallStepContext, routeIds: readonly string[], text: string, voice: Voice): Promise<DialogTurnResult> {
    const options: Option[] = routeIds.map((id) => ({ id, title: voice.title(routeOf(this.deps.catalog, id)!.label) }));
    return this.choose(step, options, text, voice);
  }

  /** One question, the options as buttons, and always a way out ("none of these"). */
  private async choose(step: WaterfallStepContext, choices: readonly Option[], text: string, voice: Voice): Promise<DialogTurnResult> {
    const options = [...choices, { id: NONE_OF_THESE, title: voice.title(this.deps.catalog.texts.noneOfThese) }];
    return this.ask(step, TopicDialog.choicePromptId, { text, expecting: 'choice', options, retry: voice.text('notUnderstood') });
  }

  /** The likeliest routes worth offering: at least two, at most three. */
  private candidates(decision: RouteDecision): string[] {
    const likely = decision.ranking.filter((score, index) => index < 2 || score.confidence >= MIN_CLARIFY_CONFIDENCE);
    return likely.slice(0, MAX_CLARIFY_OPTIONS).map((score) => score.route);
  }
}
