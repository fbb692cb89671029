import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  createTenantSchema,
  DomainError,
  isPlatformAdmin,
  organisationSettingsSchema,
  parseInput,
  reminderOffsetsSchema,
  updateTenantSchema,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { SessionService } from '../sessions/session.service';
import type { OrganisationSettings, OrganisationSettingsInput } from './dtos/organisation-settings.type';
import type { Tenant } from './dtos/tenant.type';
import type { CreateTenantInput, UpdateTenantInput } from './dtos/tenant.inputs';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class TenantService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async findById(id: string): Promise<Tenant | null> {
    return uuidSchema.safeParse(id).success ? this.tenants.findById(id) : null;
  }

  /** A platform admin sees any organisation; an org admin only their own. Others: not found. */
  async get(principal: Principal, id: string): Promise<Tenant> {
    const visible = isPlatformAdmin(principal) || principal.tenantId === id;
    const tenant = visible ? await this.findById(id) : null;
    if (!tenant) throw DomainError.notFound('That organisation');
    return tenant;
  }

  list(): Promise<Tenant[]> {
    return this.tenants.list();
  }

  async create(input: CreateTenantInput): Promise<Tenant> {
    const values = parseInput(createTenantSchema, input);
    await this.assertSlugFree(values.slug);
    const tenant = await this.tenants.create(values);
    await this.audit.record({ action: AuditAction.TENANT_CREATED, tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, detail: { slug: tenant.slug } });
    return tenant;
  }

  async update(input: UpdateTenantInput): Promise<Tenant> {
    const { id, ...changes } = input;
    const existing = await this.findById(id);
    if (!existing) throw DomainError.notFound('That organisation');
    const values = parseInput(updateTenantSchema, stripUndefined(changes));
    if (values.slug && values.slug !== existing.slug) await this.assertSlugFree(values.slug);
    const given = stripUndefined(values);
    const changed = Object.keys(given);
    if (changed.length === 0) return existing;
    const tenant = await this.tenants.update(id, given);
    await this.audit.record({ action: AuditAction.TENANT_UPDATED, tenantId: id, targetType: 'tenant', targetId: id, detail: { changed } });
    return tenant;
  }

  /**
   * The organisation's reminders, in its own transaction: the database re-plans the reminders of
   * every session to come as the setting changes (and refuses the change anywhere else).
   */
  async setReminderOffsets(tenantId: string, offsetsMinutes: number[]): Promise<Tenant> {
    const { offsetsMinutes: offsets } = parseInput(z.object({ offsetsMinutes: reminderOffsetsSchema }), { offsetsMinutes });
    const tenant = await this.tenants.setReminderOffsets(tenantId, offsets);
    await this.audit.record({
      action: AuditAction.TENANT_UPDATED,
      tenantId,
      targetType: 'tenant',
      targetId: tenantId,
      detail: { changed: ['reminderOffsetsMinutes'], reminderOffsetsMinutes: offsets },
    });
    return tenant;
  }

  /** The organisation's own feedback and note-retention settings, for its admins. */
  async organisationSettings(tenantId: string): Promise<OrganisationSettings> {
    const settings = await this.tenants.organisationSettings(tenantId);
    if (!settings) throw DomainError.notFound('That organisation');
    return settings;
  }

  /**
   * Its admins change them, all at once (one form): each problem by field, nothing written unless
   * every value is sound; the change audited with what changed (numbers and a yes/no, no person).
   * A window or reminder applies to feedback requests opened from now on; a comment threshold and
   * the comments switch to what results screens show (and publish) from now on.
   */
  async updateOrganisationSettings(tenantId: string, input: OrganisationSettingsInput): Promise<OrganisationSettings> {
    const values = parseInput(organisationSettingsSchema, input);
    const before = await this.organisationSettings(tenantId);
    const changed = (Object.keys(values) as Array<keyof typeof values>).filter((key) => values[key] !== before[key]);
    if (changed.length === 0) return before;
    const after = await this.tenants.setOrganisationSettings(tenantId, values);
    await this.audit.record({
      action: AuditAction.TENANT_UPDATED,
      tenantId,
      targetType: 'tenant',
      targetId: tenantId,
      detail: { changed, ...Object.fromEntries(changed.map((key) => [key, { from: before[key], to: values[key] }])) },
    });
    return after;
  }

  /** Suspension keeps every record but ends the organisation's sessions at once. */
  async suspend(id: string): Promise<Tenant> {
    await this.assertExists(id);
    const tenant = await this.tenants.markSuspended(id);
    await this.sessions.revokeTenantSessions(id, 'organisation suspended');
    await this.audit.record({ action: AuditAction.TENANT_SUSPENDED, tenantId: id, targetType: 'tenant', targetId: id });
    return tenant;
  }

  async reactivate(id: string): Promise<Tenant> {
    await this.assertExists(id);
    const tenant = await this.tenants.markActive(id);
    await this.audit.record({ action: AuditAction.TENANT_REACTIVATED, tenantId: id, targetType: 'tenant', targetId: id });
    return tenant;
  }

  private async assertExists(id: string): Promise<void> {
    if (!(await this.findById(id))) throw DomainError.notFound('That organisation');
  }

  private async assertSlugFree(slug: string): Promise<void> {
    if (await this.tenants.slugTaken(slug)) {
      throw new DomainError('CONFLICT', 'Another organisation already uses that short name. Choose another.', [
        { field: 'slug', message: 'Another organisation already uses that short name.' },
      ]);
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null)) as Partial<T>;
}
