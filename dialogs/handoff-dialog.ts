import { type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { asking, ButtonPrompt, QuestionPrompt } from './stored-questions.js';
import { instanceOfRoute } from '../src/domain/catalog/schema.js';
import { stripPersonalIdentityNumbers } from '../src/domain/handoff/contact.js';
import type { RegisteredHandoff } from '../src/domain/handoff/handoff.js';
import { deadlinesFor, officeTime } from '../src/domain/handoff/deadlines.js';
import type { DialogDeps, Voice } from './dialog-deps.js';
import { ContactDialog, type Contact, type ContactOptions } from './contact-dialog.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { ReviewDialog, type Details, type Reviewed, type ReviewOptions } from './review-dialog.js';
import { saidYes } from './yes-no.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

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
  /** Asked in the languages that are not Swedish or English (nor a variant of them). */
  interpreter?: boolean;
  summary?: string;
}

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
  private static readonly timePromptId = 'handoffTime';
  private static readonly summaryPromptId = 'handoffSummary';
  private static readonly interpreterPromptId = 'handoffInterpreter';

  constructor(deps: DialogDeps) {
    super(HandoffDialog.id, deps);
    this.addDialog(new ButtonPrompt(HandoffDialog.consentPromptId, deps.catalog))
      .addDialog(new QuestionPrompt(HandoffDialog.namePromptId, async (prompt) => this.nameFrom(prompt.recognized.value ?? '') !== undefined))
      .addDialog(new ContactDialog(deps))
      .addDialog(new QuestionPrompt(HandoffDialog.timePromptId, async (prompt) => (prompt.recognized.value ?? '').trim().length > 0))
      .addDialog(new QuestionPrompt(HandoffDialog.summaryPromptId))
      .addDialog(new ButtonPrompt(HandoffDialog.interpreterPromptId, deps.catalog))
      .addDialog(new ReviewDialog(deps))
      .addDialog(
        new RepeatableWaterfall(HandoffDialog.flowId, [
          this.askConsent.bind(this),
          this.askName.bind(this),
          this.askContact.bind(this),
          this.askTime.bind(this),
          this.askInterpreter.bind(this),
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

  private async askContact(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    (step.values as Collected).name = this.nameFrom(String(step.result));
    return step.beginDialog(ContactDialog.id, {} satisfies ContactOptions);
  }

  private async askTime(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const collected = step.values as Collected;
    const contact = step.result as Contact | undefined;
    // Neither way could be read: the contact dialog has said how to reach the municipality instead.
    if (!contact) return step.endDialog();
    if (contact.way === 'phone') collected.phone = contact.address;
    else collected.email = contact.address;
    const options = TIME_OPTIONS.map((key) => ({ id: key, title: voice.title(this.deps.catalog.texts[key]) }));
    // Free text is welcome too ("after five"), so the buttons are suggestions, not choices.
    return step.prompt(HandoffDialog.timePromptId, asking({ text: voice.text('askTime'), expecting: 'contactTime', options }));
  }

  /** Someone who speaks neither Swedish nor English is asked whether the call needs an interpreter. */
  private async askInterpreter(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const said = String(step.result).trim();
    const option = TIME_OPTIONS.find((key) => key === said);
    // A button is stored in the catalog's words (Swedish, as staff read it); free text as written.
    (step.values as Collected).time = option ? this.deps.catalog.texts[option].sv : said.slice(0, 100);
    const { otherLanguages } = this.deps.catalog;
    if (otherLanguages.some((language) => voice.language === language || voice.language.startsWith(`${language}-`))) return step.next();
    return this.askYesNo(step, HandoffDialog.interpreterPromptId, voice, voice.text('askInterpreter'));
  }

  private async askSummary(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    if (step.result !== undefined) (step.values as Collected).interpreter = saidYes(step.result);
    const options = [{ id: 'skip', title: voice.title(this.deps.catalog.texts.skip) }];
    return step.prompt(HandoffDialog.summaryPromptId, asking({ text: voice.text('askSummary'), expecting: 'freeText', options }));
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
    const details: Details = {
      name: collected.name!,
      time: collected.time!,
      ...(collected.interpreter !== undefined ? { interpreter: collected.interpreter } : {}),
      ...(collected.phone ? { phone: collected.phone } : {}),
      ...(collected.email ? { email: collected.email } : {}),
      ...(collected.summary ? { summary: collected.summary } : {}),
    };
    return step.beginDialog(ReviewDialog.id, { details, instance: this.instanceName(step, voice) } satisfies ReviewOptions);
  }

  private async register(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const reviewed = step.result as Reviewed;
    if (!reviewed.confirmed) {
      await this.tell(step.context, voice.text('cancelled'));
      return step.endDialog();
    }
    // The details as confirmed, corrections included.
    const collected = { ...(step.values as Collected), ...reviewed.details };
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
        interpreter: collected.interpreter,
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

  /** The name out of the answer ("Jag heter Anna Berg" is Anna Berg). */
  private instance(step: WaterfallStepContext<HandoffOptions>) {
    return instanceOfRoute(this.deps.catalog, step.options.routeId);
  }

  private instanceName(step: WaterfallStepContext<HandoffOptions>, voice: Voice): string {
    return voice.title(this.instance(step).name);
  }
}
