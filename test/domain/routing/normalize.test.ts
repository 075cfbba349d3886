import { detectLanguage } from '../../../src/domain/routing/language';
import { foldLetters, words } from '../../../src/domain/routing/normalize';

describe('normalisation', () => {
  it.each(['anhöriglänken', 'Anhoriglanken', 'ANHÖRIGLÄNKEN', 'anhoeriglaenken'])('folds %s to anhoriglanken', (spelling) => {
    expect(words(spelling)).toEqual(['anhoriglanken']);
  });

  it('drops markup, links, e-mail addresses and phone numbers', () => {
    expect(words('<b>Hej</b> se https://ekero.se eller skriv till a.b@ekero.se, ring 070-123 45 67')).toEqual(['hej', 'se', 'eller', 'skriv', 'till', 'ring']);
  });

  it('keeps letters of other alphabets as words', () => {
    expect(words('Привет мир')).toEqual(['привет', 'мир']);
  });

  it('folds other diacritics too', () => {
    expect(foldLetters('café ø æ')).toBe('cafe o a');
  });
});

describe('language detection', () => {
  it.each([
    ['Hej! Kan vår förening söka bidrag?', 'sv'],
    ['hur gor man for att bli volontar', 'sv'],
    ['Hi, can our association apply for a grant?', 'en'],
    ['I would like to volunteer', 'en'],
    ['Hallo, wo kann ich bitte meinen Sperrmüll abgeben?', 'other'],
    ['مرحبا، أبحث عن عائلة صديقة', 'other'],
    ['', 'sv'],
    ['😀', 'sv'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
