import { splitText } from '../../src/domain/split-text';

describe('splitting long texts for messaging apps', () => {
  it('when a text fits, then it is one piece', () => {
    expect(splitText('Hej!', 10)).toEqual(['Hej!']);
  });

  it('when a text is longer than the limit, then it breaks at the paragraph nearest the limit and loses no words', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)}\n\n${'c'.repeat(50)}`;
    const pieces = splitText(text, 100);
    expect(pieces).toEqual([`${'a'.repeat(60)}\n\n${'b'.repeat(30)}`, 'c'.repeat(50)]);
  });

  it('when there is no paragraph, then it breaks after a sentence, else between words', () => {
    expect(splitText('Första meningen är här. Andra meningen är lite längre än den första.', 40)).toEqual([
      'Första meningen är här.',
      'Andra meningen är lite längre än den',
      'första.',
    ]);
  });

  it('when a word is longer than the limit, then it is cut at the limit, never inside a surrogate pair', () => {
    const pieces = splitText(`${'x'.repeat(9)}😀${'y'.repeat(5)}`, 10);
    expect(pieces).toEqual(['x'.repeat(9), `😀${'y'.repeat(5)}`]);
    expect(pieces.every((piece) => piece.length <= 10)).toBe(true);
  });

  it('when any text is split, then every piece is within the limit and joining them keeps every word', () => {
    const text = Array.from({ length: 400 }, (_, index) => `ord${index}${index % 17 === 0 ? '.\n\n' : ' '}`).join('');
    const pieces = splitText(text, 333);
    expect(pieces.every((piece) => piece.length <= 333)).toBe(true);
    expect(pieces.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
  });
});
