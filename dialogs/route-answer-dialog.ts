import { type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt } from './stored-questions.js';
import { questionsAsked } from '../src/domain/catalog/route-questions.js';
import { easyReadFormOf } from '../src/domain/catalog/languages.js';
import { instanceOfRoute, routeOf } from '../src/domain/catalog/schema.js';
import { writesSimply } from '../src/domain/routing/simple-writing.js';
import { Voice, type DialogDeps } from './dialog-deps.js';
import { EligibilityDialog, type EligibilityOptions, type EligibilityResult } from './eligibility-dialog.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { saidYes } from './yes-no.js';
import { goOn, RepeatableWaterfall } from './repeatable-waterfall.js';
import { VolunteerManageDialog, type VolunteerManageOptions } from './volunteer-manage-dialog.js';
import { VolunteerRegistrationDialog } from './volunteer-registration-dialog.js';
import { conceptsOf } from './message-reading.js';

export interface RouteAnswerOptions {
  readonly routeId: string;
  /** What the person wrote, if they wrote it: how they feel and what they want are read from it. */
  readonly said?: string;
}

interface Answering {
  routeId: string;
  /** The language the route's answer was given in: after a switch it is given again in the new one. */
  answeredIn: string;
  need?: string;
  /** The lexicon's concepts in what the person wrote, read once. */
  concepts: string[];
}

/**
 * A route's concrete answer from the catalog, the steps the catalog declares for it (an
 * `eligibility` check, a `needs` question), then the offer that the right instance
 * contacts the person, so they never have to make a second contact themselves.
 */
export class RouteAnswerDialog extends InterruptibleDialog {
  static readonly id = 'routeAnswerDialog';
  private static readonly flowId = 'routeAnswerFlow';
  private static readonly needPromptId = 'routeAnswerNeed';
  private static readonly offerPromptId = 'routeAnswerOffer';
  private static readonly registerPromptId = 'routeAnswerRegister';

  constructor(deps: DialogDeps) {
    super(RouteAnswerDialog.id, deps);
    this.addDialog(new ButtonPrompt(RouteAnswerDialog.needPromptId, deps.catalog))
      .addDialog(new ButtonPrompt(RouteAnswerDialog.offerPromptId, deps.catalog))
      .addDialog(new ButtonPrompt(RouteAnswerDialog.registerPromptId, deps.catalog))
      .addDialog(new EligibilityDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new VolunteerRegistrationDialog(deps))
      .addDialog(new VolunteerManageDialog(deps))
      .addDialog(
        new RepeatableWaterfall(RouteAnswerDialog.flowId, [
          this.answer.bind(this),
          this.askNeed.bind(this),
          this.offer.bind(this),
          this.handOver.bind(this),
          this.offerRegisterToo.bind(this),
          this.registerToo.bind(this),
        ]),
      );
    this.initialDialogId = RouteAnswerDialog.flowId;
  }

  private async answer(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const profile = await this.profileOf(step.context);
    const route = routeOf(this.deps.catalog, step.options.routeId)!;
    profile.lastRoute = route.id;
    (step.values as Answering).routeId = route.id;
    const voice = await this.voice(step.context);
    // One sentence for how the person feels, before the facts.
    const concepts = step.options.said ? conceptsOf(step.context, this.deps.router, step.options.said) : new Set<string>();
    (step.values as Answering).concepts = [...concepts];
    const acknowledgement = this.deps.catalog.acknowledgements.find((entry) => entry.concepts.some((concept) => concepts.has(concept)));
    if (acknowledgement) await this.tell(step.context, voice.say(acknowledgement.text));
    if (step.options.said) await this.offerEasyRead(step, step.options.said);
    await this.tellAnswer(step, route.id);
    // What they asked in particular ("hur mycket kan vi få?"), answered after the overview.
    for (const question of questionsAsked(route, step.options.said ?? '')) await this.tell(step.context, voice.say(question.answer));
    if (route.eligibility) return step.beginDialog(EligibilityDialog.id, { routeId: route.id } satisfies EligibilityOptions);
    return goOn(step, undefined, () => this.askNeed(step, undefined));
  }

  /** The route's facts, in the person's language. */
  private async tellAnswer(step: WaterfallStepContext, routeId: string): Promise<void> {
    const voice = await this.voice(step.context);
    (step.values as Answering).answeredIn = voice.language;
    await this.tell(step.context, voice.say(routeOf(this.deps.catalog, routeId)!.answer), { lotsen: { route: routeId } });
  }

  /** Asked anew after a change of language: the facts come again first, in the language the person can read. */
  private async answerAgainIfSwitched(step: WaterfallStepContext): Promise<void> {
    const answering = step.values as Answering;
    if ((await this.voice(step.context)).language !== answering.answeredIn) await this.tellAnswer(step, answering.routeId);
  }

