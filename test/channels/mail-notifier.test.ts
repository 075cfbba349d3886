import { MailNotifier, undeliverableMail, type MailMessage } from '../../src/channels/mail/mail-notifier';
import type { Notification } from '../../src/domain/notifications';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { handoffView } from '../support/handoff-views';

const catalog = loadCatalogFile();
const handoff = handoffView({
  id: '8d3f9a4e-0000-4000-8000-000000000002',
  reference: 'LOTS-2026-000043',
  routeId: 'ovrigt',
  instanceId: 'kontaktcenter',
  status: 'registered',
});
const notification = (target: string, payload: unknown = { reason: 'http-403' }): Notification => ({
  id: 'job-1',
  kind: 'handoff.undeliverable.mail',
  handoffId: handoff.id,
  target,
  idempotencyKey: 'key',
  attempt: 1,
  payload,
});

describe("e-mail to an instance's shared mailbox", () => {
  const sent: MailMessage[] = [];
  const notifier = (send: (message: MailMessage) => Promise<void>) => new MailNotifier(send, { find: async () => handoff }, catalog);

  it("when Teams could not be reached, then the mailbox is told the reference, the deadline and where to act, in Swedish, without the resident's data", async () => {
    const outcome = await notifier(async (message) => void sent.push(message)).deliver(notification('kontaktcenter'));
    expect(outcome).toEqual({ status: 'delivered', to: { via: 'mail', to: 'kontaktcenter@ekero.se' } });
    const [mail] = sent;
    expect(mail).toMatchObject({ to: 'kontaktcenter@ekero.se', subject: 'Lotsen: ärende LOTS-2026-000043 nådde inte er Teams-kanal' });
    expect(mail!.text).toMatch(/kommunens kontaktcenter i er Teams-kanal \(http-403\)/);
    expect(mail!.text).toMatch(/kontaktas senast: 3 december 2026 kl\. 16:00/);
    expect(mail!.text).toMatch(/fliken Lotsen i Teams/);
    expect(`${mail!.subject}\n${mail!.text}`).not.toMatch(/Anna|Andersson|4670|Förmiddag|demens/);
    expect(mail!.text).not.toMatch(/Under tiden/); // the contact centre is nobody's fallback but its own
    const withFallback = undeliverableMail(
      handoff,
      notification('anhorigkonsulent', { reason: 'http-404', fallback: 'kontaktcenter' }),
      'anhorig@example.se',
      catalog,
    );
    expect(withFallback.text).toMatch(/Under tiden har kommunens kontaktcenter fått ärendet i sin kanal/);
  });

  it('when the mail server refuses for now (4xx) or cannot be reached, then it is tried again; a permanent refusal (5xx) or no mailbox is not', async () => {
    const failing = (error: unknown) => notifier(async () => Promise.reject(error));
    expect(await failing(Object.assign(new Error('busy'), { responseCode: 451 })).deliver(notification('kontaktcenter'))).toEqual({
      status: 'retry',
      reason: 'smtp-451',
    });
    expect(await failing(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })).deliver(notification('kontaktcenter'))).toEqual({
      status: 'retry',
      reason: 'smtp-unreachable',
    });
    expect(await failing(Object.assign(new Error('no such user'), { responseCode: 550 })).deliver(notification('kontaktcenter'))).toEqual({
      status: 'rejected',
      reason: 'smtp-550',
    });
    expect(await notifier(async () => undefined).deliver(notification('anhorigkonsulent'))).toEqual({ status: 'rejected', reason: 'no-mailbox' });
    expect(await new MailNotifier(undefined, { find: async () => handoff }, catalog).deliver(notification('kontaktcenter'))).toEqual({
      status: 'rejected',
      reason: 'mail-not-configured',
    });
  });
});
