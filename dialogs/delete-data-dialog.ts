import { type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt } from './stored-questions.js';
import type { DialogDeps } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { saidYes } from './yes-no.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

/**
 * "Delete my data": after a confirmation, erases the contact details and free text of this
 * conversation's handoffs (the anonymous rows stay for statistics), its entry in the volunteer
 * register, and the conversation's state.
 */
export class DeleteDataDialog extends InterruptibleDialog {
  static readonly id = 'deleteDataDialog';
  private static readonly flowId = 'deleteDataFlow';
  private static readonly confirmPromptId = 'deleteDataConfirm';

  constructor(deps: DialogDeps) {
    super(DeleteDataDialog.id, deps);
    this.addDialog(new ButtonPrompt(DeleteDataDialog.confirmPromptId, deps.catalog)).addDialog(
      new RepeatableWaterfall(DeleteDataDialog.flowId, [this.confirm.bind(this), this.erase.bind(this)]),
    );
    this.initialDialogId = DeleteDataDialog.flowId;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    return this.askYesNo(step, DeleteDataDialog.confirmPromptId, voice, voice.text('deleteConfirm'), 'confirm', { yes: 'deleteYes', no: 'no' });
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    if (!saidYes(step.result)) {
      await this.tell(step.context, voice.text('notDeleted'));
      return step.endDialog();
    }
    const { activity } = step.context;
    let erased: readonly string[];
    try {
      erased = await this.deps.handoffs.eraseConversation(activity.conversation.id, `${activity.channelId}:person`);
      // Their entry in the volunteer register, too, if they have one.
      await this.deps.volunteers?.register.forget(activity.conversation.id);
    } catch (error) {
      this.deps.reportError(error, step.context);
      await this.tell(step.context, voice.text('deleteFailed'));
      return step.endDialog();
    }
    await this.forgetConversation(step.context);
    // Say exactly what went: the cases by their references, or that there were none (and how to erase one from another conversation).
    await this.tell(step.context, erased.length > 0 ? voice.text('deleted', { references: erased.join(', ') }) : voice.text('deletedNoCases'));
    return step.endDialog();
  }
}
