import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Catalog } from '../domain/catalog/schema.js';
import { AWAITING_CONTACT } from '../domain/handoff/deadlines.js';
import { ACTION_LABELS, OUTCOME_LABELS, STATUS_LABELS } from '../domain/handoff/staff-labels.js';
import { projectPath } from '../config/installation-files.js';
import { CSS, HTML, JAVASCRIPT, mountAssets, sendText } from './static-files.js';

export interface StaffTabOptions {
  readonly catalog: Catalog;
  /** Offer the development token form outside Teams (development mode with STAFF_DEV_TOKEN only). */
  readonly developmentLogin: boolean;
}

// Teams shows the tab in a frame of its own hosts only; nobody else may frame it.
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.cloud.microsoft https://*.office.com https://*.skype.com";
// teams-js fetches the list of Teams' hosts from Microsoft's CDN (it falls back to a built-in list).
const CONTENT_SECURITY_POLICY = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; object-src 'none'; base-uri 'none'; ${FRAME_ANCESTORS}`;

/**
 * The staff tab at /staff/tab (the Teams app's static tab): a page that signs in with Teams SSO
 * and reads the staff API. Names of routes and instances come from the catalog, inlined as JSON.
 */
export function mountStaffTab(server: Server, options: StaffTabOptions): void {
  const file = (relative: string) => readFileSync(projectPath(relative), 'utf8');
  const { catalog } = options;
  const data = {
    routes: Object.fromEntries(catalog.routes.map((route) => [route.id, route.label.sv])),
    instances: Object.fromEntries(catalog.instances.map((instance) => [instance.id, instance.name.sv])),
    statuses: STATUS_LABELS,
    outcomes: OUTCOME_LABELS,
    actions: ACTION_LABELS,
    // The deadlines' rules and calendar (src/domain/handoff/deadlines.ts), not a copy of them.
    timeZone: catalog.office.timeZone,
    awaitingContact: AWAITING_CONTACT,
    developmentLogin: options.developmentLogin,
    // The volunteers view's lists (coordinators only see it: the API decides).
    ...(catalog.volunteers
      ? {
          volunteers: {
            skills: catalog.volunteers.skills.map((skill) => ({ id: skill.id, label: skill.label.sv })),
            areas: catalog.volunteers.areas.map((area) => ({ id: area.id, label: area.name })),
            maxCallOutsPerWeek: catalog.volunteers.maxCallOutsPerWeek,
            callOutFactor: catalog.volunteers.callOutFactor,
          },
        }
      : {}),
  };
  // JSON inside <script>: "<" is escaped so no text can close the element.
  const page = file(path.join('public', 'staff', 'tab.html')).replace('{{data}}', JSON.stringify(data).replace(/</g, '\\u003c'));

  server.get('/staff/tab', async (_req: Request, res: Response) =>
    sendText(res, { body: page, type: HTML }, 'no-cache', { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }),
  );
  mountAssets(server, {
    '/assets/teams-js.js': { body: file(path.join('dist', 'vendor', 'teams-js.js')), type: JAVASCRIPT },
    '/assets/chart.js': { body: file(path.join('dist', 'vendor', 'chart.js')), type: JAVASCRIPT },
    '/assets/lotsen-staff.js': { body: file(path.join('public', 'staff', 'staff-tab.js')), type: JAVASCRIPT },
    '/assets/lotsen-volunteers.js': { body: file(path.join('public', 'staff', 'volunteers-tab.js')), type: JAVASCRIPT },
    '/assets/lotsen-staff.css': { body: file(path.join('public', 'staff', 'staff.css')), type: CSS },
  });
}
