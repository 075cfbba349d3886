import { StaffAccessSchema, staffMemberOf, unknownInstances } from '../../src/domain/staff/staff-access';

const access = StaffAccessSchema.parse({
  admins: { groups: ['00000000-0000-4000-8000-00000000ad00'] },
  instances: {
    idelabbet: { users: ['00000000-0000-4000-8000-000000000001'], groups: ['00000000-0000-4000-8000-00000000a001'] },
    kontaktcenter: { groups: ['00000000-0000-4000-8000-00000000a001'] },
  },
});
const person = (id: string, groups: string[] = [], roles: string[] = []) => ({ id, name: 'N', groups, roles });

describe('staff access', () => {
  it('when a person is listed as a user, then they see that instance only', () => {
    expect(staffMemberOf(person('00000000-0000-4000-8000-000000000001'), access).instances).toEqual(['idelabbet']);
  });

  it('when a person is in a group mapped to two instances, then they see both', () => {
    expect(staffMemberOf(person('x', ['00000000-0000-4000-8000-00000000a001']), access).instances).toEqual(['idelabbet', 'kontaktcenter']);
  });

  it('when a person is in the admin group or has the admin role, then they see all', () => {
    expect(staffMemberOf(person('x', ['00000000-0000-4000-8000-00000000ad00']), access).instances).toBe('all');
    expect(staffMemberOf(person('x', [], ['Lotsen.Admin']), access).instances).toBe('all');
  });

  it('when a person is in no mapping, then they see nothing', () => {
    expect(staffMemberOf(person('x', ['00000000-0000-4000-8000-00000000ffff'], ['Other.Role']), access).instances).toEqual([]);
  });

  it('when the file names a user by something other than an object id, then it is refused', () => {
    expect(StaffAccessSchema.safeParse({ instances: { idelabbet: { users: ['anna@ekero.se'] } } }).success).toBe(false);
  });

  it('when the mapping names an instance the catalog lacks, then it is reported', () => {
    expect(unknownInstances(access, ['idelabbet'])).toEqual(['kontaktcenter']);
  });
});
