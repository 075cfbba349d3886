import type { RetentionPeriod } from '../../domain/catalog/notices.js';
import type { Catalog } from '../../domain/catalog/schema.js';
import { instanceOf } from '../../domain/catalog/schema.js';
import { DocumentWriter } from './document-page.js';
import { emailLink, fill, html, link, phoneLink, type Html } from './html.js';
import type { DocumentPageTexts } from './page-texts.js';

/** How long Lotsen keeps things, as configured: what the notice promises is what the retention job does. */
export interface RetentionSettings {
  /** The web chat's transcript (DIRECTLINE_TRANSCRIPT_HOURS). */
  readonly chatHours: number;
  /** A conversation's state, a half-filled request included (CONVERSATION_RETENTION_DAYS). */
  readonly conversationDays: number;
  /** A case's personal data after it is closed (the catalog's privacy.retentionDays). */
  readonly handoffDays: number;
  /** Audit events of staff actions. */
  readonly auditDays: number;
  /** How often the retention job runs: erasure can come that much later. */
  readonly sweepHours: number;
}

export interface NoticeSettings {
  readonly catalog: Catalog;
  readonly retention: RetentionSettings;
  /** The messaging apps people can write to Lotsen in (those configured). */
  readonly messagingApps: readonly string[];
}

const IMY_URL = 'https://www.imy.se';

/**
 * The privacy notice (GDPR articles 13 and 14) in the language of `texts`: the municipality's
 * facts from the catalog, each retention period as configured, the erasure command as the chat
 * understands it, the recipients as the chat names them.
 */
export function privacyNotice(settings: NoticeSettings, texts: DocumentPageTexts): string {
  const { catalog, retention } = settings;
  const facts = catalog.privacy.notice;
  const words = texts.privacyNotice;
  const writer = new DocumentWriter(catalog, texts);
  const centre = instanceOf(catalog, catalog.contactCentre)!;
  const contactCentre = fill(texts.documents.contactCentre, { phone: phoneLink(centre.contact.phone!), email: emailLink(centre.contact.email!) });
  const kept: Record<RetentionPeriod, Html> = {
    chat: fill(words.keptChat, { hours: retention.chatHours }),
    conversation: fill(words.keptConversation, { days: retention.conversationDays }),
    handoff: fill(words.keptHandoff, { days: retention.handoffDays }),
    audit: fill(words.keptAudit, { days: retention.auditDays }),
    volunteer: fill(words.keptVolunteer, { months: catalog.volunteers?.retentionMonths ?? 0 }),
  };
  const eraseCommand = (catalog.commands.deleteData[texts.lang] ?? catalog.commands.deleteData.sv)[0]!;
  const recipients = catalog.instances.filter((instance) => catalog.routes.some((route) => route.instance === instance.id));

  const body = html`<h1>${words.heading}</h1>
    ${facts.confirmed ? '' : html`<p class="draft" role="note"><strong>${texts.documents.draft}</strong></p>`}
    <p>${words.lead}</p>
    <p>${words.automated}</p>
    <h2>${words.controllerHeading}</h2>
    <p>
      ${fill(words.controller, { controller: writer.fact(facts.controller.name), address: facts.controller.address })}
      ${facts.controller.organisationNumber ? fill(words.organisationNumber, { number: facts.controller.organisationNumber }) : ''}
    </p>
    <p>${fill(words.contact, { contactCentre })}</p>
    <p>
      ${fill(words.dpo, { email: emailLink(facts.dataProtectionOfficer.email) })}
      ${facts.dataProtectionOfficer.phone ? fill(words.dpoPhone, { phone: phoneLink(facts.dataProtectionOfficer.phone) }) : ''}
    </p>
    <h2>${words.purposesHeading}</h2>
    <p>${words.onlyQuestions}</p>
    ${facts.purposes.map(
      (purpose) =>
        html`<h3>${writer.fact(purpose.purpose)}</h3>
          <dl>
            <dt>${words.data}</dt>
            <dd>${writer.fact(purpose.data)}</dd>
            <dt>${words.legalBasis}</dt>
            <dd>${writer.fact(purpose.legalBasis)}</dd>
            <dt>${words.kept}</dt>
            <dd>${kept[purpose.kept]}</dd>
          </dl> `,
    )}
    <p>${fill(words.sweep, { hours: retention.sweepHours })}</p>
    <h2>${words.healthHeading}</h2>
    <p>${writer.fact(facts.healthData)}</p>
    <h2>${words.recipientsHeading}</h2>
    <p>${words.recipients}</p>
    <ul>
      ${recipients.map((instance) => html`<li>${writer.fact(instance.name, { capitalised: true })}</li> `)}
    </ul>
    <p>${fill(words.escalation, { contactCentre: writer.fact(centre.name) })}</p>
    ${facts.partners ? html`<p>${writer.fact(facts.partners)}</p>` : ''}
    <h2>${words.processorsHeading}</h2>
    <ul>
      ${facts.processors.map(
        (processor) =>
          html`<li>
            <strong>${processor.name}</strong>: ${writer.fact(processor.role)}${processor.transfer ? html` ${writer.fact(processor.transfer)}` : ''}
          </li> `,
      )}
    </ul>
    ${settings.messagingApps.length > 0
      ? html`<p>${fill(words.messagingApps, { apps: new Intl.ListFormat(texts.locale, { type: 'disjunction' }).format(settings.messagingApps) })}</p>`
      : ''}
    <h2>${words.browserStorageHeading}</h2>
    <p>${words.browserStorage}</p>
    <h2>${words.publicRecordsHeading}</h2>
    <p>${writer.fact(facts.publicRecords)}</p>
    <h2>${words.rightsHeading}</h2>
    <ul>
      ${words.rights.map((right) => html`<li>${right}</li> `)}
    </ul>
    <p>${fill(words.eraseInChat, { command: html`<strong>${eraseCommand}</strong>` })}</p>
    <p>${fill(words.exercise, { contactCentre })}</p>
    <h2>${words.complaintHeading}</h2>
    <p>${fill(words.complaint, { link: link(IMY_URL, 'imy.se') })}</p>`;
  return writer.page(words.title, body, facts.updated);
}
