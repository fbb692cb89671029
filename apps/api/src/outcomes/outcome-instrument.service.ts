import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  AuditAction,
  DomainError,
  instrumentUsable,
  outcomeInstrumentProblems,
  parseInput,
  PROQOL_LICENCE_ENTRY,
  SHIPPED_OUTCOME_INSTRUMENTS,
  tenantInstrumentSchema,
  tenantOutcomeInstrument,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { OutcomeInstrument } from './dtos/outcome-instrument.type';
import type { TenantInstrumentInput } from './dtos/outcome.inputs';
import { OutcomeInstrumentRepository, type ShippedEntry, type StoredConfirmation, type StoredInstrument } from './outcome-instrument.repository';

/** What the platform ships, as rows: the domain's instruments, and licence entries with no wording. */
const SHIPPED: readonly ShippedEntry[] = [
  ...SHIPPED_OUTCOME_INSTRUMENTS.map((instrument) => ({
    key: instrument.key,
    version: instrument.version,
    title: instrument.title,
    licence: instrument.licence,
    definition: instrument,
  })),
  { key: PROQOL_LICENCE_ENTRY.key, version: 1, title: PROQOL_LICENCE_ENTRY.title, licence: PROQOL_LICENCE_ENTRY.licence, definition: null },
];

/**
 * The instruments an organisation's programmes may ask: the platform's, the organisation's own
 * (which platform admins add and supersede, never edit), and licence entries that the
 * organisation must confirm first.
 */
@Injectable()
export class OutcomeInstrumentService implements OnApplicationBootstrap {
  constructor(
    private readonly instruments: OutcomeInstrumentRepository,
    private readonly audit: AuditService,
  ) {}

