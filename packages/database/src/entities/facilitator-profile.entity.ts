import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceType } from '@lena/domain';

@Entity({ name: 'facilitator_profile' })
export class FacilitatorProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  bio: string;

  @Column('text', { array: true })
  services: ServiceType[];

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
