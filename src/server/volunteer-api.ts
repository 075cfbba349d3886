import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { TIME_KINDS, type TimeKind, type VolunteerSettings } from '../domain/catalog/volunteer-settings.js';
import { hasCode } from '../domain/errors.js';
import { defaultCallOutSize } from '../domain/volunteers/matching.js';
import { CallOutRequestSchema, needInputSchema, type NeedInput } from '../domain/volunteers/need-input.js';
import type { CallOutView, Need, Volunteer, VolunteerStatistics } from '../domain/volunteers/volunteer.js';
import type { StaffMember } from '../domain/staff/staff-access.js';
import { sendError } from './http-errors.js';
import { sendInvalid, staffMemberOf, type Authenticate } from './staff-member.js';

/** What the coordinators' API reads and changes; the volunteer register provides it. */
export interface VolunteerRegisterQueries {
  volunteers(filter: { skill?: string; area?: string; available?: TimeKind }): Promise<Volunteer[]>;
  createNeed(input: NeedInput, instanceId: string, createdBy: string): Promise<Need>;
  needs(): Promise<Need[]>;
  need(needId: string): Promise<{ need: Need; callOuts: CallOutView[] }>;
  callOut(needId: string, count: number, now: Date): Promise<number>;
  askable(needId: string, now: Date): Promise<number>;
  cancel(needId: string, now: Date): Promise<void>;
  statistics(): Promise<VolunteerStatistics>;
}

export interface VolunteerApiDeps {
  readonly register: VolunteerRegisterQueries;
  readonly settings: VolunteerSettings;
  readonly clock: () => Date;
  readonly authenticate: Authenticate;
}

const VolunteersQuery = z
  .object({
    skill: z.string().max(100).optional(),
    area: z.string().max(100).optional(),
    available: z.enum(TIME_KINDS).optional(),
  })
  .strict();

/**
 * The coordinators' volunteer API (CONTRACTS.md): needs, call-outs and the register. Only staff
 * of a coordinating instance (the catalog's `volunteers.coordinators`) may use it: it shows
 * volunteers' contact details.
 */
export function mountVolunteerApi(server: Server, deps: VolunteerApiDeps): void {
  const needInput = needInputSchema(deps.settings);
  /** The coordinating instance the member acts for, or undefined after answering 401 or 403. */
  const coordinator = async (req: Request, res: Response): Promise<{ member: StaffMember; instanceId: string } | undefined> => {
    const member = await staffMemberOf(deps.authenticate, req, res);
    if (!member) return undefined;
    const instanceId = member.instances === 'all' ? deps.settings.coordinators[0] : deps.settings.coordinators.find((id) => member.instances.includes(id));
    if (!instanceId) return void sendError(res, 403, 'Only the volunteer coordinators see the register and call volunteers out');
    return { member, instanceId };
  };
  /** The need in the path, or undefined after answering 404. */
  const needIn = async (req: Request, res: Response): Promise<{ need: Need; callOuts: CallOutView[] } | undefined> => {
    const id = String(req.params.id ?? '');
    const found = z.uuid().safeParse(id).success
      ? await deps.register.need(id).catch((error: unknown) => (hasCode(error, 'VOLUNTEER.NEED_NOT_FOUND') ? undefined : Promise.reject(error)))
      : undefined;
    if (!found) return void sendError(res, 404, 'No such need');
    return found;
  };
  /** A closed need refuses call-outs and cancelling: 409 with the need as it is. */
  const refuseClosed = async (res: Response, needId: string, error: unknown): Promise<void> => {
    if (!hasCode(error, 'VOLUNTEER.NEED_CLOSED')) throw error;
    const { need, callOuts } = await deps.register.need(needId);
    res.status(409);
    res.json({ error: { code: error.code, message: `The need is ${need.status}` }, ...need, callOuts });
  };

  server.get('/api/staff/volunteers', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    const query = VolunteersQuery.safeParse(req.query ?? {});
    if (!query.success) return sendInvalid(res, 'query', query.error);
    res.json({ volunteers: await deps.register.volunteers(query.data) });
  });

  server.get('/api/staff/volunteer-statistics', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    res.json(await deps.register.statistics());
  });

  server.get('/api/staff/volunteer-needs', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    res.json({ needs: await deps.register.needs() });
  });

  server.post('/api/staff/volunteer-needs', async (req: Request, res: Response) => {
    const acting = await coordinator(req, res);
    if (!acting) return;
    const body = needInput.safeParse(req.body ?? {});
    if (!body.success) return sendInvalid(res, 'need', body.error);
    res.status(201);
    res.json(await deps.register.createNeed(body.data, acting.instanceId, acting.member.name));
  });

  server.get('/api/staff/volunteer-needs/:id', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    const found = await needIn(req, res);
    if (found) res.json({ ...found.need, callOuts: found.callOuts, askable: await deps.register.askable(found.need.id, deps.clock()) });
  });

  server.post('/api/staff/volunteer-needs/:id/call-out', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    const found = await needIn(req, res);
    if (!found) return;
    const body = CallOutRequestSchema.safeParse(req.body ?? {});
    if (!body.success) return sendInvalid(res, 'call-out', body.error);
    const count = body.data.count ?? defaultCallOutSize(found.need.count, deps.settings.callOutFactor);
    try {
      const asked = await deps.register.callOut(found.need.id, count, deps.clock());
      const after = await deps.register.need(found.need.id);
      res.json({ asked, ...after.need, callOuts: after.callOuts });
    } catch (error) {
      await refuseClosed(res, found.need.id, error);
    }
  });

  server.post('/api/staff/volunteer-needs/:id/cancel', async (req: Request, res: Response) => {
    if (!(await coordinator(req, res))) return;
    const found = await needIn(req, res);
    if (!found) return;
    try {
      await deps.register.cancel(found.need.id, deps.clock());
      const after = await deps.register.need(found.need.id);
      res.json({ ...after.need, callOuts: after.callOuts });
    } catch (error) {
      await refuseClosed(res, found.need.id, error);
    }
  });
}
