import { z } from 'zod';
import { languageDirection } from '../../domain/catalog/languages.js';

const Text = z.string().trim().min(1);
const ByCompliance = z.object({ full: Text, partial: Text, none: Text }).strict();

/** The fixed sentences of the privacy notice; `{name}` is filled from the catalog and the configuration. */
const PrivacyNoticeTexts = z
  .object({
    title: Text,
    heading: Text,
    lead: Text,
    automated: Text,
    controllerHeading: Text,
    controller: Text,
    organisationNumber: Text,
    contact: Text,
    dpo: Text,
    dpoPhone: Text,
    purposesHeading: Text,
    onlyQuestions: Text,
    data: Text,
    legalBasis: Text,
    kept: Text,
    keptChat: Text,
    keptConversation: Text,
    keptHandoff: Text,
    keptVolunteer: Text,
    keptAudit: Text,
    sweep: Text,
    healthHeading: Text,
    recipientsHeading: Text,
    recipients: Text,
    escalation: Text,
    processorsHeading: Text,
    messagingApps: Text,
    browserStorageHeading: Text,
    browserStorage: Text,
    publicRecordsHeading: Text,
    rightsHeading: Text,
    rights: z.array(Text).min(1),
    eraseInChat: Text,
    exercise: Text,
    complaintHeading: Text,
    complaint: Text,
  })
  .strict();

const AccessibilityStatementTexts = z
  .object({
    title: Text,
    heading: Text,
    lead: Text,
    howHeading: Text,
    compliance: ByCompliance,
    alternativeHeading: Text,
    alternative: Text,
    reportHeading: Text,
    report: Text,
    supervisionHeading: Text,
    supervision: Text,
    supervisionLink: Text,
    technicalHeading: Text,
    technical: ByCompliance,
    limitationsHeading: Text,
    noLimitations: Text,
    criterion: Text,
    testedHeading: Text,
    tested: Text,
  })
  .strict();

/**
 * `public/page.<language>.json`: the texts of the resident's page in one language. Its plain
 * strings fill the chat page's `{{key}}`s; the documents' sentences are grouped by page.
 */
export const PageTexts = z
  .object({
    lang: Text,
    /** The language's name in itself, in the language menu ("Svenska", "العربية"). */
    languageName: Text,
    /** The language menu's label, in this language and, so anyone finds it, in English. */
    languagesLabel: Text,
    municipality: Text,
    locale: Text,
    /**
     * The privacy notice and the accessibility statement in this language; a language without
     * them links to the Swedish ones (its page's footer says in its own words what they hold).
     */
    documents: z.object({ backToChat: Text, backHref: Text, draft: Text, updated: Text, contactCentre: Text }).strict().optional(),
    privacyNotice: PrivacyNoticeTexts.optional(),
    accessibilityStatement: AccessibilityStatementTexts.optional(),
  })
  .catchall(Text)
  // Right to left for Arabic and Dari: the page and Web Chat are mirrored. Known from the language, not written per file.
  .transform((page) => Object.assign(page, { dir: languageDirection(page.lang) }));
export type PageTexts = z.infer<typeof PageTexts>;

/** Page texts with the documents' sentences: what the privacy notice and the accessibility statement are written from. */
export type DocumentPageTexts = PageTexts & Required<Pick<PageTexts, 'documents' | 'privacyNotice' | 'accessibilityStatement'>>;