  /** Writes the shipped instruments that are missing; refuses to start if a stored one differs from its definition. */
  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.instruments.ensureShipped(SHIPPED);
    if (changed.length > 0) {
      throw new Error(`Shipped outcome instruments changed without a new version: ${changed.join(', ')}. Give the changed definition a new version.`);
    }
  }

  /** The choices of the organisation the principal acts in or (a platform admin) names; a platform admin naming none sees the platform's only. */
  async list(principal: Principal, tenantId: string | null | undefined): Promise<OutcomeInstrument[]> {
    const target = await this.target(principal, tenantId ?? null);
    const [shipped, own, confirmations] = await Promise.all([
      this.instruments.latestShipped(),
      target ? this.instruments.latestOwn(target) : Promise.resolve([]),
      target ? this.instruments.confirmations(target) : Promise.resolve([]),
    ]);
    const confirmed = new Map(confirmations.map((confirmation) => [confirmation.instrumentKey, confirmation]));
    return [...shipped, ...own].map((stored) => toInstrument(stored, confirmed));
  }

  /** The organisation's admin accepts an instrument's licence terms; the first confirmation stands, and is audited. */
  async confirmLicence(principal: Principal, tenantId: string, instrumentKey: string): Promise<OutcomeInstrument> {
    const entry = (await this.instruments.latestShipped()).find((stored) => stored.key === instrumentKey);
    if (!entry) throw DomainError.notFound('That instrument');
    if (!entry.licence.tenantMustConfirm) throw DomainError.badInput('That instrument’s licence needs no confirmation: your programmes may use it already.');
    if (await this.instruments.confirm(tenantId, instrumentKey, principal.userId)) {
      await this.audit.record({
        action: AuditAction.INSTRUMENT_LICENCE_CONFIRMED,
        tenantId,
        targetType: 'outcome_instrument',
        targetId: instrumentKey,
        detail: { terms: entry.licence.terms },
      });
    }
    const confirmations = await this.instruments.confirmations(tenantId);
    return toInstrument(entry, new Map(confirmations.map((confirmation) => [confirmation.instrumentKey, confirmation])));
  }

  /** A platform admin adds an organisation's own instrument at version 1; CONFLICT if the key is taken (supersede it instead). */
  async addOwn(principal: Principal, input: TenantInstrumentInput): Promise<OutcomeInstrument> {
    const tenantId = await this.enterTenant(input.tenantId);
    const latest = await this.instruments.latestOwnVersion(tenantId, input.key);
    if (latest !== null) throw DomainError.conflict('This organisation already has an instrument with that key. Supersede it with a new version instead.');
    return this.store(principal, tenantId, input, 1, AuditAction.OUTCOME_INSTRUMENT_ADDED);
  }

  /** A platform admin supersedes an organisation's own instrument: a new version, the old one left exactly as answered. */
  async supersedeOwn(principal: Principal, input: TenantInstrumentInput): Promise<OutcomeInstrument> {
    const tenantId = await this.enterTenant(input.tenantId);
    const latest = await this.instruments.latestOwnVersion(tenantId, input.key);
    if (latest === null) throw DomainError.notFound('That instrument');
    return this.store(principal, tenantId, input, latest + 1, AuditAction.OUTCOME_INSTRUMENT_SUPERSEDED);
  }

  /** The newest version of each instrument the organisation may ask now, by key (for setting a programme's plan). */
  async usableVersions(tenantId: string): Promise<Map<string, StoredInstrument & { usable: boolean }>> {
    const [shipped, own, confirmations] = await Promise.all([this.instruments.latestShipped(), this.instruments.latestOwn(tenantId), this.instruments.confirmations(tenantId)]);
    const confirmed = new Set(confirmations.map((confirmation) => confirmation.instrumentKey));
    return new Map([...shipped, ...own].map((stored) => [stored.key, { ...stored, usable: instrumentUsable(stored.licence, stored.key, confirmed) }]));
  }

  private async store(principal: Principal, tenantId: string, input: TenantInstrumentInput, version: number, action: AuditAction): Promise<OutcomeInstrument> {
    const { tenantId: _ignored, ...definition } = input;
    const instrument = tenantOutcomeInstrument(parseInput(tenantInstrumentSchema, definition), version);
    const problems = outcomeInstrumentProblems(instrument);
    if (problems.length > 0)
      throw DomainError.badInput(
        problems.join(' '),
        problems.map((message) => ({ field: 'input', message })),
      );
    await this.instruments.insertOwn(tenantId, instrument, principal.userId);
    await this.audit.record({ action, tenantId, targetType: 'outcome_instrument', targetId: instrument.key, detail: { version } });
    return toInstrument({ key: instrument.key, version, title: instrument.title, licence: instrument.licence, definition: instrument, tenantSpecific: true }, new Map());
  }

  /** The organisation whose instruments to read: the org admin's own; for a platform admin, the one named (entered explicitly), if any. */
  private async target(principal: Principal, tenantId: string | null): Promise<string | null> {
    if (principal.tenantId) {
      if (tenantId !== null && tenantId !== principal.tenantId) throw DomainError.notFound('That organisation');
      return principal.tenantId;
    }
    return tenantId === null ? null : this.enterTenant(tenantId);
  }

  private async enterTenant(tenantId: string): Promise<string> {
    if (!uuidSchema.safeParse(tenantId).success || !(await this.instruments.tenantExists(tenantId))) throw DomainError.notFound('That organisation');
    await requestContext().uow.actAs({ tenantId });
    return tenantId;
  }
}

function toInstrument(stored: StoredInstrument, confirmations: ReadonlyMap<string, StoredConfirmation>): OutcomeInstrument {
  const confirmation = confirmations.get(stored.key);
  const definition = stored.definition;
  return {
    key: stored.key,
    version: stored.version,
    title: stored.title,
    instructions: definition?.instructions ?? null,
    licence: stored.licence,
    licenceOnly: definition === null,
    tenantSpecific: stored.tenantSpecific,
    itemCount: definition?.items.length ?? 0,
    subscales: (definition?.subscales ?? []).map((subscale) => ({
      key: subscale.key,
      title: subscale.title,
      itemCount: subscale.items.length,
      direction: subscale.direction,
      reliability: subscale.reliability ?? null,
    })),
    confirmation: confirmation ? { confirmedAt: confirmation.confirmedAt, confirmedByName: confirmation.confirmedByName } : null,
    usable: !stored.licence.tenantMustConfirm || confirmation !== undefined,
  };
}
