import type { Catalog, LocalizedText } from '../../domain/catalog/schema.js';
import { localizedIn } from '../../domain/catalog/languages.js';
import { fill, html, type Html } from './html.js';
import type { DocumentPageTexts } from './page-texts.js';

/** A page of the municipality's documents in one language: the texts of that language and the catalog's facts. */
export class DocumentWriter {
  constructor(
    private readonly catalog: Catalog,
    readonly texts: DocumentPageTexts,
  ) {}

  /** A catalog fact in the page's language; one that falls back to another language is marked with its own `lang`, as a screen reader needs. */
  fact(text: LocalizedText, options: { capitalised?: boolean } = {}): Html {
    const found = localizedIn(this.catalog, text, this.texts.lang);
    const written = options.capitalised ? found.text.charAt(0).toLocaleUpperCase(found.language) + found.text.slice(1) : found.text;
    return found.language === this.texts.lang ? html`${written}` : html`<span lang="${found.language}">${written}</span>`;
  }

  /** A date of the catalog (2026-12-01) as the page's language writes it. */
  date(isoDate: string): string {
    return new Intl.DateTimeFormat(this.texts.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
  }

  /** The whole page: the site's header with the way back to the chat, the document, and when it last changed. */
  page(title: string, body: Html, updated: string): string {
    const { documents } = this.texts;
    return html`<!doctype html>
      <html lang="${this.texts.lang}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${fill(title, { municipality: this.texts.municipality })}</title>
          <link rel="stylesheet" href="/assets/lotsen.css" />
        </head>
        <body>
          <header class="site-header">
            <p class="municipality">${this.texts.municipality}</p>
            <a href="${documents.backHref}">${documents.backToChat}</a>
          </header>
          <main class="document">
            ${body}
            <p class="updated">${fill(documents.updated, { date: this.date(updated) })}</p>
          </main>
        </body>
      </html> `.value;
  }
}
