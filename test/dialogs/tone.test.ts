import { buttons, catalog, expecting, newConversation, routeAnswer, texts, turn } from '../support/dialog-client';
import { sayKey } from '../support/texts';

const acknowledgement = (concept: string) => catalog.acknowledgements.find((entry) => entry.concepts.includes(concept))!.text.sv;
const vantjansten = catalog.routes.find((route) => route.needs)!;

describe('a kind tone and the right question', () => {
  it('when a carer writes that they cannot cope, then one sentence acknowledges it before the facts', async () => {
    const client = newConversation();
    const replies = texts(await turn(client, 'jag orkar inte mer, mamma har demens'));
    expect(replies).toContain(acknowledgement('exhausted'));
    expect(replies.indexOf(acknowledgement('exhausted'))).toBe(replies.indexOf(routeAnswer('anhoriglanken')) - 1);
  });

  it('when a plain question is asked, then no feelings are read into it', async () => {
    const client = newConversation();
    const replies = texts(await turn(client, 'Hur söker vår förening verksamhetsstöd?'));
    for (const entry of catalog.acknowledgements) expect(replies).not.toContain(entry.text.sv);
  });

  it('when an elderly person asks for a visitor, then they are not asked whether they want to volunteer', async () => {
    const client = newConversation();
    const replies = await turn(client, 'Jag är 84 år och sitter mest ensam hemma. Finns det någon som kan komma och hälsa på mig ibland?');
    expect(replies.map((reply) => reply.text)).not.toContain(vantjansten.needs!.question.sv);
    expect(buttons(replies.at(-1))).toEqual(['yes', 'no']);
    expect(replies.at(-1)?.text).toMatch(/kontaktar dig\?/);
  });

  it('when someone offers to volunteer, then they are not asked whether they want a visitor', async () => {
    const client = newConversation();
    const replies = await turn(client, 'Jag vill bli volontär i väntjänsten och besöka äldre');
    expect(replies.map((reply) => reply.text)).not.toContain(vantjansten.needs!.question.sv);
  });

  const talk = (phrase: string) => catalog.smallTalk.find((entry) => entry.phrases.sv?.includes(phrase))!;

  it('when someone says thanks after an answer, then they are told they are welcome, not that they were not understood', async () => {
    const client = newConversation();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    await turn(client, 'nej');
    const replies = texts(await turn(client, 'Tack så mycket!'));
    expect(replies).toEqual([talk('tack').answer.sv]);
  });

  it('when someone does not understand a question, then it is said more simply, with a way to a person, and asked again', async () => {
    const client = newConversation();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    const [simpler, again] = await turn(client, 'jag förstår inte');
    expect(simpler?.text).toBe(talk('jag förstår inte').answer.sv);
    expect(simpler?.text).toMatch(/prata med en människa/);
    expect(buttons(again)).toEqual(['yes', 'no']);
    // Easy Swedish is offered, and taking it gives the answer again and asks the same question in easy Swedish.
    expect(simpler?.text).toMatch(/Skriv: lätt svenska/);
    const [switched, answer, easier] = await turn(client, 'lätt svenska');
    expect(switched?.text).toBe(sayKey(catalog, 'languageSwitched', 'sv-lattlast'));
    expect(answer?.text).toBe(routeAnswer('anhoriglanken', 'sv-lattlast'));
    expect(easier?.text).toBe(
      sayKey(catalog, 'offerHandoff', 'sv-lattlast', {
        instance: catalog.instances.find((instance) => instance.id === 'anhorigkonsulent')!.name['sv-lattlast']!,
      }),
    );
  });

  it('when someone says hello mid-conversation, then they are greeted back and the question stands', async () => {
    const client = newConversation();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    await turn(client, 'nej');
    const [hello, again] = await turn(client, 'hej');
    expect(hello?.text).toBe(talk('hej').answer.sv);
    expect(again?.text).toBe(sayKey(catalog, 'anythingElse'));
  });

  it('the welcome says that Lotsen is a program, not a person', () => {
    expect(sayKey(catalog, 'welcome')).toMatch(/datorprogram, inte en människa/);
    expect(sayKey(catalog, 'welcome', 'en')).toMatch(/computer program, not a person/);
  });
});

describe('a change of topic mid-way', () => {
  const vanfamilj = catalog.routes.find((route) => route.id === 'volontar.vanfamilj')!;

  it('when the person writes about another topic at a yes/no question, then a switch is offered; yes starts the new topic', async () => {
    const client = newConversation();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    const [offer] = await turn(client, 'förresten, jag vill hellre bli vänfamilj åt en nyanländ familj');
    expect(offer?.text).toBe(sayKey(catalog, 'offerSwitchTopic', 'sv', { topic: vanfamilj.label.sv }));
    expect(buttons(offer)).toEqual(['yes', 'no']);
    const switched = texts(await turn(client, 'ja'));
    expect(switched[0]).toBe(routeAnswer('volontar.vanfamilj'));
  });

  it('when the person declines the switch, then the question they were at is asked again and still answered', async () => {
    const client = newConversation();
    const opening = await turn(client, 'Vad gör anhörigkonsulenten?');
    await turn(client, 'förresten, jag vill hellre bli vänfamilj åt en nyanländ familj');
    const [again] = await turn(client, 'nej');
    expect(again?.text).toBe(opening.at(-1)?.text);
    expect(expecting((await turn(client, 'ja')).at(-1))).toBe('consent');
  });

  it('when an answer starts with yes and mentions another topic, then it is taken as the answer', async () => {
    const client = newConversation();
    await turn(client, 'Vad gör anhörigkonsulenten?');
    expect(expecting((await turn(client, 'ja, och vi är också en förening som vill ha bidrag')).at(-1))).toBe('consent');
  });
});
