import { ActivityTypes } from 'botbuilder-core';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { commandOf } from '../src/domain/catalog/commands.js';
import type { Command } from '../src/domain/catalog/schema.js';
import { newProfile, sayKey, type DialogDeps } from './dialog-deps.js';
import { emergencyAnswer } from './emergency-answer.js';

/**
 * The base of Lotsen's dialogs: whatever a dialog waits for, an emergency is answered at once
 * and everything under way is cancelled (nothing is queued); "help" and a language switch are
 * answered and the question asked again; "cancel" drops what is under way. The root dialog
 * adds the commands that need it (start over, talk to a person, delete my data).
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly deps: DialogDeps) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = innerDc.context;
    if (activity.type !== ActivityTypes.Message || !activity.text) return super.onContinueDialog(innerDc);
    const profile = await this.deps.profile.get(innerDc.context, newProfile());
    const send = (text: string) => innerDc.context.sendActivity({ type: ActivityTypes.Message, text });

    if (this.deps.router.emergencyOf(activity.text).emergency) {
      await innerDc.context.sendActivity(emergencyAnswer(this.deps.catalog, profile.speech));
      await innerDc.cancelAllDialogs(true);
      return { status: DialogTurnStatus.cancelled };
    }
    const command = commandOf(this.deps.catalog, activity.text);
    switch (command) {
      case undefined:
        return super.onContinueDialog(innerDc);
      case 'help':
        await send(sayKey(this.deps.catalog, 'help', profile.speech));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'swedish':
      case 'english':
        profile.speech = command === 'swedish' ? 'sv' : 'en';
        await send(sayKey(this.deps.catalog, 'languageSwitched', profile.speech));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'cancel':
        await send(sayKey(this.deps.catalog, 'cancelled', profile.speech));
        await innerDc.cancelAllDialogs(true);
        return { status: DialogTurnStatus.cancelled };
      default:
        return (await this.onRootCommand(innerDc, command)) ?? super.onContinueDialog(innerDc);
    }
  }

  /** The root dialog handles start over, talk to a person and delete my data; others pass them up. */
  protected async onRootCommand(_innerDc: DialogContext, _command: Command): Promise<DialogTurnResult | undefined> {
    return undefined;
  }
}
