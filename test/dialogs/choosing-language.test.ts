import type { Activity } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';
import { buttons, catalog, expecting, line, newConversation, routeAnswer, texts, turn } from '../support/dialog-client';

const name = (language: string) => catalog.languages[language]!.name;
/** An opening message from a page or an app that says its language. */
async function turnWithLocale(client: DialogTestClient, text: string, locale: string): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  let reply = await client.sendActivity({ type: 'message', text, locale });
  while (reply) {
    replies.push(reply);
    reply = client.getNextReply();
  }
  return replies;
}

describe('choosing the language when the first message could be in more than one', () => {
  it('when a greeting is Arabic or Dari ("سلام"), then one question in those languages offers them with one tap, and the welcome follows in the one chosen', async () => {
    const client = newConversation();
    const [asked, ...rest] = await turn(client, 'سلام');
    expect(rest).toEqual([]);
    expect(asked?.text).toBe(line('chooseLanguage', ['ar', 'fa', 'sv', 'en']));
    expect(expecting(asked)).toBe('choice');
    expect(buttons(asked)).toEqual(['ar', 'fa', 'sv', 'en']);
    expect(asked?.suggestedActions?.actions.map((action) => action.title)).toEqual([name('ar'), name('fa'), name('sv'), name('en')]);
    const chosen = texts(await turn(client, 'fa'));
    expect(chosen).toEqual([line('welcome', 'fa'), line('chooseArea', 'fa')]);
  });

  it('when the web page has greeted first and the person greets back in Arabic or Dari, then the language is asked, and the open question asked anew in it', async () => {
    const client = newConversation();
    await client.sendActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: '' }] });
    while (client.getNextReply()) continue;
    const [asked, ...rest] = await turn(client, 'سلام');
    expect(rest).toEqual([]);
    expect(buttons(asked)).toEqual(['ar', 'fa', 'sv', 'en']);
    expect(texts(await turn(client, 'ar'))).toEqual([line('chooseArea', 'ar')]);
  });

  it('when a question is too short to be sure it is Somali, then it is asked which language, and the question is answered in the one chosen', async () => {
    const client = newConversation();
    const [asked] = await turn(client, 'Aabahay waa jiran');
    expect(buttons(asked)).toEqual(['so', 'sv', 'en']);
    expect(asked?.text).toContain(catalog.texts.chooseLanguage.so);
    const replies = texts(await turn(client, 'so'));
    expect(replies[0]).toBe(line('welcome', 'so'));
    // What comes next (an answer, or a question about what it is about) is Somali, not the Swedish a short message used to get.
    const somali = [catalog.texts.notUnderstood.so, catalog.texts.clarify.so, ...catalog.routes.map((route) => route.answer.so)];
    expect(somali).toContain(replies[1]);
  });

  it('when the person names the language in words instead of pressing a button, then that is the answer', async () => {
    const client = newConversation();
    await turn(client, 'Aabahay waa jiran');
    const replies = texts(await turn(client, 'Af Soomaali'));
    expect(replies).toContain(line('languageSwitched', 'so'));
    expect(replies).toContain(line('welcome', 'so'));
    expect(replies.some((text) => text === line('chooseLanguage', ['so', 'sv', 'en']))).toBe(false);
  });

  it('when the page or the app says the language and it is one of those in doubt, then nobody is asked', async () => {
    const client = newConversation();
    const replies = texts(await turnWithLocale(client, 'سلام', 'fa'));
    expect(replies).toEqual([line('welcome', 'fa'), line('chooseArea', 'fa')]);
  });

  it('when the language is plain (Arabic letters only Arabic uses, a long Somali message, Swedish), then nobody is asked', async () => {
    for (const [message, language] of [
      ['مرحبا، أمي مريضة بالخرف وأنا أعتني بها كل يوم', 'ar'],
      ['Hooyaday waxay qabtaa cudurka xusuus-lumis, anigaa habeen iyo maalin daryeela', 'so'],
      ['Hur söker vår förening verksamhetsstöd?', 'sv'],
    ] as const) {
      const replies = texts(await turn(newConversation(), message));
      expect(replies[0]).toBe(line('welcome', language));
      expect(replies).not.toContain(expect.stringContaining(catalog.texts.chooseLanguage.sv));
    }
  });

  it('a language chosen stays: a later question in another language is answered in the chosen one', async () => {
    const client = newConversation();
    await turn(client, 'سلام');
    await turn(client, 'en');
    const replies = texts(await turn(client, 'Jag tar hand om min mamma som har demens och behöver stöd'));
    expect(replies).toContain(routeAnswer('anhoriglanken', 'en'));
    expect(replies).not.toContain(routeAnswer('anhoriglanken', 'sv'));
  });
});

describe('easy Swedish for someone who writes simple Swedish', () => {
  const learner = 'Min mamma är sjuk. Jag hjälper henne varje dag. Jag är trött. Finns det hjälp för mig?';

  it('when the first message is short, simple sentences, then easy Swedish is offered before the facts, in easy Swedish', async () => {
    const replies = texts(await turn(newConversation(), learner));
    const offer = replies.indexOf(line('offerEasyRead', 'sv-lattlast'));
    expect(offer).toBeGreaterThan(0);
    expect(offer).toBeLessThan(replies.indexOf(routeAnswer('anhoriglanken')));
  });

  it('taking the offer gives the answer again in easy Swedish and asks the open question in it', async () => {
    const client = newConversation();
    await turn(client, learner);
    const replies = texts(await turn(client, 'lätt svenska'));
    expect(replies[0]).toBe(line('languageSwitched', 'sv-lattlast'));
    expect(replies).toContain(routeAnswer('anhoriglanken', 'sv-lattlast'));
    expect(replies.at(-1)).toBe(
      line('offerHandoff', 'sv-lattlast', { instance: catalog.instances.find((instance) => instance.id === 'anhorigkonsulent')!.name['sv-lattlast']! }),
    );
  });

  it('is not offered to someone writing ordinary Swedish, nor twice', async () => {
    const ordinary = texts(
      await turn(newConversation(), 'Jag vårdar min man som har demens sedan tre år, och jag undrar om det finns anhöriggrupper eller avlösning i Ekerö.'),
    );
    expect(ordinary).not.toContain(line('offerEasyRead', 'sv-lattlast'));
    const client = newConversation();
    await turn(client, learner);
    await turn(client, 'nej');
    const again = texts(await turn(client, 'Jag vill vara volontär. Jag har tid på helgerna. Hur gör jag?'));
    expect(again).not.toContain(line('offerEasyRead', 'sv-lattlast'));
  });
});
