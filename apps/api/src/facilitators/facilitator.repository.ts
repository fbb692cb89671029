import { Injectable } from '@nestjs/common';
import { FacilitatorProfileEntity, UserAccountEntity } from '@lena/database';
import type { ServiceType } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { Facilitator } from './dtos/facilitator.type';

/** A facilitator as FACILITATOR_QUERY selects them: their account and their profile. */
interface FacilitatorRow {
  userId: string;
  displayName: string;
  email: string;
  bio: string;
  services: ServiceType[];
  status: UserAccountEntity['status'];
}

function toFacilitator(row: FacilitatorRow): Facilitator {
  return { userId: row.userId, displayName: row.displayName, email: row.email, bio: row.bio, services: row.services, active: row.status === 'ACTIVE' };
}

const FACILITATOR_QUERY = `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, p.bio, p.services, u.status
  FROM platform_role r JOIN user_account u ON u.id = r.user_id JOIN facilitator_profile p ON p.user_id = u.id
 WHERE r.role = 'FACILITATOR'`;

/**
 * Facilitators: people with the FACILITATOR platform role and a `facilitator_profile`. Their name
 * and whether they may sign in are their account's (`user_account`), written here for the screens
 * that change them.
 */
@Injectable()
export class FacilitatorRepository {
  async list(): Promise<Facilitator[]> {
    const rows = await requestContext().uow.query<FacilitatorRow>(`${FACILITATOR_QUERY} ORDER BY u.display_name`);
    return rows.map(toFacilitator);
  }

  async findById(userId: string): Promise<Facilitator | null> {
    const [row] = await requestContext().uow.query<FacilitatorRow>(`${FACILITATOR_QUERY} AND u.id = $1`, [userId]);
    return row ? toFacilitator(row) : null;
  }

  /** Gives the person an empty profile; one they already have is kept. */
  async createProfile(userId: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.createQueryBuilder().insert().into(FacilitatorProfileEntity).values({ userId }).orIgnore().updateEntity(false).execute();
  }

  async updateProfile(userId: string, profile: { displayName: string; bio: string; services: ServiceType[] }): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(UserAccountEntity, { id: userId }, { displayName: profile.displayName, updatedAt: () => 'now()' });
    await manager.update(FacilitatorProfileEntity, { userId }, { bio: profile.bio, services: profile.services, updatedAt: () => 'now()' });
  }

  async setAccountStatus(userId: string, status: UserAccountEntity['status']): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(UserAccountEntity, { id: userId }, { status, updatedAt: () => 'now()' });
  }
}
