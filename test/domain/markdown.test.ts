import { addressLink, phoneLink, plainText } from '../../src/domain/markdown';

describe('links in messages', () => {
  it('a phone number becomes a tel: link: Swedish numbers in +46 form, service numbers as their digits', () => {
    expect(phoneLink('08-124 571 00')).toBe('[08-124 571 00](tel:+46812457100)');
    expect(phoneLink('070-123 45 67')).toBe('[070-123 45 67](tel:+46701234567)');
    expect(phoneLink('112')).toBe('[112](tel:112)');
    expect(phoneLink('114 14')).toBe('[114 14](tel:11414)');
  });

  it('a relative address is a link too, since chat windows link only full addresses by themselves', () => {
    expect(addressLink('/integritet')).toBe('[/integritet](/integritet)');
  });

  it('for channels that show plain text, a link becomes its text, and its address when that says more', () => {
    expect(plainText(`Ring ${phoneLink('08-124 571 00')} eller läs ${addressLink('https://ekero.se/integritet')}.`)).toBe(
      'Ring 08-124 571 00 eller läs https://ekero.se/integritet.',
    );
    expect(plainText('Läs [om personuppgifter](https://ekero.se/integritet).')).toBe('Läs om personuppgifter (https://ekero.se/integritet).');
    expect(plainText('- [112](tel:112) – Larm')).toBe('- 112 – Larm');
  });
});
