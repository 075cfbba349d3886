import { ActivityTypes } from 'botbuilder-core';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { instanceOfRoute } from '../src/domain/catalog/schema.js';
import { normaliseEmail, normaliseName, normalisePhone, stripPersonalIdentityNumbers } from '../src/domain/handoff/contact.js';
import type { RegisteredHandoff } from '../src/domain/handoff/handoff.js';
import { deadlinesFor, officeTime } from '../src/domain/handoff/deadlines.js';
import { languageOf, newProfile, sayKey, titleOf, wordsFor, type DialogDeps, type Speech } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question, type Option } from './question.js';
import { askYesNo, buttonPrompt, saidYes } from './yes-no.js';

export interface HandoffOptions {
  readonly routeId: string;
  /** What the person needs within the route, chosen earlier with a button. */
  readonly need?: string;
}

/** What the dialog collects across turns (in its waterfall state, until it ends). */
interface Collected {
  attempt: string;
  consentedAt?: string;
  name?: string;
  way?: 'phone' | 'email';
  phone?: string;
  email?: string;
  time?: string;
  summary?: string;
}

const MAX_TRIES = 3;
const MAX_SUMMARY = 500;
const TIME_OPTIONS = ['timeMorning', 'timeAfternoon', 'timeAnytime'] as const;

/**
 * The one handoff dialog every route uses: consent first, then only what the instance needs
 * (name, one way to reach the person, a good time, optionally their own words), a summary to
 * confirm, and the registration. The person hears "registered" only once the database has it.
 */
export class HandoffDialog extends InterruptibleDialog {
  static readonly id = 'handoffDialog';
  private static readonly flowId = 'handoffFlow';
  private static readonly consentPromptId = 'handoffConsent';
  private static readonly namePromptId = 'handoffName';
  private static readonly wayPromptId = 'handoffWay';
  private static readonly phonePromptId = 'handoffPhone';
  private static readonly emailPromptId = 'handoffEmail';
  private static readonly timePromptId = 'handoffTime';
  private static readonly summaryPromptId = 'handoffSummary';
  private static readonly confirmPromptId = 'handoffConfirm';

  constructor(deps: DialogDeps) {
    super(HandoffDialog.id, deps);
    this.addDialog(buttonPrompt(HandoffDialog.consentPromptId))
      .addDialog(new TextPrompt(HandoffDialog.namePromptId, async (prompt) => normaliseName(prompt.recognized.value ?? '') !== undefined))
      .addDialog(buttonPrompt(HandoffDialog.wayPromptId))
      .addDialog(new TextPrompt(HandoffDialog.phonePromptId, triesOut(normalisePhone)))
      .addDialog(new TextPrompt(HandoffDialog.emailPromptId, triesOut(normaliseEmail)))
      .addDialog(new TextPrompt(HandoffDialog.timePromptId, async (prompt) => (prompt.recognized.value ?? '').trim().length > 0))
      .addDialog(new TextPrompt(HandoffDialog.summaryPromptId))
      .addDialog(buttonPrompt(HandoffDialog.confirmPromptId))
      .addDialog(
        new WaterfallDialog(HandoffDialog.flowId, [
          this.askConsent.bind(this),
          this.askName.bind(this),
          this.askWay.bind(this),
          this.askAddress.bind(this),
          this.askTime.bind(this),
          this.askSummary.bind(this),
          this.confirm.bind(this),
          this.register.bind(this),
        ]),
      );
    this.initialDialogId = HandoffDialog.flowId;
  }

  private async askConsent(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    (step.values as Collected).attempt = this.deps.newId();
    const speech = await this.speech(step);
    return askYesNo(step, HandoffDialog.consentPromptId, this.deps, speech, sayKey(this.deps.catalog, 'consent', speech, { instance: this.instanceName(step, speech) }), 'consent', {
      yes: 'consentAccept',
      no: 'consentDecline',
    });
  }

  private async askName(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    if (!saidYes(step.result)) {
      await this.tell(step, sayKey(this.deps.catalog, 'consentDeclined', speech));
      return step.endDialog();
    }
    (step.values as Collected).consentedAt = this.deps.clock().toISOString();
    return step.prompt(HandoffDialog.namePromptId, {
      prompt: question(sayKey(this.deps.catalog, 'askName', speech), 'name'),
      retryPrompt: question(sayKey(this.deps.catalog, 'invalidName', speech), 'name'),
    });
  }

  private async askWay(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    (step.values as Collected).name = normaliseName(String(step.result));
    const options: Option[] = [
      { id: 'phone', title: titleOf(this.deps.catalog.texts.byPhone, speech) },
      { id: 'email', title: titleOf(this.deps.catalog.texts.byEmail, speech) },
    ];
    return step.prompt(HandoffDialog.wayPromptId, {
      prompt: question(sayKey(this.deps.catalog, 'askContactWay', speech), 'choice', options),
      retryPrompt: question(sayKey(this.deps.catalog, 'askContactWay', speech), 'choice', options),
      choices: [
        { value: 'phone', synonyms: [options[0]!.title, ...wordsFor(this.deps.catalog.answerWords.phone)] },
        { value: 'email', synonyms: [options[1]!.title, ...wordsFor(this.deps.catalog.answerWords.email)] },
      ],
    });
  }

  private async askAddress(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    const way = (step.result as FoundChoice).value as 'phone' | 'email';
    (step.values as Collected).way = way;
    const expecting = way === 'phone' ? 'phone' : 'email';
    return step.prompt(way === 'phone' ? HandoffDialog.phonePromptId : HandoffDialog.emailPromptId, {
      prompt: question(sayKey(this.deps.catalog, way === 'phone' ? 'askPhone' : 'askEmail', speech), expecting),
      retryPrompt: question(sayKey(this.deps.catalog, way === 'phone' ? 'invalidPhone' : 'invalidEmail', speech), expecting),
    });
  }

