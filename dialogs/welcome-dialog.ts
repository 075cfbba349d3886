import { ActivityTypes } from 'botbuilder-core';
import {
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { textOf, type Catalog, type Language } from '../src/domain/catalog/schema.js';
import { question } from './question.js';

interface WelcomeOptions {
  /** Set once the greeting has been shown in this conversation. */
  readonly greeted?: boolean;
}

/**
 * The first conversation: greet once, offer the areas, answer the chosen one, offer again.
 * The dialog stack lives in ConversationState, so the next turn may reach any instance.
 */
export class WelcomeDialog extends ComponentDialog {
  static readonly id = 'welcomeDialog';
  private static readonly flowId = 'welcomeFlow';
  private static readonly areaPromptId = 'areaPrompt';

  constructor(private readonly catalog: Catalog, private readonly language: Language = 'sv') {
    super(WelcomeDialog.id);
    const areaPrompt = new ChoicePrompt(WelcomeDialog.areaPromptId);
    areaPrompt.style = ListStyle.none;
    this.addDialog(areaPrompt).addDialog(
      new WaterfallDialog(WelcomeDialog.flowId, [this.offerAreas.bind(this), this.answerArea.bind(this)]),
    );
    this.initialDialogId = WelcomeDialog.flowId;
  }

  private async offerAreas(step: WaterfallStepContext<WelcomeOptions>): Promise<DialogTurnResult> {
    const greeted = step.options?.greeted === true;
    if (!greeted) await step.context.sendActivity({ type: ActivityTypes.Message, text: this.text('welcome') });
    const options = this.catalog.areas.map((area) => ({ id: area.id, title: area.label[this.language] }));
    return step.prompt(WelcomeDialog.areaPromptId, {
      prompt: question(this.text(greeted ? 'anythingElse' : 'chooseArea'), 'topic', options),
      retryPrompt: question(this.text('notUnderstood'), 'topic', options),
      choices: this.choices(),
    });
  }

  private async answerArea(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const found = step.result as FoundChoice;
    const area = this.catalog.areas.find((candidate) => candidate.id === found.value);
    if (area) await step.context.sendActivity({ type: ActivityTypes.Message, text: area.intro[this.language] });
    return step.replaceDialog(WelcomeDialog.id, { greeted: true } satisfies WelcomeOptions);
  }

  /** Each area is recognised by its id (the button's value) and by its label in either language. */
  private choices(): Choice[] {
    return this.catalog.areas.map((area) => ({ value: area.id, synonyms: [area.label.sv, area.label.en] }));
  }

  private text(key: Parameters<typeof textOf>[1]): string {
    return textOf(this.catalog, key, this.language);
  }
}
