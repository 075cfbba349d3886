import { HANDOFF_STATUSES, IllegalTransitionError, nextStatus, type HandoffAction } from '../../../src/domain/handoff/lifecycle';

const by = 'staff:anna';
const actions: Record<HandoffAction['type'], HandoffAction> = {
  notify: { type: 'notify', by: 'system' },
  claim: { type: 'claim', by },
  contacted: { type: 'contacted', by },
  close: { type: 'close', by, outcome: 'resolved' },
  reroute: { type: 'reroute', by, instanceId: 'kontaktcenter' },
  reopen: { type: 'reopen', by },
};

describe('the handoff lifecycle', () => {
  it('when a case goes the whole way, then it passes registered → notified → claimed → contacted → closed', () => {
    let status = nextStatus('registered', actions.notify);
    expect(status).toBe('notified');
    status = nextStatus(status, actions.claim);
    expect(status).toBe('claimed');
    status = nextStatus(status, actions.contacted);
    expect(status).toBe('contacted');
    expect(nextStatus(status, actions.close)).toBe('closed');
  });

  it('when a case is rerouted or reopened, then it is registered again', () => {
    expect(nextStatus('claimed', actions.reroute)).toBe('registered');
    expect(nextStatus('closed', actions.reopen)).toBe('registered');
  });

  it.each([
    ['closed', 'claim'],
    ['closed', 'contacted'],
    ['closed', 'reroute'],
    ['registered', 'contacted'],
    ['contacted', 'claim'],
    ['claimed', 'notify'],
    ['registered', 'reopen'],
    ['contacted', 'reroute'],
  ] as const)('when a %s case is given "%s", then that is a typed error', (from, action) => {
    expect(() => nextStatus(from, actions[action])).toThrow(IllegalTransitionError);
    try {
      nextStatus(from, actions[action]);
    } catch (error) {
      expect(error).toMatchObject({ code: 'HANDOFF.ILLEGAL_TRANSITION', from, action });
    }
  });

  it('allows every status to be left in some way except through an illegal step', () => {
    for (const status of HANDOFF_STATUSES) {
      const legal = Object.values(actions).filter((action) => {
        try {
          nextStatus(status, action);
          return true;
        } catch {
          return false;
        }
      });
      expect(legal.length).toBeGreaterThan(0);
    }
  });
});
