import { Lexicon } from '../../../src/domain/routing/lexicon';
import { words } from '../../../src/domain/routing/normalize';

const lexicon = Lexicon.compile(
  [
    {
      language: 'sv',
      concepts: {
        volunteer: ['volontär*', 'ideellt arbete'],
        fire: ['rök', 'det brinner'],
        suicide: ['vill dö'],
        overdose: ['tagit tabletter'],
        negation: ['inte'],
      },
    },
    { language: 'en', concepts: { volunteer: ['volunteer*'], suicide: ['want to die'], negation: ['not'] } },
    { language: 'pl', concepts: { volunteer: ['wolontariusz*'], deadline: ['rok'] } },
    { language: 'ar', concepts: { volunteer: ['متطوع*'] } },
  ],
  {
    negatable: new Set(['fire', 'suicide', 'overdose']),
    ownLanguageOnly: new Set(['fire', 'suicide', 'overdose', 'negation', 'deadline']),
    shared: ['sv', 'en'],
  },
);
const concepts = (text: string, language: string) => lexicon.find(words(text), language).map((hit) => hit.concept);

describe('the lexicon', () => {
  it('when a word goes on after a starred entry, then it is the concept ("volontärerna" is volontär*)', () => {
    expect(concepts('Vi söker volontärerna till loppisen', 'sv')).toEqual(['volunteer']);
  });

  it('when one word stands between the words of a phrase, then the phrase is still found, but not when that word is a negation', () => {
    expect(concepts('Han har tagit alla tabletter', 'sv')).toContain('overdose');
    expect(concepts('Jag vill inte dö', 'sv')).not.toContain('suicide');
    expect(concepts('Jag vill dö', 'sv')).toContain('suicide');
  });

  it('when a negation comes just before a warning sign, then the sign is taken back; a topic word is not', () => {
    expect(concepts('Det är inte rök, bara dimma', 'sv')).not.toContain('fire');
    expect(concepts('Jag är inte volontär än', 'sv')).toContain('volunteer');
  });

  it('when English is contracted ("don\'t"), then it reads as the words it stands for', () => {
    expect(concepts("I don't want to die", 'en')).toEqual(['negation']);
  });

  it('when an Arabic word carries the article or a conjunction in front, then it is still found', () => {
    expect(concepts('نبحث عن المتطوعين', 'ar')).toEqual(['volunteer']);
    expect(concepts('والمتطوعون', 'ar')).toEqual(['volunteer']);
  });

  it('when words of two languages look alike once folded, then warning signs are read in the message\'s own language only ("rök" is not Polish "rok")', () => {
    expect(concepts('Termin to jeden rok', 'pl')).toEqual(['deadline']);
    expect(concepts('Det kommer rök från köket', 'sv')).toEqual(['fire']);
  });

  it('when a message in another language borrows Swedish or English topic words, then they are read too', () => {
    expect(concepts('Chcę zostać volontär w kommunen', 'pl')).toEqual(['volunteer']);
    expect(concepts('I want to volunteer, jag vill hjälpa till med ideellt arbete', 'en')).toEqual(['volunteer', 'volunteer']);
  });

  it("when the language could not be told (too short), then every language's words are read", () => {
    expect(concepts('wolontariusz rok', 'und')).toEqual(expect.arrayContaining(['volunteer', 'deadline']));
  });
});
