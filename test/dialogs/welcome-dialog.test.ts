import { DialogTestClient } from 'botbuilder-testing';
import type { Activity } from 'botbuilder';
import { WelcomeDialog } from '../../dialogs/welcome-dialog';
import { loadCatalogFile } from '../../src/storage/catalog-file';

const catalog = loadCatalogFile();
const area = (id: string) => catalog.areas.find((candidate) => candidate.id === id)!;

/** Sends one message and collects every reply of that turn. */
async function turn(client: DialogTestClient, text: string): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  let reply = await client.sendActivity(text);
  while (reply) {
    replies.push(reply);
    reply = client.getNextReply();
  }
  return replies;
}

describe('WelcomeDialog', () => {
  it('when a person writes for the first time, then Lotsen greets and offers the three areas as buttons with stable ids', async () => {
    const client = new DialogTestClient('webchat', new WelcomeDialog(catalog));
    const [greeting, offer] = await turn(client, 'hej');
    expect(greeting?.text).toBe(catalog.texts.welcome.sv);
    expect(offer?.text).toBe(catalog.texts.chooseArea.sv);
    expect(offer?.channelData).toEqual({ lotsen: { expecting: 'topic' } });
    expect(offer?.suggestedActions?.actions.map((action) => [action.value, action.title])).toEqual([
      ['bidrag', 'Bidrag till föreningar'],
      ['volontar', 'Bli volontär'],
      ['anhoriglanken', 'Stöd till anhöriga'],
    ]);
  });

  it.each([
    ['the button id', 'anhoriglanken', 'anhoriglanken'],
    ['the Swedish label', 'bidrag till föreningar', 'bidrag'],
    ['the English label', 'Volunteering', 'volontar'],
  ])('when a person chooses an area by %s, then Lotsen answers about it and offers more without greeting again', async (_how, said, id) => {
    const client = new DialogTestClient('webchat', new WelcomeDialog(catalog));
    await turn(client, 'hej');
    const [answer, offer] = await turn(client, said);
    expect(answer?.text).toBe(area(id).intro.sv);
    expect(offer?.text).toBe(catalog.texts.anythingElse.sv);
    expect(offer?.suggestedActions?.actions).toHaveLength(3);
  });

  it('when a person writes something that is not an area, then Lotsen says so and asks again', async () => {
    const client = new DialogTestClient('webchat', new WelcomeDialog(catalog));
    await turn(client, 'hej');
    const [retry, ...rest] = await turn(client, 'vad kostar en parkering');
    expect(retry?.text).toBe(catalog.texts.notUnderstood.sv);
    expect(retry?.channelData).toEqual({ lotsen: { expecting: 'topic' } });
    expect(rest).toEqual([]);
    const [answer] = await turn(client, 'bidrag');
    expect(answer?.text).toBe(area('bidrag').intro.sv);
  });
});
