import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandOf, simplifiedPhrase, simplify, type CommandMatch } from '../src/domain/catalog/commands.js';
import { decideLanguage, savedSpeech, speechFor } from '../src/domain/catalog/languages.js';
import { questionsAsked } from '../src/domain/catalog/route-questions.js';
import { nameIn } from '../src/domain/handoff/contact.js';
import { EMERGENCY_ROUTE, routeOf, type Command, type LocalizedText, type TextKey } from '../src/domain/catalog/schema.js';
import type { VolunteerCommand } from '../src/domain/catalog/volunteer-settings.js';
import { guessLanguage } from '../src/domain/routing/language.js';
import { newProfile, Voice, wordsFor, type ConversationProfile, type DialogDeps } from './dialog-deps.js';
import { answeredCallOut } from './call-out-answer.js';
import { asking, optionPicked, storedQuestionOf, type StoredQuestion } from './stored-questions.js';
import { emergencyAnswer } from './emergency-answer.js';
import { readingOf } from './message-reading.js';
import { question, type Expecting } from './question.js';
import { askAnew } from './repeatable-waterfall.js';
import { answeredWith } from './yes-no.js';

/** Set on a turn once its message has been checked for an emergency or a command: the first dialog to see it checks, the rest do not. */
const CHECKED = Symbol('lotsen.interruptionsChecked');
/** The profile as this turn read it. */
const PROFILE = Symbol('lotsen.profile');
/** Set on a turn whose message was a command, so a dialog that begins with it does not read it as a question. */
const COMMAND = Symbol('lotsen.command');

/** Where a follow-up question may come: waiting for a choice, not for a name, an address or the person's own words. */
const FOLLOW_UP_AT = new Set(['topic', 'choice', 'confirm']);

/** Where a component dialog keeps its own dialog stack in its saved state (botbuilder's `PERSISTED_DIALOG_STATE`). */
const INNER_DIALOGS = 'dialogs';

/**
 * The question the innermost open prompt asked. Read from the saved dialog stack: `dc.child` would
 * build a dialog context (and its memory scopes) for every level, several times a turn.
 */
function openQuestion(innerDc: DialogContext): StoredQuestion | undefined {
  let instance = innerDc.activeDialog;
  // A stack's active dialog is its last entry (as `activeDialog` reads it).
  for (let inner = instance; inner; inner = (inner.state?.[INNER_DIALOGS] as DialogState | undefined)?.dialogStack.at(-1)) instance = inner;
  return storedQuestionOf(instance?.state?.options);
}

/** What the innermost open prompt waits for (its stored question's `expecting`, which the page reads from `channelData.lotsen`). */
const expectingNow = (innerDc: DialogContext): string | undefined => openQuestion(innerDc)?.expecting;

/** Where a change of topic is offered as a switch: waiting for a choice, not for the person's own details. */
const SWITCH_AT = new Set(['choice', 'confirm', 'consent']);
/** How sure the router must be that a message is about another route before a switch is offered. */
const SWITCH_CONFIDENCE = 0.6;

/** Whether a dialog is starting with this turn's message or continuing where it waited. */
type Moment = 'begin' | 'continue';

