import {
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { instanceOfRoute } from '../src/domain/catalog/schema.js';
import { normaliseEmail, normaliseName, normalisePhone, stripPersonalIdentityNumbers } from '../src/domain/handoff/contact.js';
import type { RegisteredHandoff } from '../src/domain/handoff/handoff.js';
import { deadlinesFor, officeTime } from '../src/domain/handoff/deadlines.js';
import { wordsFor, type DialogDeps, type Voice } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question } from './question.js';
import { buttonPrompt, saidYes } from './yes-no.js';

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
    const voice = await this.voice(step.context);
    return this.askYesNo(step, HandoffDialog.consentPromptId, voice, voice.text('consent', { instance: this.instanceName(step, voice) }), 'consent', {
      yes: 'consentAccept',
      no: 'consentDecline',
    });
  }

  private async askName(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    if (!saidYes(step.result)) {
      await this.tell(step.context, voice.text('consentDeclined'));
      return step.endDialog();
    }
    (step.values as Collected).consentedAt = this.deps.clock().toISOString();
    return this.ask(step, HandoffDialog.namePromptId, { text: voice.text('askName'), expecting: 'name', retry: voice.text('invalidName') });
  }

  private async askWay(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    (step.values as Collected).name = normaliseName(String(step.result));
    const { texts, answerWords } = this.deps.catalog;
    return this.ask(step, HandoffDialog.wayPromptId, {
      text: voice.text('askContactWay'),
      expecting: 'choice',
      options: [
        { id: 'phone', title: voice.title(texts.byPhone) },
        { id: 'email', title: voice.title(texts.byEmail) },
      ],
      synonyms: { phone: wordsFor(answerWords.phone), email: wordsFor(answerWords.email) },
    });
  }

  private async askAddress(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const way = (step.result as FoundChoice).value as 'phone' | 'email';
    (step.values as Collected).way = way;
    return way === 'phone'
      ? this.ask(step, HandoffDialog.phonePromptId, { text: voice.text('askPhone'), expecting: 'phone', retry: voice.text('invalidPhone') })
      : this.ask(step, HandoffDialog.emailPromptId, { text: voice.text('askEmail'), expecting: 'email', retry: voice.text('invalidEmail') });
  }

  private async askTime(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const collected = step.values as Collected;
    const address = collected.way === 'phone' ? normalisePhone(String(step.result)) : normaliseEmail(String(step.result));
    if (!address) {
      await this.tell(step.context, voice.text('tooManyTries'));
      return step.endDialog();
    }
    if (collected.way === 'phone') collected.phone = address;
    else collected.email = address;
    const options = TIME_OPTIONS.map((key) => ({ id: key, title: voice.title(this.deps.catalog.texts[key]) }));
    // Free text is welcome too ("after five"), so the buttons are suggestions, not choices.
    return step.prompt(HandoffDialog.timePromptId, { prompt: question(voice.text('askTime'), 'contactTime', options) });
  }

  private async askSummary(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const said = String(step.result).trim();
    const option = TIME_OPTIONS.find((key) => key === said);
    // A button is stored in the catalog's words (Swedish, as staff read it); free text as written.
    (step.values as Collected).time = option ? this.deps.catalog.texts[option].sv : said.slice(0, 100);
    const options = [{ id: 'skip', title: voice.title(this.deps.catalog.texts.skip) }];
    return step.prompt(HandoffDialog.summaryPromptId, { prompt: question(voice.text('askSummary'), 'freeText', options) });
  }

  private async confirm(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const { texts } = this.deps.catalog;
    const collected = step.values as Collected;
    const said = String(step.result).trim();
    const skipped = said === 'skip' || said.toLowerCase() === voice.title(texts.skip).toLowerCase();
    if (!skipped && said) {
      const { text, removed } = stripPersonalIdentityNumbers(said.slice(0, MAX_SUMMARY), '[…]');
      collected.summary = text;
      if (removed) await this.tell(step.context, voice.text('summaryStripped'));
    }
    const details = [
      `${voice.title(texts.labelName)}: ${collected.name}`,
      `${voice.title(texts.labelContact)}: ${collected.phone ?? collected.email}`,
      `${voice.title(texts.labelTime)}: ${collected.time}`,
      ...(collected.summary ? [`${voice.title(texts.labelSummary)}: ${collected.summary}`] : []),
      `${voice.title(texts.labelInstance)}: ${this.instanceName(step, voice)}`,
    ].join('\n');
    return this.askYesNo(step, HandoffDialog.confirmPromptId, voice, voice.text('confirm', { details }), 'confirm', { yes: 'confirmYes', no: 'confirmNo' });
  }

  private async register(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    if (!saidYes(step.result)) {
      await this.tell(step.context, voice.text('cancelled'));
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
        language: voice.language,
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
      await this.tell(step.context, voice.text('registrationFailed'));
      return step.endDialog();
    }
    const due = officeTime(this.deps.catalog, voice.locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(handoff.slaDueAt);
    const registered = voice.text('registered', {
      name: collected.name!,
      reference: handoff.reference,
      instance: this.instanceName(step, voice),
      due,
      days: instance.slaWorkingDays,
    });
    await this.tell(step.context, registered, { lotsen: { handoff: { id: handoff.id, reference: handoff.reference } } });
    return step.endDialog(handoff);
  }

  private instance(step: WaterfallStepContext<HandoffOptions>) {
    return instanceOfRoute(this.deps.catalog, step.options.routeId);
  }

  private instanceName(step: WaterfallStepContext<HandoffOptions>, voice: Voice): string {
    return voice.title(this.instance(step).name);
  }
}

/** Accepts a valid answer, or any answer after the last try so the dialog can offer a way out. */
function triesOut(normalise: (input: string) => string | undefined) {
  return async (prompt: PromptValidatorContext<string>): Promise<boolean> =>
    normalise(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= MAX_TRIES;
}