  /**
   * Someone who writes short, simple sentences in a language the catalog has an easy-to-read
   * form of (lätt svenska) is offered it once, in it; a switch then gives the answer again.
   */
  private async offerEasyRead(step: WaterfallStepContext, said: string): Promise<void> {
    const profile = await this.profileOf(step.context);
    const easy = easyReadFormOf(this.deps.catalog, profile.speech[0]);
    if (!easy || profile.offeredEasyRead || profile.languageChosen || !writesSimply(said)) return;
    profile.offeredEasyRead = true;
    await this.tell(step.context, new Voice(this.deps.catalog, [easy]).text('offerEasyRead'));
  }

  private async askNeed(step: WaterfallStepContext<RouteAnswerOptions>, given: unknown = step.result): Promise<DialogTurnResult> {
    await this.answerAgainIfSwitched(step);
    const answering = step.values as Answering;
    const eligibility = given as EligibilityResult | undefined;
    if (eligibility && !eligibility.eligible && eligibility.instead) answering.routeId = eligibility.instead;
    const needs = routeOf(this.deps.catalog, answering.routeId)?.needs;
    if (!needs) return goOn(step, undefined, () => this.offer(step, undefined));
    // Someone who already said what they want (a visitor, not to volunteer) is not asked again.
    const shown = needs.options.filter((option) => option.concepts.some((concept) => answering.concepts.includes(concept)));
    if (shown.length === 1) return goOn(step, { value: shown[0]!.id } as FoundChoice, (chosen) => this.offer(step, chosen));
    const voice = await this.voice(step.context);
    const options = needs.options.map((option) => ({ id: option.id, title: voice.title(option.label) }));
    return this.ask(step, RouteAnswerDialog.needPromptId, { text: voice.say(needs.question), expecting: 'choice', options });
  }

  private async offer(step: WaterfallStepContext<RouteAnswerOptions>, given: unknown = step.result): Promise<DialogTurnResult> {
    await this.answerAgainIfSwitched(step);
    const answering = step.values as Answering;
    const need = (given as FoundChoice | undefined)?.value;
    if (need) answering.need = need;
    const voice = await this.voice(step.context);
    if (this.offersRegister(answering.routeId)) {
      // Already in the register: their entry, with what they can do with it.
      if (await this.deps.volunteers!.register.findByConversation(step.context.activity.conversation.id))
        return step.replaceDialog(VolunteerManageDialog.id, { action: 'show' } satisfies VolunteerManageOptions);
      return this.askYesNo(step, RouteAnswerDialog.offerPromptId, voice, voice.say(this.deps.catalog.volunteers!.texts.offerRegister));
    }
    const instance = instanceOfRoute(this.deps.catalog, answering.routeId);
    return this.askYesNo(step, RouteAnswerDialog.offerPromptId, voice, voice.text('offerHandoff', { instance: voice.title(instance.name) }));
  }

  /** Whether the route's answer offers to join the volunteer register (and the catalog has one) rather than a handoff. */
  private offersRegister(routeId: string): boolean {
    return (
      routeOf(this.deps.catalog, routeId)?.offer === 'volunteerRegister' && this.deps.catalog.volunteers !== undefined && this.deps.volunteers !== undefined
    );
  }

  private async handOver(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const answering = step.values as Answering;
    if (saidYes(step.result) && this.offersRegister(answering.routeId)) return step.replaceDialog(VolunteerRegistrationDialog.id);
    if (saidYes(step.result))
      return step.beginDialog(HandoffDialog.id, { routeId: answering.routeId, ...(answering.need ? { need: answering.need } : {}) } satisfies HandoffOptions);
    await this.tell(step.context, (await this.voice(step.context)).text('noHandoff'));
    return step.endDialog();
  }

  /**
   * After a registered handoff for a need that also makes a volunteer (Väntjänsten's), the
   * register is offered too, unless they are in it: the instance calls them about its own
   * activity, and the register lets the coordination ask them when there is another need.
   */
  private async offerRegisterToo(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const answering = step.values as Answering;
    const option = routeOf(this.deps.catalog, answering.routeId)?.needs?.options.find((candidate) => candidate.id === answering.need);
    const registered = step.result !== undefined;
    if (!registered || !option?.offersRegister || !this.deps.volunteers || !this.deps.catalog.volunteers) return step.endDialog();
    if (await this.deps.volunteers.register.findByConversation(step.context.activity.conversation.id)) return step.endDialog();
    const voice = await this.voice(step.context);
    return this.askYesNo(step, RouteAnswerDialog.registerPromptId, voice, voice.say(this.deps.catalog.volunteers.texts.offerRegister));
  }

  private async registerToo(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    return saidYes(step.result) ? step.replaceDialog(VolunteerRegistrationDialog.id) : step.endDialog();
  }
}