  private async askTime(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    const collected = step.values as Collected;
    const address = collected.way === 'phone' ? normalisePhone(String(step.result)) : normaliseEmail(String(step.result));
    if (!address) {
      await this.tell(step, sayKey(this.deps.catalog, 'tooManyTries', speech));
      return step.endDialog();
    }
    if (collected.way === 'phone') collected.phone = address;
    else collected.email = address;
    const options = TIME_OPTIONS.map((key) => ({ id: key, title: titleOf(this.deps.catalog.texts[key], speech) }));
    return step.prompt(HandoffDialog.timePromptId, { prompt: question(sayKey(this.deps.catalog, 'askTime', speech), 'contactTime', options) });
  }

  private async askSummary(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    const said = String(step.result).trim();
    const option = TIME_OPTIONS.find((key) => key === said);
    // A button is stored in the catalog's words (Swedish, as staff read it); free text as written.
    (step.values as Collected).time = option ? this.deps.catalog.texts[option].sv : said.slice(0, 100);
    const options = [{ id: 'skip', title: titleOf(this.deps.catalog.texts.skip, speech) }];
    return step.prompt(HandoffDialog.summaryPromptId, { prompt: question(sayKey(this.deps.catalog, 'askSummary', speech), 'freeText', options) });
  }

  private async confirm(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    const collected = step.values as Collected;
    const said = String(step.result).trim();
    const skipped = said === 'skip' || said.toLowerCase() === titleOf(this.deps.catalog.texts.skip, speech).toLowerCase();
    if (!skipped && said) {
      const { text, removed } = stripPersonalIdentityNumbers(said.slice(0, MAX_SUMMARY), '[…]');
      collected.summary = text;
      if (removed) await this.tell(step, sayKey(this.deps.catalog, 'summaryStripped', speech));
    }
    const label = (key: 'labelName' | 'labelContact' | 'labelTime' | 'labelSummary' | 'labelInstance') => titleOf(this.deps.catalog.texts[key], speech);
    const details = [
      `${label('labelName')}: ${collected.name}`,
      `${label('labelContact')}: ${collected.phone ?? collected.email}`,
      `${label('labelTime')}: ${collected.time}`,
      ...(collected.summary ? [`${label('labelSummary')}: ${collected.summary}`] : []),
      `${label('labelInstance')}: ${this.instanceName(step, speech)}`,
    ].join('\n');
    return askYesNo(step, HandoffDialog.confirmPromptId, this.deps, speech, sayKey(this.deps.catalog, 'confirm', speech, { details }), 'confirm', { yes: 'confirmYes', no: 'confirmNo' });
  }

  private async register(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const speech = await this.speech(step);
    if (!saidYes(step.result)) {
      await this.tell(step, sayKey(this.deps.catalog, 'cancelled', speech));
      return step.endDialog();
    }
    const collected = step.values as Collected;
    const { activity } = step.context;
    const instance = this.instance(step);
    const now = this.deps.clock();
    let handoff: RegisteredHandoff;
    try {
      handoff = await this.deps.handoffs.register({
        routeId: step.options.routeId,
        instanceId: instance.id,
        channel: activity.channelId,
        language: languageOf(speech),
        conversationId: activity.conversation.id,
        idempotencyKey: `${activity.channelId}:${activity.conversation.id}:${collected.attempt}`,
        need: step.options.need,
        contact: { name: collected.name!, phone: collected.phone, email: collected.email, preferredTime: collected.time },
        summary: collected.summary,
        consentVersion: this.deps.catalog.privacy.consentVersion,
        consentedAt: new Date(collected.consentedAt ?? now.toISOString()),
        ...deadlinesFor(this.deps.catalog, instance.id, now),
      });
    } catch (error) {
      this.deps.reportError(error, step.context);
      await this.tell(step, sayKey(this.deps.catalog, 'registrationFailed', speech));
      return step.endDialog();
    }
    const due = officeTime(this.deps.catalog, languageOf(speech) === 'sv' ? 'sv-SE' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(handoff.slaDueAt);
    await step.context.sendActivity({
      type: ActivityTypes.Message,
      text: sayKey(this.deps.catalog, 'registered', speech, { name: collected.name!, reference: handoff.reference, instance: this.instanceName(step, speech), due, days: instance.slaWorkingDays }),
      channelData: { lotsen: { handoff: { id: handoff.id, reference: handoff.reference } } },
    });
    return step.endDialog(handoff);
  }

  private instance(step: WaterfallStepContext<HandoffOptions>) {
    return instanceOfRoute(this.deps.catalog, step.options.routeId);
  }

  private instanceName(step: WaterfallStepContext<HandoffOptions>, speech: Speech): string {
    return titleOf(this.instance(step).name, speech);
  }

  private async speech(step: WaterfallStepContext): Promise<Speech> {
    return (await this.deps.profile.get(step.context, newProfile())).speech;
  }

  private async tell(step: WaterfallStepContext, text: string): Promise<void> {
    await step.context.sendActivity({ type: ActivityTypes.Message, text });
  }
}

/** Accepts a valid answer, or any answer after the last try so the dialog can offer a way out. */
function triesOut(normalise: (input: string) => string | undefined) {
  return async (prompt: PromptValidatorContext<string>): Promise<boolean> => normalise(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= MAX_TRIES;
}
