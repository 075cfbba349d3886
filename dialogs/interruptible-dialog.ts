import { ActivityTypes } from 'botbuilder-core';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { triage } from '../src/domain/routing/triage.js';
import { newProfile, type DialogDeps } from './dialog-deps.js';
import { emergencyAnswer } from './emergency-answer.js';

/**
 * The base of Lotsen's dialogs: whatever a dialog is waiting for, a message describing acute
 * danger is answered with the emergency numbers at once, and everything under way is
 * cancelled, so nothing is queued for later.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly deps: DialogDeps) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = innerDc.context;
    if (activity.type === ActivityTypes.Message && activity.text && triage(activity.text).emergency) {
      const profile = await this.deps.profile.get(innerDc.context, newProfile());
      await innerDc.context.sendActivity(emergencyAnswer(this.deps.catalog, profile.speech));
      await innerDc.cancelAllDialogs(true);
      return { status: DialogTurnStatus.cancelled };
    }
    return super.onContinueDialog(innerDc);
  }
}
