import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { ServiceType } from '@lena/domain';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'facilitator_profile' })
@Check('facilitator_profile_bio_check', 'char_length(bio) <= 2000')
@Check('facilitator_profile_services_check', "services <@ ARRAY['GRP', 'GTS']::text[]")
export class FacilitatorProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'facilitator_profile_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'facilitator_profile_user_id_fkey' })
  userId: string;

  @Column('text', { default: '' })
  bio: string;

  @Column('text', { array: true, default: () => "'{}'" })
  services: ServiceType[];

  /** The zone their working hours are written in. */
  @Column('text', { name: 'time_zone', default: 'Europe/London' })
  timeZone: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
