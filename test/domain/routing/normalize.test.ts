import { detectLanguage, guessLanguage } from '../../../src/domain/routing/language';
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
    expect(foldLetters('łódź Đurđevac yardım')).toBe('lodz Durdevac yardim');
  });

  it('folds the several forms of Arabic-script letters and drops short vowels and joiners', () => {
    expect(foldLetters('مُتَطَوِّع')).toBe(foldLetters('متطوع'));
    expect(foldLetters('می‌خواهم')).toBe(foldLetters('میخواهم'));
    expect(foldLetters('كتاب')).toBe(foldLetters('کتاب'));
    expect(foldLetters('أحمد إلى آخر')).toBe('احمد الي اخر');
  });

  it('reads "don\'t" as "do not", so negations look alike in the lexicon and in messages', () => {
    expect(words("I don't want to die")).toEqual(['i', 'do', 'not', 'want', 'to', 'die']);
  });
});

describe('language detection', () => {
  it.each([
    ['Hej! Kan vår förening söka bidrag?', 'sv'],
    ['hur gor man for att bli volontar', 'sv'],
    ['Hi, can our association apply for a grant?', 'en'],
    ['I would like to volunteer', 'en'],
    ['Hallo, wo kann ich bitte meinen Sperrmüll abgeben?', 'de'],
    ['مرحبا، أبحث عن عائلة صديقة', 'ar'],
    ['سلام، من می‌خواهم داوطلب شوم', 'fa'],
    ['سڵاو، دەمەوێت ببمە خۆبەخش', 'ckb'],
    ['ሰላም፡ ሓገዝ የድልየኒ', 'ti'],
    ['Привіт, я хочу стати волонтером у громаді', 'uk'],
    ['Здравствуйте, я хочу стать волонтёром в коммуне', 'ru'],
    ['Waxaan doonayaa inaan noqdo mutadawac, sidee baan u bilaabaa?', 'so'],
    ['Merhaba, gönüllü olmak istiyorum, nasıl başvurabilirim?', 'tr'],
    ['Haluaisin ryhtyä vapaaehtoiseksi, miten pääsen alkuun?', 'fi'],
    ['Chciałabym zostać wolontariuszką, jak mam się zgłosić?', 'pl'],
    ['Hola, quiero ser voluntaria, ¿cómo me apunto?', 'es'],
    ['Zdravo, želim da postanem volonter, kako da se prijavim?', 'hbs'],
    ['hej jag skulle ask about anhöriggrupper men right now har mamma', 'sv'],
    ['', 'und'],
    ['😀', 'und'],
    ['mi padre no respira', 'und'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('how sure the detected language is', () => {
  it.each([
    ['سلام', 'ar', ['fa']],
    ['Aabahay waa jiran', 'und', ['so']],
    ['Добрий день', 'ru', ['uk', 'hbs']],
  ])('%s is %s, or maybe %j', (text, language, alternatives) => {
    expect(guessLanguage(text)).toEqual({ language, alternatives });
  });

  it.each([
    ['مرحبا، أبحث عن عائلة صديقة', 'ar'],
    ['سلام، من می‌خواهم داوطلب شوم', 'fa'],
    ['Waxaan doonayaa inaan noqdo mutadawac, sidee baan u bilaabaa?', 'so'],
    ['Hur söker vår förening verksamhetsstöd?', 'sv'],
    ['ሰላም፡ ሓገዝ የድልየኒ', 'ti'],
    ['Привіт, я хочу стати волонтером у громаді', 'uk'],
  ])('%s is plainly %s', (text, language) => {
    expect(guessLanguage(text)).toEqual({ language, alternatives: [] });
  });
});
