import { type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt, QuestionPrompt } from './stored-questions.js';
import type { VolunteerSettings } from '../src/domain/catalog/volunteer-settings.js';
import type { ReachBy } from '../src/domain/volunteers/volunteer.js';
import { ContactDialog, type Contact, type ContactOptions } from './contact-dialog.js';
import type { DialogDeps, Voice } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { MultiChoiceDialog, type MultiChoiceOptions } from './multi-choice-dialog.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';
import { saidYes } from './yes-no.js';

/** What the dialog collects across turns, until the person consents and it is saved. */
interface Registering {
  skills?: string[];
  areas?: string[];
  times?: string[];
  name?: string;
  reachBy?: ReachBy;
  phone?: string;
  email?: string;
}

/**
 * Joining the volunteer register by chat: what the person can do, where and when (buttons, as
 * many as fit), their name, how a call-out reaches them (the messaging app they write in, an
 * SMS or an e-mail), then consent to what is kept and for how long. Nothing is saved before the
 * consent; saving again replaces the entry (this is also how an entry is changed).
 */
export class VolunteerRegistrationDialog extends InterruptibleDialog {
  static readonly id = 'volunteerRegistrationDialog';
  private static readonly flowId = 'volunteerRegistrationFlow';
  private static readonly namePromptId = 'volunteerName';
  private static readonly reachPromptId = 'volunteerReach';
  private static readonly consentPromptId = 'volunteerConsent';

  constructor(deps: DialogDeps) {
    super(VolunteerRegistrationDialog.id, deps);
    this.addDialog(new MultiChoiceDialog(deps))
      .addDialog(new ContactDialog(deps))
      .addDialog(new QuestionPrompt(VolunteerRegistrationDialog.namePromptId, async (prompt) => this.nameFrom(prompt.recognized.value ?? '') !== undefined))
      .addDialog(new ButtonPrompt(VolunteerRegistrationDialog.reachPromptId, deps.catalog))
      .addDialog(new ButtonPrompt(VolunteerRegistrationDialog.consentPromptId, deps.catalog))
      .addDialog(
        new RepeatableWaterfall(VolunteerRegistrationDialog.flowId, [
          this.askSkills.bind(this),
          this.askAreas.bind(this),
          this.askTimes.bind(this),
          this.askName.bind(this),
          this.askReach.bind(this),
          this.askAddress.bind(this),
          this.askConsent.bind(this),
          this.save.bind(this),
        ]),
      );
    this.initialDialogId = VolunteerRegistrationDialog.flowId;
  }

  private get settings(): VolunteerSettings {
    return this.deps.catalog.volunteers!;
  }

  private async askSkills(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(MultiChoiceDialog.id, { question: this.settings.texts.askSkills, choices: this.settings.skills } satisfies MultiChoiceOptions);
  }

