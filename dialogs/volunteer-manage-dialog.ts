import { type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt } from './stored-questions.js';
import type { VolunteerCommand, VolunteerSettings } from '../src/domain/catalog/volunteer-settings.js';
import type { DialogDeps, Voice } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';
import { describeEntry, VolunteerRegistrationDialog } from './volunteer-registration-dialog.js';

export interface VolunteerManageOptions {
  readonly action: VolunteerCommand;
}

/** What a volunteer can do with their entry from the summary's buttons. */
type Choice = 'change' | 'pause' | 'resume' | 'leave' | 'nothing' | 'yes' | 'no';

/**
 * A volunteer's own entry, by chat at any time: see it (with buttons to change, pause or resume,
 * or leave), pause, resume, or leave ("avregistrera mig": the entry is deleted at once). Someone
 * not in the register is offered to join.
 */
export class VolunteerManageDialog extends InterruptibleDialog {
  static readonly id = 'volunteerManageDialog';
  private static readonly flowId = 'volunteerManageFlow';
  private static readonly choicePromptId = 'volunteerManageChoice';

  constructor(deps: DialogDeps) {
    super(VolunteerManageDialog.id, deps);
    this.addDialog(new ButtonPrompt(VolunteerManageDialog.choicePromptId, deps.catalog))
      .addDialog(new VolunteerRegistrationDialog(deps))
      .addDialog(new RepeatableWaterfall(VolunteerManageDialog.flowId, [this.act.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = VolunteerManageDialog.flowId;
  }

  private get settings(): VolunteerSettings {
    return this.deps.catalog.volunteers!;
  }

  private async act(step: WaterfallStepContext<VolunteerManageOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const entry = await this.deps.volunteers!.register.findByConversation(step.context.activity.conversation.id);
    const { texts } = this.settings;
    if (!entry) return this.askYesNo(step, VolunteerManageDialog.choicePromptId, voice, voice.say(texts.notInRegister), 'confirm');
    if (step.options.action !== 'show') return this.perform(step, step.options.action, voice);
    await this.tell(step.context, describeEntry(voice, this.settings, entry));
    const options = (['change', entry.status === 'active' ? 'pause' : 'resume', 'leave', 'nothing'] as const).map((id) => ({
      id,
      title: voice.title(texts[id]),
    }));
    return this.ask(step, VolunteerManageDialog.choicePromptId, { text: voice.say(texts.whatNow), expecting: 'choice', options });
  }

  private async chosen(step: WaterfallStepContext<VolunteerManageOptions>): Promise<DialogTurnResult> {
    const choice = (step.result as FoundChoice).value as Choice;
    if (choice === 'yes' || choice === 'change') return step.replaceDialog(VolunteerRegistrationDialog.id);
    if (choice === 'no' || choice === 'nothing') return step.endDialog();
    return this.perform(step, choice, await this.voice(step.context));
  }

  private async perform(step: WaterfallStepContext, action: 'pause' | 'resume' | 'leave', voice: Voice): Promise<DialogTurnResult> {
    const { register } = this.deps.volunteers!;
    const conversationId = step.context.activity.conversation.id;
    const { texts } = this.settings;
    if (action === 'leave') await register.forget(conversationId);
    else await register.setPaused(conversationId, action === 'pause', this.deps.clock());
    await this.tell(step.context, voice.say({ pause: texts.paused, resume: texts.resumed, leave: texts.left }[action]));
    return step.endDialog();
  }
}
