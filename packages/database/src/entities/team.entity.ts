import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';

@Entity({ name: 'team' })
// Unique on (tenant_id, lower(name)) among teams not deleted: TypeORM cannot describe an index on
// an expression, so it is declared by name only and left to the migration.
@Index('team_name_key', { synchronize: false })
@Check('team_name_check', 'char_length(name) BETWEEN 1 AND 120')
@Check('team_deleted_only_when_archived', 'deleted_at IS NULL OR archived_at IS NOT NULL')
export class TeamEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'team_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'team_tenant_id_fkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'team_pkey' })
  id: string;

  @Column('text')
  name: string;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
