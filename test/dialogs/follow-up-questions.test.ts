import { catalog, newConversation, routeAnswer, texts, turn } from '../support/dialog-client';

/** The answer the catalog gives to one of a route's questions. */
const answerTo = (routeId: string, question: string) =>
  catalog.routes.find((route) => route.id === routeId)!.questions!.find((entry) => entry.id === question)!.answer.sv;
const GRANTS = catalog.routes.filter((route) => route.id.startsWith('bidrag.')).map((route) => route.id);

/** The route's answer to a first message, then each follow-up answered with its question's facts and the open question asked again. */
async function answersThreeFollowUps(routeId: string, first: string, followUps: readonly string[], questions: readonly string[]): Promise<void> {
  const client = newConversation();
  const opening = await turn(client, first);
  expect(texts(opening)).toContain(routeAnswer(routeId));
  const open = opening.at(-1)!.text;
  for (const [index, followUp] of followUps.entries()) expect(texts(await turn(client, followUp))).toEqual([answerTo(routeId, questions[index]!), open]);
}

describe('the questions people ask within a topic', () => {
  it('when the first message asks two things, then the overview is followed by the answer to each', async () => {
    const client = newConversation();
    const replies = texts(await turn(client, 'När är sista dag att söka verksamhetsstöd och hur ansöker man?'));
    expect(replies.slice(1, 4)).toEqual([
      routeAnswer('bidrag.verksamhetsstod'),
      answerTo('bidrag.verksamhetsstod', 'when'),
      answerTo('bidrag.verksamhetsstod', 'apply'),
    ]);
    expect(replies.at(-1)).toMatch(/kontaktar dig\?/);
  });

  it.each([
    [
      'bidrag.verksamhetsstod',
      'Vi vill söka verksamhetsstöd från socialnämnden',
      ['hur mycket kan vi få?', 'när beslutar de?', 'vilka kan söka?'],
      ['amount', 'when', 'who'],
    ],
    [
      'bidrag.utmarkelse',
      'Vi vill nominera vår förening till socialnämndens utmärkelse',
      ['hur mycket pengar är det?', 'hur ansöker vi?', 'vilka regler gäller?'],
      ['amount', 'apply', 'rules'],
    ],
    [
      'bidrag.foreningsbidrag',
      'Vår idrottsförening vill ha föreningsbidrag',
      ['hur mycket kan vi få?', 'när ska vi söka?', 'vem kan söka?'],
      ['amount', 'when', 'who'],
    ],
  ])(
    'when %s has been answered, then three follow-up questions are answered with its facts and the offer stands',
    async (routeId, first, followUps, questions) => {
      expect(GRANTS).toContain(routeId);
      await answersThreeFollowUps(routeId, first, followUps, questions);
    },
  );

  it.each([
    [
      'idelabbet',
      'Jag har en idé om ett projekt och vill ha hjälp av Idélabbet',
      ['vad kan jag få hjälp med?', 'kan ni hitta en lokal åt oss?', 'kostar det något?'],
      ['help', 'premises', 'cost'],
    ],
    [
      'volontar.vantjanst',
      'Jag vill bli volontär i Väntjänsten och besöka äldre',
      ['vad gör en volontär där?', 'måste jag vara med i en förening?', 'hur mycket tid tar det?'],
      ['what', 'membership', 'time'],
    ],
    [
      'volontar.anmalan',
      'Jag vill anmäla mig som volontär',
      ['vilka uppdrag finns det?', 'måste jag binda mig?', 'vad händer sen?'],
      ['tasks', 'time', 'next'],
    ],
    [
      'volontar.vanfamilj',
      'Vi vill bli vänfamilj åt en nyanländ familj',
      ['vad gör en vänfamilj?', 'vem driver det?', 'finns det språkcaféer?'],
      ['what', 'who', 'language-cafe'],
    ],
    [
      'anhoriglanken',
      'Jag tar hand om min mamma som har demens och behöver stöd',
      ['vad händer sen?', 'finns det anhöriggrupper?', 'kostar det något?'],
      ['next', 'groups', 'cost'],
    ],
  ])(
    'when %s has been answered, then three follow-up questions are answered with its facts (or honestly) and the open question is asked again',
    answersThreeFollowUps,
  );

  it('when someone asks in English within a topic, then the English answer is given', async () => {
    const client = newConversation();
    const opening = await turn(client, 'We would like to become a friend family for newcomers');
    expect(texts(opening)).toContain(routeAnswer('volontar.vanfamilj', 'en'));
    const answer = (id: string) => catalog.routes.find((route) => route.id === 'volontar.vanfamilj')!.questions!.find((entry) => entry.id === id)!.answer.en;
    expect(texts(await turn(client, 'can I donate furniture?'))[0]).toBe(answer('furniture'));
    expect(texts(await turn(client, 'who runs it?'))[0]).toBe(answer('who'));
  });

  it('when the offer has been declined, then a follow-up about the same topic is still understood', async () => {
    const client = newConversation();
    await turn(client, 'Vi vill söka verksamhetsstöd');
    await turn(client, 'nej');
    const replies = texts(await turn(client, 'hur mycket kan vi få?'));
    expect(replies[0]).toBe(answerTo('bidrag.verksamhetsstod', 'amount'));
  });

  it('when the person is writing their own details, then words like "när" are taken as their answer, not as a question', async () => {
    const client = newConversation();
    await turn(client, 'Vi vill söka verksamhetsstöd');
    await turn(client, 'ja');
    await turn(client, 'ja');
    await turn(client, 'Anna Andersson');
    await turn(client, 'phone');
    await turn(client, '070-123 45 67');
    const replies = texts(await turn(client, 'när som helst efter lunch'));
    expect(replies).not.toContain(answerTo('bidrag.verksamhetsstod', 'when'));
  });
});
