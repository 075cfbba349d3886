import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { sameSecret } from '../channels/credentials.js';
import type { Catalog } from '../domain/catalog/schema.js';
import { errorBody } from '../domain/errors.js';
import type { HandoffChange, HandoffView } from '../domain/handoff/handoff.js';
import { AlreadyClaimedError, HANDOFF_STATUSES, HandoffChangedError, IllegalTransitionError, OUTCOMES } from '../domain/handoff/lifecycle.js';
import { actOnHandoff, InvalidStaffActionError } from '../domain/handoff/staff-actions.js';
import { describeForStaff } from '../domain/handoff/staff-view.js';
import type { StaffMember } from '../domain/staff/staff-access.js';
import { sendError } from './http-errors.js';
import { sendInvalid, staffMemberOf, type Authenticate } from './staff-member.js';

export type { StaffMember } from '../domain/staff/staff-access.js';

/** What the staff API reads and changes; the handoff repository provides it. */
export interface StaffHandoffQueries {
  list(filter: { status?: string; routeId?: string; instanceIds?: readonly string[]; claimedById?: string }): Promise<HandoffView[]>;
  find(id: string): Promise<HandoffView | undefined>;
  apply(id: string, change: HandoffChange): Promise<HandoffView>;
}

export interface StaffApiDeps {
  readonly handoffs: StaffHandoffQueries;
  readonly catalog: Catalog;
  readonly clock: () => Date;
  /** Dashboard numbers for a period, limited to some instances when given. */
  readonly statistics: (range: { from: Date; to: Date; instanceIds?: readonly string[] }) => Promise<unknown>;
  readonly authenticate: Authenticate;
}

/** Route and instance ids are catalog ids: letters, digits, dots and dashes. */
const catalogId = z.string().regex(/^[\w.-]{1,100}$/, 'must be a catalog id');