/**
 * The base of Lotsen's dialogs. Whatever a dialog waits for, and on the message a conversation
 * starts with: an emergency is answered at once and everything under way is cancelled (nothing
 * is queued); "help" and a language switch are answered and the question asked again; "cancel"
 * drops what is under way. The root dialog adds the commands that need it (start over, talk to
 * a person, delete my data). It also gives dialogs the person's profile and voice, and asking.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interruption(innerDc, 'begin')) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interruption(innerDc, 'continue')) ?? super.onContinueDialog(innerDc);
  }

  /** The root dialog handles start over, talk to a person and delete my data; others pass them up. */
  protected async onRootCommand(_innerDc: DialogContext, _command: Command): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  /** Called before a command is answered on a conversation's first message (the root dialog greets first). */
  protected async beforeFirstReply(_context: TurnContext): Promise<void> {}

  /** The command this turn's message was (already answered), if it was one rather than something to read as a question. */
  protected commandThisTurn(context: TurnContext): CommandMatch | undefined {
    return context.turnState.get(COMMAND) as CommandMatch | undefined;
  }

  /** The person's profile, saved with the conversation at the end of the turn; read once a turn, as most steps ask for it. */
  protected async profileOf(context: TurnContext): Promise<ConversationProfile> {
    let profile = context.turnState.get(PROFILE) as ConversationProfile | undefined;
    if (!profile) {
      profile = await this.deps.profile.get(context, newProfile());
      profile.speech = savedSpeech(this.deps.catalog, profile.speech);
      context.turnState.set(PROFILE, profile);
    }
    return profile;
  }

  /** Forgets everything the conversation keeps (after "delete my data"): what it saves after this starts anew. */
  protected async forgetConversation(context: TurnContext): Promise<void> {
    await this.deps.forgetConversation(context);
    context.turnState.delete(PROFILE);
  }

  /** How to speak to the person this turn. */
  protected async voice(context: TurnContext): Promise<Voice> {
    return new Voice(this.deps.catalog, (await this.profileOf(context)).speech);
  }

  /** The name in what the person wrote ("jag heter Anna Berg" is Anna Berg), if it reads as one. */
  protected nameFrom(said: string): string | undefined {
    const { nameIntro, nameEnding } = this.deps.catalog.answerWords;
    return nameIn(said, wordsFor(nameIntro), wordsFor(nameEnding));
  }

  /** Says something that asks for nothing. */
  protected async tell(context: TurnContext, text: string, channelData?: Activity['channelData']): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, text, ...(channelData ? { channelData } : {}) });
  }

  /** Asks with the prompt `promptId`: a choice prompt gets the options (and their synonyms) as its choices. */
  protected ask(step: WaterfallStepContext, promptId: string, ask: StoredQuestion): Promise<DialogTurnResult> {
    return step.prompt(promptId, asking(ask));
  }

  /** A yes/no question: the buttons `yes` and `no` (titles from the catalog), answered by the catalog's yes and no words too. */
  protected askYesNo(
    step: WaterfallStepContext,
    promptId: string,
    voice: Voice,
    text: string,
    expecting: Expecting = 'confirm',
    titles: { yes: TextKey; no: TextKey } = { yes: 'yes', no: 'no' },
  ): Promise<DialogTurnResult> {
    const { texts } = this.deps.catalog;
    const title = (key: TextKey): string => voice.title(texts[key] as LocalizedText);
    return this.ask(step, promptId, {
      text,
      expecting,
      options: [
        { id: 'yes', title: title(titles.yes) },
        { id: 'no', title: title(titles.no) },
      ],
      retry: `${voice.text('notUnderstood')}\n\n${text}`,
      synonyms: { yes: 'yes', no: 'no' },
    });
  }

  private async interruption(innerDc: DialogContext, moment: Moment): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || !activity.text || context.turnState.get(CHECKED)) return undefined;
    context.turnState.set(CHECKED, true);
    const { catalog } = this.deps;
    const profile = await this.profileOf(context);

    // A button of the open question (pressed, or its word written) answers it and cannot describe
    // danger: no reading needed, and it is neither a follow-up question nor a change of topic.
    const picked = this.picksAnOption(innerDc, activity.text);
    const reading = picked ? undefined : readingOf(context, this.deps.router, activity.text);
    if (reading?.route === EMERGENCY_ROUTE) {
      // A first message is answered in its own language; later ones in the conversation's.
      await context.sendActivity(emergencyAnswer(catalog, moment === 'begin' ? speechFor(catalog, reading.language) : profile.speech));
      if (moment === 'continue') await innerDc.cancelAllDialogs(true);
      return { status: DialogTurnStatus.cancelled };
    }
    if (profile.offeredSwitch) {
      const switched = await this.answerSwitch(innerDc, profile, profile.offeredSwitch);
      if (switched) return switched;
    }
    // A volunteer's yes or no to a call-out: its button anywhere; "ja" where nothing else waits for one.
    if (await answeredCallOut(this.deps, context, moment === 'begin' || expectingNow(innerDc) === 'topic')) {
      if (moment === 'begin') return { status: DialogTurnStatus.cancelled };
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const match = commandOf(catalog, activity.text);
    if (!match) return moment === 'continue' && !picked ? ((await this.followUp(innerDc, profile)) ?? this.offerSwitch(innerDc, profile)) : undefined;
    context.turnState.set(COMMAND, match);
    return this.obey(innerDc, match, profile, moment);
  }

  /**
   * A question about the route the conversation is about ("hur mycket kan vi få?"), asked where
   * Lotsen waits for a choice rather than for the person's own details: answered, then the
   * question that was open is asked again.
   */
  private async followUp(innerDc: DialogContext, profile: ConversationProfile): Promise<DialogTurnResult | undefined> {
    if (!FOLLOW_UP_AT.has(expectingNow(innerDc) ?? '')) return undefined;
    const asked = questionsAsked(routeOf(this.deps.catalog, profile.lastRoute ?? ''), innerDc.context.activity.text ?? '');
    if (asked.length === 0) return undefined;
    const voice = new Voice(this.deps.catalog, profile.speech);
    for (const question of asked) await this.tell(innerDc.context, voice.say(question.answer));
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /**
   * A clear change of topic mid-way ("förresten, jag vill hellre bli vänfamilj"), where Lotsen
   * waits for a choice: offered as a switch rather than answered with the same question again.
   */
  private async offerSwitch(innerDc: DialogContext, profile: ConversationProfile): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text ?? '';
    if (!SWITCH_AT.has(expectingNow(innerDc) ?? '') || !profile.lastRoute || text.trim().split(/\s+/).length < 3 || this.answersYesOrNo(text)) return undefined;
    const decision = readingOf(innerDc.context, this.deps.router, text);
    if (
      decision.needsClarification ||
      decision.confidence < SWITCH_CONFIDENCE ||
      decision.route === profile.lastRoute ||
      !routeOf(this.deps.catalog, decision.route)
    )
      return undefined;
    profile.offeredSwitch = decision.route;
    const voice = new Voice(this.deps.catalog, profile.speech);
    const { texts } = this.deps.catalog;
    const options = [
      { id: 'yes', title: voice.title(texts.switchTopicYes) },
      { id: 'no', title: voice.title(texts.switchTopicNo) },
    ];
    await innerDc.context.sendActivity(
      question(voice.text('offerSwitchTopic', { topic: voice.title(routeOf(this.deps.catalog, decision.route)!.label) }), 'confirm', options),
    );
    return { status: DialogTurnStatus.waiting };
  }

  /** The answer to an offered switch: yes starts the new topic (the root dialog does it), no goes on where it was; anything else is read as usual. */
  private async answerSwitch(innerDc: DialogContext, profile: ConversationProfile, routeId: string): Promise<DialogTurnResult | undefined> {
    delete profile.offeredSwitch;
    const said = (innerDc.context.activity.text ?? '').trim();
    const { answerWords, texts } = this.deps.catalog;
    const voice = new Voice(this.deps.catalog, profile.speech);
    const is = (id: string, title: string, words: readonly string[]) => answeredWith(said, id, [title, ...words]);
    if (is('yes', voice.title(texts.switchTopicYes), wordsFor(answerWords.yes))) return this.onSwitchTopic(innerDc, routeId);
    if (is('no', voice.title(texts.switchTopicNo), wordsFor(answerWords.no))) {
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  /** Whether the message is one of the open question's buttons: its id, its title, or the catalog's words for it. */
  private picksAnOption(innerDc: DialogContext, text: string): boolean {
    const open = openQuestion(innerDc);
    return open !== undefined && optionPicked(this.deps.catalog, open, text) >= 0;
  }

  /** Whether a message starts with a yes or a no ("ja, vi är en förening i Ekerö"): an answer, however many topic words follow. */
  private answersYesOrNo(text: string): boolean {
    const said = ` ${simplify(text)} `;
    const { yes, no } = this.deps.catalog.answerWords;
    return [...wordsFor(yes), ...wordsFor(no)].some((word) => said.startsWith(` ${simplifiedPhrase(word)} `));
  }

  /** Whether the message, where Lotsen waits for a topic, leaves the person's language in doubt (see `decideLanguage`). */
  private languageInDoubt(innerDc: DialogContext, profile: ConversationProfile): boolean {
    if (profile.languageChosen || profile.languageAsked || expectingNow(innerDc) !== 'topic') return false;
    return 'choices' in decideLanguage(this.deps.catalog, profile.speech, guessLanguage(innerDc.context.activity.text ?? ''));
  }

  /** The root dialog opens the volunteer's entry; others pass it up. */
  protected async onVolunteerCommand(_innerDc: DialogContext, _action: VolunteerCommand): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  /** The root dialog starts the new topic; others pass it up. */
  protected async onSwitchTopic(_innerDc: DialogContext, _routeId: string): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  private async obey(innerDc: DialogContext, match: CommandMatch, profile: ConversationProfile, moment: Moment): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const voice = () => new Voice(this.deps.catalog, profile.speech);
    // On the first message nothing is under way: a reply comes first, then the dialog begins as usual.
    const answerThen = async (text: string, askAgain = true): Promise<DialogTurnResult | undefined> => {
      if (moment === 'begin') await this.beforeFirstReply(context);
      await this.tell(context, text);
      if (moment === 'begin') return undefined;
      if (askAgain) await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    };
    switch (match.command) {
      case 'help':
        return answerThen(voice().text('help'));
      case 'switchLanguage': {
        profile.speech = [match.language];
        profile.languageChosen = true;
        if (moment === 'begin') return answerThen(voice().text('languageSwitched'));
        // The open question is asked anew in the new language: a reprompt would repeat the old words.
        await this.tell(context, voice().text('languageSwitched'));
        if (!(await askAnew(innerDc))) await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
      case 'smallTalk': {
        // The welcome answers a first "hej" well enough; later ones get their own answer. A
        // greeting whose language is unsure ("سلام" after the page's welcome) goes to the
        // question about the topic, which asks the language first.
        if (moment === 'begin' || this.languageInDoubt(innerDc, profile)) return undefined;
        const talk = this.deps.catalog.smallTalk[match.entry]!;
        return answerThen(voice().say(talk.answer), talk.askAgain);
      }
      case 'cancel':
        if (moment === 'begin') return undefined;
        await this.tell(context, voice().text('cancelled'));
        await innerDc.cancelAllDialogs(true);
        return { status: DialogTurnStatus.cancelled };
      case 'volunteer':
        return this.onVolunteerCommand(innerDc, match.action);
      default:
        return this.onRootCommand(innerDc, match.command);
    }
  }
}
