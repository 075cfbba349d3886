import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * A Swedish phone number in any of the ways people write it (070-123 45 67, 08-560 390 00,
 * +46 70 123 45 67, 0046…) as E.164, or a foreign number given with its country code.
 * Undefined when it cannot be a phone number.
 */
export function normalisePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s\-().\u2013/]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return undefined;
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : undefined;
  if (international !== undefined && !international.startsWith('46')) {
    return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : undefined;
  }
  const national = international !== undefined ? international.slice(2).replace(/^0/, '') : compact.startsWith('0') ? compact.slice(1) : undefined;
  if (national === undefined) return undefined;
  // Swedish numbers: mobile 7X XXX XX XX (9 digits), landline area code + number, 7–9 digits.
  if (national.startsWith('7') ? !/^7[0-9]\d{7}$/.test(national) : !/^[1-9]\d{6,8}$/.test(national)) return undefined;
  return `+46${national}`;
}

const Email = z.email();

/** A trimmed, lower-cased e-mail address, or undefined when it is not one. */
export function normaliseEmail(input: string): string | undefined {
  const candidate = input.trim().toLowerCase();
  return candidate.length <= 254 && Email.safeParse(candidate).success ? candidate : undefined;
}

/** A name as people write it: 1–100 characters with at least one letter. */
export function normaliseName(input: string): string | undefined {
  const name = input.trim().replace(/\s+/g, ' ');
  return name.length >= 1 && name.length <= 100 && /\p{L}/u.test(name) ? name : undefined;
}

/** Something that may be a phone number inside a sentence: digits with the separators people write. */
const PHONE_LIKE = /(?:\+|00)?\d[\d\s\-().\u2013/]{4,}\d/g;

/** The first valid phone number in what someone wrote ("mitt nummer är 070-123 45 67"), normalised. */
export function phoneIn(text: string): string | undefined {
  for (const candidate of text.match(PHONE_LIKE) ?? []) {
    const phone = normalisePhone(candidate);
    if (phone) return phone;
  }
  return undefined;
}

/** The first valid e-mail address in what someone wrote ("min mejl är anna@exempel.se."), normalised. */
export function emailIn(text: string): string | undefined {
  for (const word of text.split(/\s+/)) {
    const email = normaliseEmail(word.replace(/^[<("']+|[>)"'.,;:!?]+$/g, ''));
    if (email) return email;
  }
  return undefined;
}

/**
 * A name out of what someone wrote: the whole answer, or what follows an introduction the
 * catalog lists ("jag heter", "my name is"), without the full stop.
 */
export function nameIn(text: string, introductions: readonly string[], endings: readonly string[] = []): string | undefined {
  const said = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!።]+$/u, '');
  const lower = said.toLowerCase();
  const intro = [...introductions].sort((a, b) => b.length - a.length).find((phrase) => lower.startsWith(`${phrase.toLowerCase()} `));
  if (!intro) return normaliseName(said);
  // Languages that end the sentence with a verb ("اسم من علی است", "ስመይ ሳባ እዩ"): the verb is not the name.
  const rest = said.slice(intro.length + 1);
  const ending = endings.find((word) => rest.toLowerCase().endsWith(` ${word.toLowerCase()}`));
  return normaliseName(ending ? rest.slice(0, -(ending.length + 1)) : rest);
}

// YYYYMMDD-XXXX, YYMMDD-XXXX, with -, + or nothing between; day + 60 for samordningsnummer.
const PERSONAL_IDENTITY_NUMBER = /\b(?:(?:19|20)?\d{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+ ]?\d{4}\b/g;

/**
 * Removes Swedish personal identity numbers (and co-ordination numbers) from free text: the
 * instance does not need them, and they must not sit in a chat log.
 */
export function stripPersonalIdentityNumbers(text: string, replacement: string): { text: string; removed: boolean } {
  let removed = false;
  const stripped = text.replace(PERSONAL_IDENTITY_NUMBER, () => {
    removed = true;
    return replacement;
  });
  return { text: stripped, removed };
}

/**
 * A stored number as people read and dial it: a Swedish one in the national format staff know
 * (070-123 45 67, 08-123 456 78), any other with its country code; and its tel: address.
 */
export function readablePhone(stored: string): { text: string; href: string } {
  const parsed = parsePhoneNumberFromString(stored);
  if (!parsed) return { text: stored, href: `tel:${stored.replace(/[^\d+]/g, '')}` };
  return { text: parsed.country === 'SE' ? parsed.formatNational() : parsed.formatInternational(), href: parsed.getURI() };
}
