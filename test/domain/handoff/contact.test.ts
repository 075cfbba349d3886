import { emailIn, nameIn, phoneIn } from '../../../src/domain/handoff/contact';

describe('contact details out of what people write', () => {
  it('finds a phone number inside a sentence, in any common way of writing it', () => {
    expect(phoneIn('mitt nummer är 0701234567')).toBe('+46701234567');
    expect(phoneIn('Ring mig på 070-123 45 67 efter fem')).toBe('+46701234567');
    expect(phoneIn('+46 70 123 45 67')).toBe('+46701234567');
    expect(phoneIn('numret är fel, det ska vara 0707654321')).toBe('+46707654321');
    expect(phoneIn('jag har inget nummer')).toBeUndefined();
    expect(phoneIn('ring efter 17')).toBeUndefined();
  });

  it('finds an e-mail address inside a sentence, without the punctuation around it', () => {
    expect(emailIn('min mejl är Anna.Berg@Exempel.se.')).toBe('anna.berg@exempel.se');
    expect(emailIn('<anna@exempel.se>')).toBe('anna@exempel.se');
    expect(emailIn('jag har ingen mejl')).toBeUndefined();
  });

  it('takes the name after an introduction, and the whole answer otherwise', () => {
    const intros = ['jag heter', 'mitt namn är', 'my name is'];
    expect(nameIn('Jag heter Anna Berg.', intros)).toBe('Anna Berg');
    expect(nameIn('my name is Sam', intros)).toBe('Sam');
    expect(nameIn('Anna  Berg', intros)).toBe('Anna Berg');
    expect(nameIn('Jag heter', intros)).toBe('Jag heter');
  });

  it('leaves out the verb that ends an introduction in languages that end it so (Dari, Tigrinya)', () => {
    expect(nameIn('اسم من علی احمدی است', ['اسم من'], ['است', 'هستم'])).toBe('علی احمدی');
    expect(nameIn('ስመይ ሳባ ተስፋይ እዩ።', ['ስመይ'], ['እዩ'])).toBe('ሳባ ተስፋይ');
    // Without an introduction nothing is cut: "Ali Hast" may be a name.
    expect(nameIn('علی است', ['اسم من'], ['است'])).toBe('علی است');
  });
});