  private async askAreas(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Registering).skills = step.result as string[];
    const areas = this.settings.areas.map((area) => ({ id: area.id, label: area.name }));
    return step.beginDialog(MultiChoiceDialog.id, {
      question: this.settings.texts.askAreas,
      choices: areas,
      all: this.settings.texts.everywhere,
    } satisfies MultiChoiceOptions);
  }

  private async askTimes(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Registering).areas = step.result as string[];
    return step.beginDialog(MultiChoiceDialog.id, { question: this.settings.texts.askTimes, choices: this.settings.times } satisfies MultiChoiceOptions);
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Registering).times = step.result as string[];
    const voice = await this.voice(step.context);
    return this.ask(step, VolunteerRegistrationDialog.namePromptId, { text: voice.text('askName'), expecting: 'name', retry: voice.text('invalidName') });
  }

  /** The messaging app they write in, when a call-out can reach them there; else SMS or e-mail. */
  private async askReach(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Registering).name = this.nameFrom(String(step.result));
    const voice = await this.voice(step.context);
    const { texts } = this.settings;
    const inApp = this.deps.volunteers?.appChannels.includes(step.context.activity.channelId) ?? false;
    const options = [
      ...(inApp ? [{ id: 'app', title: voice.title(texts.reachApp) }] : []),
      { id: 'sms', title: voice.title(texts.reachSms) },
      { id: 'email', title: voice.title(texts.reachEmail) },
    ];
    return this.ask(step, VolunteerRegistrationDialog.reachPromptId, { text: voice.say(texts.askReach), expecting: 'choice', options });
  }

  private async askAddress(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reachBy = (step.result as FoundChoice).value as ReachBy;
    (step.values as Registering).reachBy = reachBy;
    if (reachBy === 'app') return step.next();
    return step.beginDialog(ContactDialog.id, { way: reachBy === 'sms' ? 'phone' : 'email' } satisfies ContactOptions);
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const registering = step.values as Registering;
    const voice = await this.voice(step.context);
    if (registering.reachBy !== 'app') {
      const contact = step.result as Contact | undefined;
      // Neither a number nor an address could be read: the contact dialog has said what to do instead.
      if (!contact) return step.endDialog();
      // Offered the other way when the first did not work out: an SMS to the phone, or an e-mail.
      registering.reachBy = contact.way === 'phone' ? 'sms' : 'email';
      if (contact.way === 'phone') registering.phone = contact.address;
      else registering.email = contact.address;
    }
    const consent = voice.filled(this.settings.texts.consent, { perWeek: this.settings.maxCallOutsPerWeek, months: this.settings.retentionMonths });
    return this.askYesNo(step, VolunteerRegistrationDialog.consentPromptId, voice, consent, 'consent', { yes: 'consentAccept', no: 'consentDecline' });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    if (!saidYes(step.result)) {
      await this.tell(step.context, voice.say(this.settings.texts.notRegistered));
      return step.endDialog();
    }
    const registering = step.values as Required<Pick<Registering, 'skills' | 'areas' | 'times' | 'name' | 'reachBy'>> & Registering;
    const { activity } = step.context;
    try {
      await this.deps.volunteers!.register.register(
        {
          conversationId: activity.conversation.id,
          channel: activity.channelId,
          language: voice.language,
          name: registering.name,
          skills: registering.skills,
          areas: registering.areas,
          times: registering.times,
          reachBy: registering.reachBy,
          ...(registering.phone ? { phone: registering.phone } : {}),
          ...(registering.email ? { email: registering.email } : {}),
          consentVersion: this.settings.consentVersion,
        },
        this.deps.clock(),
      );
    } catch (error) {
      // Nothing was promised yet: say so, and how to reach the municipality instead.
      this.deps.reportError(error, step.context);
      await this.tell(step.context, voice.text('registrationFailed'));
      return step.endDialog();
    }
    await this.tell(step.context, voice.filled(this.settings.texts.registered, { name: registering.name }));
    return step.endDialog();
  }
}

/** How a volunteer's entry reads to them: what they can do, where, when, how they are reached, and whether they are paused. */
export function describeEntry(
  voice: Voice,
  settings: VolunteerSettings,
  entry: { skills: readonly string[]; areas: readonly string[]; times: readonly string[]; reachBy: ReachBy; status: 'active' | 'paused' },
): string {
  const { texts } = settings;
  const labels = <T extends { id: string }>(list: readonly T[], ids: readonly string[], label: (item: T) => string) =>
    list
      .filter((item) => ids.includes(item.id))
      .map(label)
      .join(', ');
  const reach = { app: texts.reachApp, sms: texts.reachSms, email: texts.reachEmail }[entry.reachBy];
  return voice.filled(texts.summary, {
    skills: labels(settings.skills, entry.skills, (skill) => voice.title(skill.label)),
    areas: labels(settings.areas, entry.areas, (area) => area.name),
    times: labels(settings.times, entry.times, (time) => voice.title(time.label)),
    reach: voice.title(reach),
    status: voice.title(entry.status === 'active' ? texts.statusActive : texts.statusPaused),
  });
}
