import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { bearerToken } from '../channels/credentials.js';
import type { StaffMember } from '../domain/staff/staff-access.js';
import { sendError } from './http-errors.js';

/** Who a bearer token belongs to (Teams SSO, or the development token), or undefined. */
export type Authenticate = (token: string) => Promise<StaffMember | undefined>;

/** The staff member a request is from, or undefined after answering 401 (no valid token) or 403 (mapped to no instance). */
export async function staffMemberOf(authenticate: Authenticate, req: Request, res: Response): Promise<StaffMember | undefined> {
  const token = bearerToken(req.headers.authorization);
  const member = token ? await authenticate(token) : undefined;
  if (!member) return void sendError(res, 401, 'A valid staff bearer token is required');
  if (member.instances !== 'all' && member.instances.length === 0) {
    return void sendError(res, 403, 'You are not mapped to any instance; ask a Lotsen administrator to add you or your group');
  }
  return member;
}

/** 400 naming the first bad field of a query or a body. */
export const sendInvalid = (res: Response, what: string, error: z.ZodError) =>
  sendError(res, 400, `Invalid ${what}: ${error.issues[0]!.path.join('.') || what} ${error.issues[0]!.message}`);
