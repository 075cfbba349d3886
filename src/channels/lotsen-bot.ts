import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import type { TeamsStaffHandler } from './teams/teams-staff.js';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';

export const DIALOG_STATE_PROPERTY = 'dialogState';
export const PROFILE_PROPERTY = 'profile';

/**
 * The bot every channel reaches: it runs the root dialog on each message and saves state after
 * every turn, so the conversation continues on any instance and after a restart.
 */
export class LotsenBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly rootDialog: Dialog,
    /** Staff in Teams; Teams messages go to it instead of the resident conversation. */
    private readonly staff?: TeamsStaffHandler,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);

    this.onMessage(async (context, next) => {
      if (this.staff && context.activity.channelId === 'msteams' && (await this.staff.onMessage(context))) return next();
      await runDialog(this.rootDialog, context, this.dialogState);
      await next();
    });

    // Web Chat and the Emulator announce a new conversation: greet before the person types.
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await runDialog(this.rootDialog, context, this.dialogState);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (!this.staff) return super.onAdaptiveCardInvoke(context, invokeValue);
    return this.staff.onCardAction(context, invokeValue);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
