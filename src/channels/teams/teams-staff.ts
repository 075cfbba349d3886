import { TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { instanceOf, type Catalog } from '../../domain/catalog/schema.js';
import type { HandoffView } from '../../domain/handoff/handoff.js';
import { AlreadyClaimedError, type StaffActionType } from '../../domain/handoff/lifecycle.js';
import { actOnHandoff, InvalidStaffActionError } from '../../domain/handoff/staff-actions.js';
import { describeForStaff } from '../../domain/handoff/staff-view.js';
import { hasCode } from '../../domain/errors.js';
import { handoffCard } from './handoff-card.js';
import { channelOf, type ChannelLinks, type StaffHandoffs } from './ports.js';
import type { AuditLog } from '../../domain/audit.js';

const VERBS: Readonly<Record<string, StaffActionType>> = {
  'handoff.claim': 'claim',
  'handoff.contacted': 'contacted',
  'handoff.reroute': 'reroute',
  'handoff.close': 'close',
  'handoff.reopen': 'reopen',
};

// Staff-facing words (Swedish: the municipality's staff work in Swedish).
const STAFF_HELP =
  'Skriv "@Lotsen koppla <instans>" i en kanal för att få den instansens ärenden här, "kö" för öppna ärenden och "mina ärenden" för dem du tagit. Ärendena tas, markeras som kontaktade, skickas vidare eller avslutas med knapparna på korten.';

export interface StaffDeps {
  readonly links: ChannelLinks;
  readonly handoffs: StaffHandoffs;
  readonly catalog: Catalog;
  readonly clock: () => Date;
  /** The municipality's Entra tenant: activities from any other tenant are refused. */
  readonly tenantId?: string;
  /** Whether the person (their Entra object id) may link a channel to the instance. */
  readonly mayLink: (aadObjectId: string | undefined, instanceId: string) => boolean;
  /** The instances whose handoffs the person may see in a personal chat with the bot. */
  readonly instancesOfStaff: (aadObjectId: string | undefined) => readonly string[] | 'all';
  readonly audit: AuditLog;
}

/**
 * Staff in Teams: linking a channel to an instance, the queue, and the buttons on handoff
 * cards. Anyone in the channel linked to a handoff's current instance may act on its card
 * (Teams only delivers the invoke from people who see it, authenticated by Bot Framework).
 */
export class TeamsStaffHandler {
  constructor(private readonly deps: StaffDeps) {}

  /** Handles a staff message in Teams; false when it is not one. */
  async onMessage(context: TurnContext): Promise<boolean> {
    if (await this.fromAnotherTenant(context)) {
      await context.sendActivity('Lotsen tar bara emot meddelanden från kommunens egen organisation.');
      return true;
    }
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '')
      .replace(/<at>.*?<\/at>/g, '')
      .trim()
      .toLowerCase();
    const link = /^(?:koppla|link)\s+(\S+)$/.exec(text);
    if (link) return this.link(context, link[1]!);
    if (text === 'kö' || text === 'queue') return this.showQueue(context, undefined);
    if (text === 'mina ärenden' || text === 'my cases') return this.showQueue(context, this.actorId(context));
    await context.sendActivity(STAFF_HELP);
    return true;
  }

  async onCardAction(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (await this.fromAnotherTenant(context))
      return { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'FORBIDDEN', message: 'Bara kommunens egen organisation' } };
    const data = (invoke.action.data ?? {}) as Record<string, unknown>;
    const handoff = typeof data.handoffId === 'string' ? await this.deps.handoffs.find(data.handoffId).catch(() => undefined) : undefined;
    if (!handoff) return { statusCode: 404, type: 'application/vnd.microsoft.error', value: { code: 'NOT_FOUND', message: 'Ärendet finns inte' } };
    const linked = await this.deps.links.instancesOf(channelOf(context.activity.conversation.id));
    // Not this channel's case: say so, without the card (it carries the resident's contact details).
    if (!linked.includes(handoff.instanceId))
      return {
        statusCode: 403,
        type: 'application/vnd.microsoft.error',
        value: { code: 'NOT_LINKED', message: 'Den här kanalen är inte kopplad till ärendets instans; inget har ändrats.' },
      };

    const type = VERBS[invoke.action.verb];
    if (!type) return this.card(handoff, 'Det gick inte: okänd knapp.');
    try {
      const updated = await actOnHandoff(
        this.deps,
        handoff,
        { type, outcome: data.outcome, instanceId: data.instanceId, reason: data.reason },
        {
          name: this.actor(context),
          id: this.actorId(context),
        },
      );
      return this.card(updated);
    } catch (error) {
      const current = (await this.deps.handoffs.find(handoff.id)) ?? handoff;
      if (error instanceof AlreadyClaimedError) return this.card(current, `Redan taget av ${error.claimedBy}.`);
      if (error instanceof InvalidStaffActionError) return this.card(current, 'Det gick inte: välj ett giltigt alternativ.');
      if (hasCode(error, 'HANDOFF.ILLEGAL_TRANSITION', 'HANDOFF.CHANGED')) return this.card(current, 'Ärendet har ändrats under tiden; här är det senaste.');
      throw error;
    }
  }

  private async link(context: TurnContext, instanceId: string): Promise<boolean> {
    const { catalog, links } = this.deps;
    const { activity } = context;
    if (activity.conversation.conversationType !== 'channel') {
      await context.sendActivity('Koppla i den kanal som ska få ärendena: skriv "@Lotsen koppla <instans>" där.');
      return true;
    }
    const instance = instanceOf(catalog, instanceId);
    if (!instance) {
      await context.sendActivity(`Okänd instans "${instanceId}". Giltiga: ${catalog.instances.map((candidate) => candidate.id).join(', ')}.`);
      return true;
    }
    const channel = channelOf(activity.conversation.id);
    const who = { actorId: this.actorId(context), ...(this.tenantOf(context) ? { tenantId: this.tenantOf(context)! } : {}) };
    // Whoever links a channel receives every future handoff of the instance (names, phone
    // numbers, what people wrote): only staff mapped to the instance, or administrators.
    if (!this.deps.mayLink(activity.from.aadObjectId, instance.id)) {
      await this.deps.audit.record({ kind: 'teams.link.refused', ...who, details: { instanceId: instance.id, channel } }, this.deps.clock());
      await context.sendActivity(
        `Du kan inte koppla ${instance.name.sv} hit: bara personal som har behörighet till instansen, eller en administratör, kan koppla en kanal. Be en administratör lägga till dig i Lotsens behörighetsfil.`,
      );
      return true;
    }
    const reference = TurnContext.getConversationReference(activity);
    const channelReference = { ...reference, conversation: { ...reference.conversation, id: channel }, activityId: undefined };
    const { replaced } = await links.link(instance.id, channel, JSON.parse(JSON.stringify(channelReference)) as object, this.actor(context));
    await this.deps.audit.record({ kind: 'teams.link', ...who, details: { instanceId: instance.id, channel, replaced } }, this.deps.clock());
    await context.sendActivity(`Klart: ${instance.name.sv} får sina ärenden i den här kanalen${replaced ? ' (i stället för den tidigare kanalen)' : ''}.`);
    return true;
  }

  /** The activity's Entra tenant, as Teams gives it. */
  private tenantOf(context: TurnContext): string | undefined {
    const { activity } = context;
    return (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  }

  /** With a tenant configured, anything from another tenant is refused (and recorded). */
  private async fromAnotherTenant(context: TurnContext): Promise<boolean> {
    const tenantId = this.tenantOf(context);
    if (!this.deps.tenantId || tenantId === this.deps.tenantId) return false;
    await this.deps.audit.record(
      { kind: 'teams.tenant.refused', actorId: this.actorId(context), ...(tenantId ? { tenantId } : {}), details: { type: context.activity.type } },
      this.deps.clock(),
    );
    return true;
  }

  /**
   * Open handoffs: in a channel, those of the instances linked to it; in a personal chat, those
   * of the instances the person is mapped to. Nobody sees another instance's cases this way.
   */
  private async showQueue(context: TurnContext, claimedById: string | undefined): Promise<boolean> {
    const { conversation, from } = context.activity;
    const visible =
      conversation.conversationType === 'channel'
        ? await this.deps.links.instancesOf(channelOf(conversation.id))
        : this.deps.instancesOfStaff(from.aadObjectId);
    if (visible !== 'all' && visible.length === 0) {
      await context.sendActivity(
        conversation.conversationType === 'channel'
          ? 'Den här kanalen är inte kopplad till någon instans. Koppla den med "@Lotsen koppla <instans>".'
          : 'Du har inte behörighet till någon instans i Lotsen. Be en administratör lägga till dig i behörighetsfilen.',
      );
      return true;
    }
    const open = (await this.deps.handoffs.list(visible === 'all' ? {} : { instanceIds: visible })).filter(
      (handoff) => handoff.status !== 'closed' && (claimedById === undefined || handoff.claimedById === claimedById),
    );
    await context.sendActivity(
      open.length === 0
        ? 'Inga öppna ärenden.'
        : open
            .map((handoff) => {
              const described = describeForStaff(handoff, this.deps.catalog);
              return `${described.title} · ${described.status}`;
            })
            .join('\n\n'),
    );
    return true;
  }

  private card(handoff: HandoffView, notice?: string): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: handoffCard(handoff, this.deps.catalog, notice ? { notice } : {}) };
  }

  private actor(context: TurnContext): string {
    const { from } = context.activity;
    return from.name || `teams:${this.actorId(context)}`;
  }

  /** The Entra object id when Teams gives it (it does for people in a tenant), as the tab knows them. */
  private actorId(context: TurnContext): string {
    const { from } = context.activity;
    return from.aadObjectId ?? from.id;
  }
}
