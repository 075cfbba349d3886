import { ActivityTypes } from 'botbuilder-core';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { newProfile, sayKey, type DialogDeps } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { askYesNo, buttonPrompt, saidYes } from './yes-no.js';

/**
 * "Delete my data": after a confirmation, erases the contact details and free text of this
 * conversation's handoffs (the anonymous rows stay for statistics) and forgets the
 * conversation's state.
 */
export class DeleteDataDialog extends InterruptibleDialog {
  static readonly id = 'deleteDataDialog';
  private static readonly flowId = 'deleteDataFlow';
  private static readonly confirmPromptId = 'deleteDataConfirm';

  constructor(deps: DialogDeps) {
    super(DeleteDataDialog.id, deps);
    this.addDialog(buttonPrompt(DeleteDataDialog.confirmPromptId)).addDialog(new WaterfallDialog(DeleteDataDialog.flowId, [this.confirm.bind(this), this.erase.bind(this)]));
    this.initialDialogId = DeleteDataDialog.flowId;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    return askYesNo(step, DeleteDataDialog.confirmPromptId, this.deps, speech, sayKey(this.deps.catalog, 'deleteConfirm', speech), 'confirm', { yes: 'deleteYes', no: 'no' });
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    if (!saidYes(step.result)) {
      await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'notDeleted', speech) });
      return step.endDialog();
    }
    const { activity } = step.context;
    try {
      await this.deps.handoffs.eraseConversation(activity.conversation.id, `${activity.channelId}:person`);
    } catch (error) {
      this.deps.reportError(error, step.context);
      await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'deleteFailed', speech) });
      return step.endDialog();
    }
    await this.deps.forgetConversation(step.context);
    await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'deleted', speech) });
    return step.endDialog();
  }
}
