import type { Catalog } from '../../domain/catalog/schema.js';
import { instanceOf } from '../../domain/catalog/schema.js';
import { DocumentWriter } from './document-page.js';
import { emailLink, fill, html, link, phoneLink } from './html.js';
import type { DocumentPageTexts } from './page-texts.js';

/**
 * The accessibility statement (DOS-lagen, following Digg's model) in the language of `texts`:
 * how compliant Lotsen is, the known limitations with the criteria they fail, how it was tested
 * and when, where to get help instead, how to report and when the answer comes, and Digg's form.
 */
export function accessibilityStatement(catalog: Catalog, texts: DocumentPageTexts): string {
  const facts = catalog.accessibility;
  const words = texts.accessibilityStatement;
  const writer = new DocumentWriter(catalog, texts);
  const centre = instanceOf(catalog, catalog.contactCentre)!;
  const email = centre.contact.email!;
  const contactCentre = fill(texts.documents.contactCentre, { phone: phoneLink(centre.contact.phone!), email: emailLink(email) });

  const body = html`<h1>${words.heading}</h1>
    <p>${fill(words.lead, { municipality: texts.municipality })}</p>
    <h2>${words.howHeading}</h2>
    <p>${words.compliance[facts.compliance]}</p>
    <h2>${words.alternativeHeading}</h2>
    <p>${fill(words.alternative, { contactCentre })}</p>
    <h2>${words.reportHeading}</h2>
    <p>${fill(words.report, { email: emailLink(email), days: facts.answerWithinWorkingDays })}</p>
    <h2>${words.supervisionHeading}</h2>
    <p>${fill(words.supervision, { link: link(facts.supervisorComplaintUrl, words.supervisionLink) })}</p>
    <h2>${words.technicalHeading}</h2>
    <p>${words.technical[facts.compliance]}</p>
    <h3>${words.limitationsHeading}</h3>
    ${facts.limitations.length === 0
      ? html`<p>${words.noLimitations}</p>`
      : html`<ul>
          ${facts.limitations.map(
            (limitation) =>
              html`<li>
                ${limitation.criterion ? html`${fill(words.criterion, { criterion: limitation.criterion })} ` : ''}${writer.fact(limitation.text)}
              </li> `,
          )}
        </ul>`}
    <h2>${words.testedHeading}</h2>
    <p>${fill(words.tested, { date: writer.date(facts.tested.on) })}</p>
    <ul>
      ${facts.tested.how.map((way) => html`<li>${writer.fact(way)}</li> `)}
    </ul>`;
  return writer.page(words.title, body, facts.updated);
}
