import { buttons, catalog, expecting, line, newConversation, texts, turn, keptDrafts } from '../support/dialog-client';

const english = (key: Parameters<typeof line>[0], values: Record<string, string | number> = {}) => line(key, 'en', values);
const vantjansten = catalog.routes.find((route) => route.id === 'volontar.vantjanst')!;

describe('a change of language mid-way', () => {
  it('when the first question is open, then it is asked anew in the new language, with its buttons in it', async () => {
    const client = newConversation();
    await turn(client, 'hej');
    const [switched, asked] = await turn(client, 'in English');
    expect(switched?.text).toBe(english('languageSwitched'));
    expect(asked?.text).toBe(english('chooseArea'));
    expect(asked?.suggestedActions?.actions.map((action) => action.title)).toEqual(catalog.areas.map((area) => area.label.en));
  });

  it('when a choice is open after an answer, then the answer is given again and the choice asked anew in the new language', async () => {
    const client = newConversation();
    const opening = await turn(client, 'Väntjänsten, vad är det?');
    expect(opening.at(-1)?.text).toBe(vantjansten.needs!.question.sv);
    const [switched, answer, asked] = await turn(client, 'in English');
    expect(switched?.text).toBe(english('languageSwitched'));
    expect(answer?.text).toBe(vantjansten.answer.en);
    expect(asked?.text).toBe(vantjansten.needs!.question.en);
    expect(asked?.suggestedActions?.actions.map((action) => action.title)).toEqual(vantjansten.needs!.options.map((option) => option.label.en));
  });

  it('at every question of a handoff, the question is asked anew in the new language, and the case is registered in it', async () => {
    const registry = keptDrafts();
    const client = newConversation(registry);
    await turn(client, 'Jag vill bli volontär i Väntjänsten');
    expect(texts(await turn(client, 'in English')).slice(1)).toEqual([vantjansten.answer.en, english('offerHandoff', { instance: 'Väntjänsten' })]);
    await turn(client, 'yes');
    expect(texts(await turn(client, 'på svenska'))[1]).toBe(line('consent', 'sv', { instance: 'Väntjänsten' }));
    const [, consent] = await turn(client, 'in English');
    expect(consent?.text).toBe(english('consent', { instance: 'Väntjänsten' }));
    expect(expecting(consent)).toBe('consent');
    await turn(client, 'yes');
    await turn(client, 'Anna Berg');
    expect(texts(await turn(client, 'på svenska'))[1]).toBe(line('askContactWay'));
    const [, way] = await turn(client, 'in English');
    expect(way?.text).toBe(english('askContactWay'));
    expect(buttons(way)).toEqual(['phone', 'email']);
    await turn(client, 'phone');
    await turn(client, '070-123 45 67');
    await turn(client, 'morning');
    const review = await turn(client, 'skip');
    expect(review.at(-1)?.text).toMatch(/^Is this right\?/);
    const [, reviewAgain] = await turn(client, 'på svenska');
    expect(reviewAgain?.text).toMatch(/^Stämmer det här\?/);
    expect(reviewAgain?.text).toContain('Anna Berg');
    await turn(client, 'in English');
    const done = texts(await turn(client, 'yes'));
    expect(done.find((text) => text.startsWith('Thank you'))).toMatch(/^Thank you Anna Berg! Your case is registered with reference LOTS-2026-000001/);
    expect(registry.drafts).toHaveLength(1);
    expect(registry.drafts[0]).toMatchObject({ language: 'en', routeId: 'volontar.vantjanst', contact: { name: 'Anna Berg', phone: '+46701234567' } });
  });
});
