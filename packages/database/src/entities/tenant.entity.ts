import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'tenant' })
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  slug: string;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('text')
  locale: string;

  @Column('integer', { name: 'min_reporting_group_size' })
  minReportingGroupSize: number;

  @Column('boolean', { name: 'org_admins_see_individual_attendance' })
  orgAdminsSeeIndividualAttendance: boolean;

  @Column('text')
  status: 'ACTIVE' | 'SUSPENDED';

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
