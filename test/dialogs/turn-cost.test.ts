import { randomUUID } from 'node:crypto';
import { ConversationState, MemoryStorage, TestAdapter, type ConversationReference } from 'botbuilder';
import { ChoicePrompt, Prompt, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../dialogs/dialog-deps';
import { MainDialog } from '../../dialogs/main-dialog';
import { wordsChoosing } from '../../dialogs/stored-questions';
import { TopicDialog } from '../../dialogs/topic-dialog';
import { LotsenBot } from '../../src/channels/lotsen-bot';
import type { Router } from '../../src/domain/routing/router';
import { catalog, dialogDeps, newConversation, noHandoffs, router, turn } from '../support/dialog-client';
import { sayKey } from '../support/texts';

/** The real router, counting the messages it reads (a route, an emergency check or a look for concepts is a whole reading). */
function countingRouter(): { router: Router; reads: string[] } {
  const reads: string[] = [];
  const counting = new Proxy(router, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name !== 'route' && name !== 'emergencyOf' && name !== 'conceptsOf')
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return (text: string) => {
        reads.push(text);
        return (value as (text: string) => unknown).call(target, text);
      };
    },
  });
  return { router: counting, reads };
}

/** Lotsen's root dialog on a memory store the test can look into. */
const conversationOn = (memory: Record<string, string>, overrides: Partial<DialogDeps> = {}) => newConversation(noHandoffs, overrides, memory);

