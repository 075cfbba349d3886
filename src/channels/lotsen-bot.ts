import {
  ActivityHandler,
  type InvokeResponse,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { errorBody } from '../domain/errors.js';
import type { TeamsStaffHandler } from './teams/teams-staff.js';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';

export const DIALOG_STATE_PROPERTY = 'dialogState';

/**
 * Where botbuilder looks for the dialog memory's configuration in a turn (its private
 * DIALOG_STATE_MANAGER_CONFIGURATION). Without it, the first dialog context of every turn builds
 * the configuration again: every memory scope and path resolver, about 4 % of a turn.
 */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';
export const PROFILE_PROPERTY = 'profile';

/**
 * The bot every channel reaches: it runs the root dialog on each message and saves state after
 * every turn, so the conversation continues on any instance and after a restart.
 */
export class LotsenBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  /** Built by the first turn and given to every later one, as botbuilder's DialogManager does with its `stateConfiguration`. */
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly rootDialog: Dialog,
    /** Staff in Teams; Teams messages go to it instead of the resident conversation. */
    private readonly staff?: TeamsStaffHandler,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.dialogs = new DialogSet(this.dialogState).add(rootDialog);

    this.onMessage(async (context, next) => {
      if (this.staff && context.activity.channelId === 'msteams' && (await this.staff.onMessage(context))) return next();
      await this.runRootDialog(context);
      await next();
    });

    // Web Chat and the Emulator announce a new conversation: greet before the person types.
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.runRootDialog(context);
      await next();
    });
  }

  /** Card actions are the only invokes Lotsen serves; any other is refused in the API's error shape. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return super.onInvokeActivity(context);
    return { status: 400, body: errorBody('UNSUPPORTED_INVOKE', 'Lotsen does not handle this invoke') };
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (!this.staff) return super.onAdaptiveCardInvoke(context, invokeValue);
    return this.staff.onCardAction(context, invokeValue);
  }

  /**
   * Continues the conversation's dialog, or starts the root dialog. (botbuilder's runDialog does
   * the same plus skill handling Lotsen does not use, and a state-snapshot trace every turn.)
   */
  private async runRootDialog(context: TurnContext): Promise<void> {
    if (this.stateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.stateConfiguration);
    const dialogContext = await this.dialogs.createContext(context);
    this.stateConfiguration ??= dialogContext.state.configuration;
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.rootDialog.id);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
