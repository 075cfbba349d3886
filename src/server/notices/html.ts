import { normalisePhone } from '../../domain/handoff/contact.js';

/** A piece of HTML our code wrote: text put into it is escaped once, fragments are never escaped again. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Part = string | number | Html | readonly Html[] | undefined | false;
const htmlOf = (part: Part): string => {
  if (part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map((fragment: Html) => fragment.value).join('');
  return escapeHtml(String(part));
};

/** A template of HTML whose interpolated text is escaped (`html\`<p>${name}</p>\``). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((written, text, index) => written + text + (index < parts.length ? htmlOf(parts[index]) : ''), ''));
}

/** A text with `{name}` placeholders, escaped, and each placeholder replaced by its value (text is escaped, HTML is not). */
export function fill(template: string, values: Record<string, string | number | Html>): Html {
  return new Html(escapeHtml(template).replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? htmlOf(values[name]) : placeholder)));
}

export const link = (href: string, text: string): Html => html`<a href="${href}">${text}</a>`;
export const emailLink = (address: string): Html => link(`mailto:${address}`, address);
/** A phone number as written (08-124 571 00), dialled in +46 form. */
export const phoneLink = (number: string): Html => link(`tel:${normalisePhone(number) ?? number.replace(/[^\d+]/g, '')}`, number);
