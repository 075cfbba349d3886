import pino from 'pino';
import { hasCode, safeLogging } from '../../src/domain/errors';
import { AlreadyClaimedError, HandoffChangedError } from '../../src/domain/handoff/lifecycle';

describe('errors', () => {
  it('when an error is logged, then its name, code and frames are kept and its message (which may quote a person) is not', () => {
    const lines: string[] = [];
    const logger = pino({ ...safeLogging }, { write: (line: string) => void lines.push(line) });
    const failure = Object.assign(new Error('insert failed for "Anna Andersson, 070-123 45 67"'), { code: 'P2000' });
    logger.error({ err: failure }, 'registration failed');
    logger.error(failure);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/Anna|070-123/);
      expect(JSON.parse(line)).toMatchObject({ err: { name: 'Error', code: 'P2000', frames: expect.stringContaining('errors.test') } });
    }
  });

  it('when Lotsen raises an error, then callers tell it by its code, and any other error is not mistaken for it', () => {
    expect(hasCode(new HandoffChangedError(), 'HANDOFF.CHANGED', 'HANDOFF.ILLEGAL_TRANSITION')).toBe(true);
    expect(hasCode(new AlreadyClaimedError('Anna Staff'), 'HANDOFF.CHANGED')).toBe(false);
    expect(hasCode(Object.assign(new Error('x'), { code: 'HANDOFF.CHANGED' }), 'HANDOFF.CHANGED')).toBe(false);
    expect(new AlreadyClaimedError('Anna Staff').name).toBe('AlreadyClaimedError');
  });
});
