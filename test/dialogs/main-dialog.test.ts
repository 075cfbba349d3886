import { buttons, catalog, expecting, line, newConversation, routeAnswer, router, texts, turn } from '../support/dialog-client';

const welcome = { sv: line('welcome', 'sv'), en: line('welcome', 'en') };

describe('the conversation', () => {
  it('when a person just says hello, then Lotsen greets once and offers the three areas with stable ids', async () => {
    const client = newConversation();
    const [greeting, offer, ...rest] = await turn(client, 'hej');
    expect(greeting?.text).toBe(welcome.sv);
    expect(offer?.text).toBe(catalog.texts.chooseArea.sv);
    expect(offer?.channelData).toEqual({ lotsen: { expecting: 'topic' } });
    expect(buttons(offer)).toEqual(['bidrag', 'volontar', 'anhoriglanken']);
    expect(rest).toEqual([]);
  });

  it.each([
    ['Vår förening driver en stödlinje för unga och vill söka verksamhetsstöd från socialnämnden', 'bidrag.verksamhetsstod', 'sv'],
    ['Jag tar hand om min pappa som har demens och behöver någon att prata med', 'anhoriglanken', 'sv'],
    ['I would like to become a friend family for a newly arrived family', 'volontar.vanfamilj', 'en'],
    ['Can our sports club get an activity grant from the culture and leisure committee?', 'bidrag.foreningsbidrag', 'en'],
  ] as const)(
    'when the first message says what it is about (%s), then it is answered straight away in its language and a contact is offered',
    async (said, route, language) => {
      const client = newConversation();
      const replies = await turn(client, said);
      expect(texts(replies).slice(0, 2)).toEqual([welcome[language], routeAnswer(route, language)]);
      expect(replies[1]?.channelData).toEqual({ lotsen: { route } });
      expect(expecting(replies.at(-1))).toBe('confirm');
      expect(buttons(replies.at(-1))).toEqual(['yes', 'no']);
    },
  );

  it('when a person presses an area and then a route, then Lotsen explains the area and answers the route', async () => {
    const client = newConversation();
    await turn(client, 'hej');
    const [intro, which] = await turn(client, 'bidrag');
    expect(intro?.text).toBe(catalog.areas[0]!.intro.sv);
    expect(which?.channelData).toEqual({ lotsen: { expecting: 'choice' } });
    expect(buttons(which)).toEqual(['bidrag.verksamhetsstod', 'bidrag.utmarkelse', 'bidrag.foreningsbidrag', 'idelabbet', 'none']);
    const [answer, check, firstQuestion] = await turn(client, 'bidrag.utmarkelse');
    expect(answer?.text).toMatch(/10 000 kr/);
    const award = catalog.routes.find((route) => route.id === 'bidrag.utmarkelse')!.eligibility!;
    expect(check?.text).toBe(award.intro.sv);
    expect(firstQuestion?.text).toBe(award.criteria[0]!.question.sv);
  });

  it('when the router is unsure between routes, then Lotsen asks one question with the two or three likeliest instead of guessing', async () => {
    const client = newConversation();
    await turn(client, 'hej');
    const unsure = 'Hur mycket pengar kan vår förening få?';
    const decision = router.route(unsure);
    expect(decision).toMatchObject({ needsClarification: true, vague: false });
    const [question, ...rest] = await turn(client, unsure);
    expect(question?.text).toBe(catalog.texts.clarify.sv);
    const offered = buttons(question);
    expect(offered.slice(0, -1)).toEqual(decision.ranking.slice(0, offered.length - 1).map((score) => score.route));
    expect(offered.length - 1).toBeGreaterThanOrEqual(2);
    expect(offered.length - 1).toBeLessThanOrEqual(3);
    expect(offered.at(-1)).toBe('none');
    expect(rest).toEqual([]);
    const [answer] = await turn(client, offered[0]!);
    expect(answer?.text).toBe(routeAnswer(offered[0]!));
  });

  it('when a message is too vague to name routes, then the areas are offered again, and "none" leads to the contact centre', async () => {
    const client = newConversation();
    await turn(client, 'hej');
    const [question] = await turn(client, 'Kan ni hjälpa oss?');
    expect(question?.text).toBe(catalog.texts.notUnderstood.sv);
    expect(buttons(question)).toEqual(['bidrag', 'volontar', 'anhoriglanken', 'none']);
    const [answer] = await turn(client, 'none');
    expect(answer?.text).toBe(routeAnswer('ovrigt'));
  });

  it('when the first message describes an emergency, then the numbers come at once, before any greeting', async () => {
    const client = newConversation();
    const [answer, ...rest] = await turn(client, 'min mamma har ramlat och andas inte');
    // Each number on a line of its own (a list): a chat window joins single lines into one paragraph.
    // A list, one number a line, each a tel: link a phone can call with one tap.
    for (const { number } of catalog.emergency.numbers) expect(answer?.text).toContain(`\n- [${number}](tel:${number.replace(/\D/g, '')}) – `);
    expect(answer?.channelData).toEqual({ lotsen: { emergency: true } });
    expect(rest).toEqual([]);
  });

  it('when an emergency is written while Lotsen waits for a choice, then the emergency wins and the question is dropped', async () => {
    const client = newConversation();
    await turn(client, 'hej');
    await turn(client, 'bidrag');
    const [answer, ...rest] = await turn(client, 'Hjälp, det brinner i köket hos grannen');
    expect(answer?.text).toMatch(/112/);
    expect(rest).toEqual([]);
    const next = await turn(client, 'Hur söker vi föreningsbidrag för vår fotbollsklubb?');
    expect(texts(next)[0]).toBe(routeAnswer('bidrag.foreningsbidrag'));
  });

  it('when an emergency is written indirectly or in another language, then the numbers come at once', async () => {
    for (const text of [
      'Jag har skrivit brev till barnen och tabletterna ligger framför mig',
      'زوجي يهددني بالسكين الآن',
      'My dad with dementia walked out this morning and is still not home',
    ]) {
      const [answer] = await turn(newConversation(), text);
      expect(answer?.channelData).toEqual({ lotsen: { emergency: true } });
    }
  });

  it('when someone writes in another language, then Lotsen answers in Swedish and English', async () => {
    const client = newConversation();
    const [greeting] = await turn(client, 'Hallo, wo kann ich in Ekerö meinen Sperrmüll abgeben? Ich brauche bitte Hilfe.');
    expect(greeting?.text).toBe(line('welcome', catalog.otherLanguages));
  });

  it.each([
    ['empty text', ''],
    ['emoji only', '😀🙏🏽🎉'],
    ['HTML and script', '<script>alert("x")</script><b>hej</b>'],
    ['another alphabet', 'Привет, как дела?'],
    ['only a phone number', '070-123 45 67'],
    ['10 000 characters', 'förening bidrag '.repeat(625)],
  ])('when the message is %s, then Lotsen still answers sensibly', async (_kind, said) => {
    const client = newConversation();
    const replies = await turn(client, said);
    expect(replies.length).toBeGreaterThan(0);
    const last = replies.at(-1)!;
    // Either a question with buttons, or a route's answer followed by an offer of more.
    expect(buttons(last).length).toBeGreaterThan(0);
  });
});
