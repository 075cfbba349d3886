import { normalisePhone } from './handoff/contact.js';

/**
 * Lotsen writes its messages in the small Markdown Web Chat renders: lists, and links. Phone
 * numbers become tel: links, so a phone can call them with one tap; channels that show plain
 * text get `plainText` of the same message.
 */

/** A phone number as a tel: link (Swedish numbers in +46 form; service numbers such as 112 as their digits). */
export function phoneLink(number: string): string {
  const href = normalisePhone(number) ?? number.replace(/[^\d+]/g, '');
  return href ? `[${number}](tel:${href})` : number;
}

/** A link whose text is its own address (a relative one included, which chat windows do not link by themselves). */
export const addressLink = (url: string): string => `[${url}](${url})`;

const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** The message as plain text: a link shows its text, and its address too when that says more (a web page, not a phone number). */
export function plainText(markdown: string): string {
  return markdown.replace(LINK, (_link, text: string, href: string) => (href.startsWith('tel:') || href === text ? text : `${text} (${href})`));
}