/** Dates a handoff can have: anything else is a typo, and PostgreSQL refuses years outside its range. */
const statisticsDate = z.coerce
  .date()
  .refine((date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2200, 'must be a date between the years 2000 and 2200');

const ListQuery = z
  .object({
    status: z.enum(HANDOFF_STATUSES).optional(),
    routeId: catalogId.optional(),
    instanceId: catalogId.optional(),
    /** Only the handoffs the asking person has claimed ("my handoffs"). */
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** In development only: STAFF_DEV_TOKEN stands for an operator who sees every instance. */
export function developmentTokenAuthenticator(devToken: string | undefined): StaffApiDeps['authenticate'] {
  return async (token) => {
    if (!devToken) return undefined;
    return sameSecret(token, devToken) ? { id: 'staff:development', name: 'Development', instances: 'all' } : undefined;
  };
}

const StatisticsQuery = z
  .object({ from: statisticsDate.optional(), to: statisticsDate.optional() })
  .strict()
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'from must be before to', path: ['from'] });

const WEEK_MS = 7 * 86_400_000;

/** `POST /api/staff/handoffs/{id}/actions`: what to do, and the version the person saw. */
const ActionBody = z
  .object({
    type: z.enum(['claim', 'contacted', 'reroute', 'close', 'reopen']),
    version: z.number().int().min(0),
    outcome: z.enum(OUTCOMES).optional(),
    instanceId: catalogId.optional(),
    reason: z.string().max(500).optional(),
  })
  .strict();

const sendInvalidQuery = (res: Response, error: z.ZodError) => sendInvalid(res, 'query', error);

const mayRead = (member: StaffMember, instanceId: string) => member.instances === 'all' || member.instances.includes(instanceId);

/** A handoff as the API gives it: the record, and how staff read it (the same words as the card in Teams). */
const shown = (handoff: HandoffView, catalog: Catalog) => ({ ...handoff, display: describeForStaff(handoff, catalog) });

/**
 * GET /api/staff/handoffs and /api/staff/handoffs/{id} (CONTRACTS.md), and POST
 * /api/staff/handoffs/{id}/actions, bearer-authenticated; each handoff carries `display`.
 */
export function mountStaffApi(server: Server, deps: StaffApiDeps): void {
  const staffMember = (req: Request, res: Response) => staffMemberOf(deps.authenticate, req, res);

  server.get('/api/staff/handoffs', async (req: Request, res: Response) => {
    const member = await staffMember(req, res);
    if (!member) return;
    const query = ListQuery.safeParse(req.query ?? {});
    if (!query.success) return sendInvalidQuery(res, query.error);
    const { instanceId, mine, ...filter } = query.data;
    if (instanceId && !mayRead(member, instanceId)) return sendError(res, 403, 'You do not belong to that instance');
    const instanceIds = instanceId ? [instanceId] : member.instances === 'all' ? undefined : member.instances;
    const handoffs = await deps.handoffs.list({ ...filter, ...(instanceIds ? { instanceIds } : {}), ...(mine === 'true' ? { claimedById: member.id } : {}) });
    res.json({ handoffs: handoffs.map((handoff) => shown(handoff, deps.catalog)) });
  });

  // Who the tab is talking to, and which instances it may filter on.
  server.get('/api/staff/me', async (req: Request, res: Response) => {
    const member = await staffMember(req, res);
    if (member) res.json(member);
  });

  server.get('/api/staff/statistics', async (req: Request, res: Response) => {
    const member = await staffMember(req, res);
    if (!member) return;
    const query = StatisticsQuery.safeParse(req.query ?? {});
    if (!query.success) return sendInvalidQuery(res, query.error);
    const to = query.data.to ?? new Date();
    const from = query.data.from ?? new Date(to.getTime() - 12 * WEEK_MS);
    res.json(await deps.statistics({ from, to, ...(member.instances === 'all' ? {} : { instanceIds: member.instances }) }));
  });

  server.get('/api/staff/handoffs/:id', async (req: Request, res: Response) => {
    const member = await staffMember(req, res);
    if (!member) return;
    const id = String(req.params.id ?? '');
    const handoff = z.uuid().safeParse(id).success ? await deps.handoffs.find(id) : undefined;
    // Another instance's handoff is "not found": its existence is not theirs to know.
    if (!handoff || !mayRead(member, handoff.instanceId)) return sendError(res, 404, 'No such handoff');
    res.json(shown(handoff, deps.catalog));
  });

  // The tab acts as the card's buttons do: same lifecycle, same concurrency, same history.
  server.post('/api/staff/handoffs/:id/actions', async (req: Request, res: Response) => {
    const member = await staffMember(req, res);
    if (!member) return;
    const id = String(req.params.id ?? '');
    const handoff = z.uuid().safeParse(id).success ? await deps.handoffs.find(id) : undefined;
    if (!handoff || !mayRead(member, handoff.instanceId)) return sendError(res, 404, 'No such handoff');
    const body = ActionBody.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, `Invalid action: ${body.error.issues[0]!.path.join('.') || 'body'} ${body.error.issues[0]!.message}`);
    try {
      res.json(shown(await actOnHandoff(deps, handoff, body.data, { name: member.name, id: member.id }), deps.catalog));
    } catch (error) {
      if (error instanceof InvalidStaffActionError) return sendError(res, 400, error.message, error.code);
      const conflict = conflictOf(error);
      if (!conflict) throw error;
      const current = (await deps.handoffs.find(id)) ?? handoff;
      res.status(409);
      res.json({
        ...errorBody(conflict.code, conflict.message),
        ...(conflict.changedBy ? { changedBy: conflict.changedBy } : {}),
        handoff: shown(current, deps.catalog),
      });
    }
  });
}

/** Someone else acted first: who, in words staff read, or undefined for any other error. */
function conflictOf(error: unknown): { code: string; message: string; changedBy?: string } | undefined {
  if (error instanceof AlreadyClaimedError) return { code: error.code, message: `Redan taget av ${error.claimedBy}.`, changedBy: error.claimedBy };
  if (error instanceof HandoffChangedError)
    return {
      code: error.code,
      message: `Ärendet har ändrats${error.changedBy ? ` av ${error.changedBy}` : ''} under tiden; här är det senaste.`,
      ...(error.changedBy ? { changedBy: error.changedBy } : {}),
    };
  if (error instanceof IllegalTransitionError) return { code: error.code, message: 'Det går inte i ärendets nuvarande läge; här är det senaste.' };
  return undefined;
}
