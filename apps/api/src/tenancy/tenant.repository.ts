import { Injectable } from '@nestjs/common';
import { oneRow, TenantEntity } from '@lena/database';
import type { CreateTenant, OrganisationSettings as SettingsValues, UpdateTenant } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { OrganisationSettings } from './dtos/organisation-settings.type';
import type { Tenant } from './dtos/tenant.type';

/**
 * The `tenant` table: the organisations themselves, a platform table (no row-level security).
 * The GraphQL type has the entity's shape, so entities are returned as they are read.
 */
@Injectable()
export class TenantRepository {
  async findById(id: string): Promise<Tenant | null> {
    const manager = await requestContext().uow.manager();
    return manager.findOneBy(TenantEntity, { id });
  }

  async list(): Promise<Tenant[]> {
    const manager = await requestContext().uow.manager();
    return manager.find(TenantEntity, { order: { name: 'ASC' } });
  }

  async slugTaken(slug: string): Promise<boolean> {
    const manager = await requestContext().uow.manager();
    return manager.existsBy(TenantEntity, { slug });
  }

  async create(values: CreateTenant): Promise<Tenant> {
    const manager = await requestContext().uow.manager();
    const { identifiers } = await manager.insert(TenantEntity, values);
    return manager.findOneByOrFail(TenantEntity, { id: String(oneRow(identifiers, 'tenant').id) });
  }

  /** Changes the given fields (an empty change is not asked for) and returns the organisation as it now is. */
  async update(id: string, changes: UpdateTenant): Promise<Tenant> {
    return this.change(id, changes);
  }

  async setReminderOffsets(id: string, reminderOffsetsMinutes: number[]): Promise<Tenant> {
    return this.change(id, { reminderOffsetsMinutes });
  }

  /** The organisation's own settings (feedback, note retention), or null when there is no such organisation. */
  async organisationSettings(id: string): Promise<OrganisationSettings | null> {
    const manager = await requestContext().uow.manager();
    const tenant = await manager.findOneBy(TenantEntity, { id });
    return tenant && toOrganisationSettings(tenant);
  }

  async setOrganisationSettings(id: string, settings: SettingsValues): Promise<OrganisationSettings> {
    await this.change(id, {
      feedbackWindowDays: settings.feedbackWindowDays,
      feedbackReminderAfterHours: settings.feedbackReminderAfterHours,
      feedbackGrpCommentsEnabled: settings.grpCommentsEnabled,
      feedbackMinCommentGroupSize: settings.commentThreshold,
      noteRetentionMonths: settings.noteRetentionMonths,
    });
    const manager = await requestContext().uow.manager();
    return toOrganisationSettings(await manager.findOneByOrFail(TenantEntity, { id }));
  }

  /** Records when it was suspended; suspending again restarts that clock. */
  async markSuspended(id: string): Promise<Tenant> {
    return this.change(id, { status: 'SUSPENDED', suspendedAt: () => 'now()' });
  }

  async markActive(id: string): Promise<Tenant> {
    return this.change(id, { status: 'ACTIVE', suspendedAt: null });
  }

  private async change(
    id: string,
    changes:
      | UpdateTenant
      | { status: TenantEntity['status']; suspendedAt: null | (() => string) }
      | { reminderOffsetsMinutes: number[] }
      | Pick<TenantEntity, 'feedbackWindowDays' | 'feedbackReminderAfterHours' | 'feedbackGrpCommentsEnabled' | 'feedbackMinCommentGroupSize' | 'noteRetentionMonths'>,
  ): Promise<Tenant> {
    const manager = await requestContext().uow.manager();
    await manager.update(TenantEntity, { id }, { ...changes, updatedAt: () => 'now()' });
    return manager.findOneByOrFail(TenantEntity, { id });
  }
}

function toOrganisationSettings(tenant: TenantEntity): OrganisationSettings {
  return {
    feedbackWindowDays: tenant.feedbackWindowDays,
    feedbackReminderAfterHours: tenant.feedbackReminderAfterHours,
    grpCommentsEnabled: tenant.feedbackGrpCommentsEnabled,
    commentThreshold: tenant.feedbackMinCommentGroupSize,
    noteRetentionMonths: tenant.noteRetentionMonths,
    minGroupSize: tenant.minReportingGroupSize,
  };
}
