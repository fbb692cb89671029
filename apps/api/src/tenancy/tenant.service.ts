import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import {
  AuditAction,
  createTenantSchema,
  DomainError,
  isPlatformAdmin,
  parseInput,
  TenantStatus,
  updateTenantSchema,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { SessionService } from '../sessions/session.service';
import type { Tenant } from './dtos/tenant.type';
import type { CreateTenantInput, UpdateTenantInput } from './dtos/tenant.inputs';

const TENANT_COLUMNS = `id, name, slug, time_zone AS "timeZone", locale, min_reporting_group_size AS "minReportingGroupSize",
  org_admins_see_individual_attendance AS "orgAdminsSeeIndividualAttendance", status, suspended_at AS "suspendedAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const COLUMN_OF: Record<string, string> = {
  name: 'name',
  slug: 'slug',
  timeZone: 'time_zone',
  locale: 'locale',
  minReportingGroupSize: 'min_reporting_group_size',
  orgAdminsSeeIndividualAttendance: 'org_admins_see_individual_attendance',
};

@Injectable()
export class TenantService {
  constructor(
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async findById(id: string): Promise<Tenant | null> {
    if (!uuidSchema.safeParse(id).success) return null;
    const [tenant] = await requestContext().uow.query<Tenant>(`SELECT ${TENANT_COLUMNS} FROM tenant WHERE id = $1`, [id]);
    return tenant ?? null;
  }

  /** A platform admin sees any organisation; an org admin only their own. Others: not found. */
  async get(principal: Principal, id: string): Promise<Tenant> {
    const visible = isPlatformAdmin(principal) || principal.tenantId === id;
    const tenant = visible ? await this.findById(id) : null;
    if (!tenant) throw DomainError.notFound('That organisation');
    return tenant;
  }

  list(): Promise<Tenant[]> {
    return requestContext().uow.query<Tenant>(`SELECT ${TENANT_COLUMNS} FROM tenant ORDER BY name`);
  }

  async create(input: CreateTenantInput): Promise<Tenant> {
    const values = parseInput(createTenantSchema, input);
    await this.assertSlugFree(values.slug);
    const rows = await requestContext().uow.query<Tenant>(
      `INSERT INTO tenant (name, slug, time_zone, locale, min_reporting_group_size, org_admins_see_individual_attendance)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${TENANT_COLUMNS}`,
      [values.name, values.slug, values.timeZone, values.locale, values.minReportingGroupSize, values.orgAdminsSeeIndividualAttendance],
    );
    const tenant = oneRow(rows, 'tenant');
    await this.audit.record({ action: AuditAction.TENANT_CREATED, tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, detail: { slug: tenant.slug } });
    return tenant;
  }

  async update(input: UpdateTenantInput): Promise<Tenant> {
    const { id, ...changes } = input;
    const existing = await this.findById(id);
    if (!existing) throw DomainError.notFound('That organisation');
    const values = parseInput(updateTenantSchema, stripUndefined(changes));
    if (values.slug && values.slug !== existing.slug) await this.assertSlugFree(values.slug);
    const fields = Object.entries(values).filter(([, value]) => value !== undefined);
    if (fields.length === 0) return existing;
    const assignments = fields.map(([field], index) => `${COLUMN_OF[field]} = $${index + 2}`);
    const rows = await requestContext().uow.query<Tenant>(
      `UPDATE tenant SET ${assignments.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
      [id, ...fields.map(([, value]) => value)],
    );
    const tenant = oneRow(rows, 'tenant');
    await this.audit.record({ action: AuditAction.TENANT_UPDATED, tenantId: id, targetType: 'tenant', targetId: id, detail: { changed: fields.map(([field]) => field) } });
    return tenant;
  }

  /** Suspension keeps every record but ends the organisation's sessions at once. */
  async suspend(id: string): Promise<Tenant> {
    const tenant = await this.setStatus(id, TenantStatus.SUSPENDED);
    await this.sessions.revokeTenantSessions(id, 'organisation suspended');
    await this.audit.record({ action: AuditAction.TENANT_SUSPENDED, tenantId: id, targetType: 'tenant', targetId: id });
    return tenant;
  }

  async reactivate(id: string): Promise<Tenant> {
    const tenant = await this.setStatus(id, TenantStatus.ACTIVE);
    await this.audit.record({ action: AuditAction.TENANT_REACTIVATED, tenantId: id, targetType: 'tenant', targetId: id });
    return tenant;
  }

  private async setStatus(id: string, status: TenantStatus): Promise<Tenant> {
    if (!(await this.findById(id))) throw DomainError.notFound('That organisation');
    const rows = await requestContext().uow.query<Tenant>(
      `UPDATE tenant SET status = $2, suspended_at = CASE WHEN $2 = 'SUSPENDED' THEN now() END, updated_at = now()
        WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
      [id, status],
    );
    return oneRow(rows, 'tenant');
  }

  private async assertSlugFree(slug: string): Promise<void> {
    const taken = await requestContext().uow.query('SELECT 1 FROM tenant WHERE slug = $1', [slug]);
    if (taken.length) {
      throw new DomainError('CONFLICT', 'Another organisation already uses that short name. Choose another.', [
        { field: 'slug', message: 'Another organisation already uses that short name.' },
      ]);
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null)) as Partial<T>;
}
