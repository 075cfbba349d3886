/** Where a long text is best broken, most natural first. */
const BREAKS = ['\n\n', '\n', '. ', '? ', '! ', ', ', ' '];

/**
 * Splits a text into pieces of at most `limit` characters (UTF-16 units, as the platforms count),
 * at a paragraph, line, sentence or word boundary where there is one in the second half of the
 * piece, else at the limit (never inside a surrogate pair).
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const boundary = BREAKS.map((mark) => ({ at: window.lastIndexOf(mark), mark })).find(({ at }) => at >= limit / 2);
    let cut = boundary ? boundary.at + boundary.mark.trimEnd().length : limit;
    if (!boundary && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
