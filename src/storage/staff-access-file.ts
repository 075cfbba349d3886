import { StaffAccessSchema, type StaffAccess } from '../domain/staff/staff-access.js';
import { readYamlFile, YamlFileError } from './yaml-file.js';

/** No file: nobody is mapped, so only holders of the admin app role see handoffs. */
const NOBODY: StaffAccess = { admins: { users: [], groups: [] }, instances: {} };

/** Reads `STAFF_ACCESS_PATH` (Entra user/group ids → instances), validated with file, line and field. */
export function loadStaffAccessFile(file: string | undefined): StaffAccess {
  return file ? readYamlFile(file, StaffAccessSchema, 'Staff access', (message) => new YamlFileError('STAFF_ACCESS.INVALID', message)) : NOBODY;
}