describe('what a turn costs Lotsen', () => {
  // The tests spy on botbuilder's and Lotsen's dialogs to count what a turn does.
  afterEach(() => jest.restoreAllMocks());

  it('when a first message asks a question, then the router reads it once (emergency check, language and route share the reading); a button answer is not read at all', async () => {
    const { router: counting, reads } = countingRouter();
    const client = conversationOn({}, { router: counting });
    const answer = await turn(client, 'Hur söker jag föreningsbidrag?');
    expect(answer.map((reply) => reply.text).join(' ')).toMatch(/föreningsbidrag/i);
    expect(reads).toEqual(['Hur söker jag föreningsbidrag?']);

    const declined = await turn(client, 'no');
    expect(declined.map((reply) => reply.text)).toContain(sayKey(catalog, 'noHandoff', 'sv'));
    expect(reads).toHaveLength(1);
  });

  it('when a question written in words is answered with a yes/no word, then it is not read either, and an emergency written at the same prompt still is', async () => {
    const { router: counting, reads } = countingRouter();
    const client = conversationOn({}, { router: counting });
    await turn(client, 'Hur söker jag föreningsbidrag?');
    await turn(client, 'nej tack');
    expect(reads).toHaveLength(1);
    await turn(client, 'Hur söker jag föreningsbidrag?');
    const emergency = await turn(client, 'min pappa andas inte');
    expect(reads).toContain('min pappa andas inte');
    expect(emergency.map((reply) => reply.text).join(' ')).toMatch(/112/);
  });

  it('when a question is answered on the "anything else?" prompt, then it is read once there too: the answer\'s concepts come from the same reading', async () => {
    const { router: counting, reads } = countingRouter();
    const client = conversationOn({}, { router: counting });
    await turn(client, 'Hur söker jag föreningsbidrag?');
    await turn(client, 'nej');
    const answer = await turn(client, 'Vad gör anhörigkonsulenten?');
    expect(answer.map((reply) => reply.text).join(' ')).toMatch(/anhörig/i);
    expect(reads).toEqual(['Hur söker jag föreningsbidrag?', 'Vad gör anhörigkonsulenten?']);
  });

  it('when the router is sure of the route, then no topic dialog is begun to end at once; when it is unsure, one is, and asks', async () => {
    const begun = jest.spyOn(TopicDialog.prototype, 'beginDialog');
    const client = conversationOn({});
    const answer = await turn(client, 'Hur söker jag föreningsbidrag?');
    expect(answer.map((reply) => reply.text).join(' ')).toMatch(/föreningsbidrag/i);
    expect(begun).not.toHaveBeenCalled();

    const unsure = conversationOn({});
    const asked = await turn(unsure, 'Kan ni hjälpa oss?');
    expect(begun).toHaveBeenCalledTimes(1);
    expect(asked.at(-1)?.suggestedActions?.actions.length).toBeGreaterThan(1);
  });

  it('when a question is answered, then the steps with nothing to ask go on in one step context: two waterfall steps a question, not six or eight', async () => {
    // runStep builds a step context (a dialog context with its own memory) for every step it runs.
    const steps = jest.spyOn(WaterfallDialog.prototype as unknown as { runStep: () => unknown }, 'runStep');
    const client = conversationOn({});
    const first = await turn(client, 'Hur söker jag föreningsbidrag?');
    expect(first.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['yes', 'no']);
    const firstSteps = steps.mock.calls.length;
    await turn(client, 'nej');
    steps.mockClear();
    const later = await turn(client, 'Vad gör anhörigkonsulenten?');
    expect(later.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['yes', 'no']);
    expect(firstSteps).toBe(2);
    expect(steps.mock.calls.length).toBe(2);
  });

  it("when a button's word is the whole answer, then it is that button without botbuilder's choice recognisers; other words still go to them", async () => {
    const recognisers = jest.spyOn(ChoicePrompt.prototype as unknown as { onRecognize: () => unknown }, 'onRecognize');
    const client = conversationOn({});
    await turn(client, 'Hur söker jag föreningsbidrag?');
    const declined = await turn(client, 'Nej!');
    expect(declined.map((reply) => reply.text)).toContain(sayKey(catalog, 'noHandoff', 'sv'));
    expect(recognisers).not.toHaveBeenCalled();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    const inWords = await turn(client, 'nej det behövs inte');
    expect(inWords.map((reply) => reply.text)).toContain(sayKey(catalog, 'noHandoff', 'sv'));
    expect(recognisers).toHaveBeenCalled();
  });

  it('when turns follow each other, then the dialog memory configuration is built once and given to every turn', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    const bot = new LotsenBot(conversationState, new MainDialog(dialogDeps(conversationState)));
    const configurations: unknown[] = [];
    const adapter = new TestAdapter((context) => bot.run(context), {
      channelId: 'webchat',
      conversation: { id: `conversation-${randomUUID()}` },
    } as Partial<ConversationReference> as ConversationReference).use(async (context, next) => {
      await next();
      configurations.push(context.turnState.get('DialogStateManagerConfiguration'));
    });
    await adapter.send('Hur söker jag föreningsbidrag?').startTest();
    await adapter.send('nej').startTest();
    await adapter.send('Vad gör anhörigkonsulenten?').startTest();
    expect(configurations).toHaveLength(3);
    expect(configurations[0]).toBeDefined();
    expect(new Set(configurations).size).toBe(1);
  });

  it("when a yes/no question is open, then the conversation state keeps the question, not its activities and every language's yes and no words", async () => {
    const memory: Record<string, string> = {};
    const client = conversationOn(memory);
    await turn(client, 'Hur söker jag föreningsbidrag?');
    // MemoryStorage keeps each key's state as its JSON text.
    const stored = Object.values(memory).join('');
    expect(stored).toMatch(/"expecting":"confirm"/);
    expect(stored).not.toMatch(/suggestedActions|retryPrompt/);
    expect(stored).not.toContain('نعم'); // the Arabic yes, one of the catalog's answer words
    expect(stored.length).toBeLessThan(1_600);
    // The question is built again from what was kept: a reply that does not fit gets the retry, with its buttons.
    const retried = await turn(client, 'blablabla');
    expect(retried.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['yes', 'no']);
    expect(retried.at(-1)?.text).toMatch(new RegExp(`^${sayKey(catalog, 'notUnderstood', 'sv').slice(0, 20)}`));
  });

  it('when a question with buttons is asked, or asked again, then its activity is sent as built: botbuilder does not copy it through JSON to append choices it leaves out', async () => {
    const appended = jest.spyOn(Prompt.prototype as unknown as { appendChoices: () => unknown }, 'appendChoices');
    const client = conversationOn({});
    const offer = await turn(client, 'Hur söker jag föreningsbidrag?');
    expect(offer.at(-1)).toMatchObject({ inputHint: 'expectingInput', channelData: { lotsen: { expecting: 'confirm' } } });
    expect(offer.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['yes', 'no']);
    const retried = await turn(client, 'blablabla');
    expect(retried.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['yes', 'no']);
    expect(retried.at(-1)?.text).toMatch(new RegExp(`^${sayKey(catalog, 'notUnderstood', 'sv').slice(0, 20)}`));
    expect(appended).not.toHaveBeenCalled();
  });

  it("when a button's words are looked for on every answer, then the list of them (every language's yes or no) is built once", () => {
    const stored = { text: 'Vill du?', expecting: 'confirm' as const, options: [{ id: 'yes', title: 'Ja tack' }], synonyms: { yes: 'yes' as const } };
    const first = wordsChoosing(catalog, stored, stored.options[0]!);
    expect(first).toEqual(expect.arrayContaining(['Ja tack', 'ja', 'yes']));
    expect(wordsChoosing(catalog, { ...stored }, { ...stored.options[0]! })).toBe(first);
  });

  it("when Lotsen speaks, then the values every text may use (the contact centre's phone as a link, the privacy notice) are worked out once, not for each text", async () => {
    // The same catalog, whose contact centre counts how often its phone number is read.
    let phoneReads = 0;
    const counted = {
      ...catalog,
      instances: catalog.instances.map((instance) =>
        instance.id === catalog.contactCentre
          ? {
              ...instance,
              contact: {
                ...instance.contact,
                get phone() {
                  phoneReads += 1;
                  return instance.contact.phone;
                },
              },
            }
          : instance,
      ),
    };
    const client = conversationOn({}, { catalog: counted });
    const texts = [
      ...(await turn(client, 'Hur söker jag föreningsbidrag?')),
      ...(await turn(client, 'nej')),
      ...(await turn(client, 'Vad gör anhörigkonsulenten?')),
      ...(await turn(client, 'blablabla')),
    ];
    expect(texts.length).toBeGreaterThan(6);
    expect(phoneReads).toBe(1);
  });
});
