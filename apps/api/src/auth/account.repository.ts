import { Injectable } from '@nestjs/common';
import { UserAccountEntity } from '@lena/database';
import type { AccountStatus } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** What the viewer shows of a person's own account. */
export interface AccountName {
  email: string;
  displayName: string;
}

/** An account as a password-reset request finds it by email. */
export interface ResettableAccount {
  id: string;
  status: AccountStatus;
  hasPassword: boolean;
  /** Provider staff, whose link leads to the facilitator portal. */
  staff: boolean;
}

interface ResettableAccountRow {
  id: string;
  status: AccountStatus;
  has_password: boolean;
  staff: boolean;
}

function toResettableAccount(row: ResettableAccountRow): ResettableAccount {
  return { id: row.id, status: row.status, hasPassword: row.has_password, staff: row.staff };
}

/**
 * A person's own account (user_account, a platform table), in the request's unit of work. Every
 * method is keyed by an id the request already holds for that person (the principal's own, or one
 * a link or sign-in proved), never by an id sent in the request.
 */
@Injectable()
export class AccountRepository {
  async findName(userId: string): Promise<AccountName | null> {
    const manager = await requestContext().uow.manager();
    return manager.findOne(UserAccountEntity, { select: { id: true, email: true, displayName: true }, where: { id: userId } });
  }

  /** The email (the sign-in limit's key) and the password hash a current password is checked against. */
  async findPasswordCheck(userId: string): Promise<{ email: string; passwordHash: string | null } | null> {
    const manager = await requestContext().uow.manager();
    return manager.findOne(UserAccountEntity, { select: { id: true, email: true, passwordHash: true }, where: { id: userId } });
  }

  /** The account with this email, whatever its state, or null. */
  async findResettable(email: string): Promise<ResettableAccount | null> {
    const [row] = await requestContext().uow.query<ResettableAccountRow>(
      `SELECT u.id, u.status, u.password_hash IS NOT NULL AS has_password,
              EXISTS (SELECT 1 FROM platform_role r WHERE r.user_id = u.id) AS staff
         FROM user_account u WHERE u.email = $1`,
      [email],
    );
    return row ? toResettableAccount(row) : null;
  }

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(UserAccountEntity, { id: userId }, { displayName, updatedAt: () => 'now()' });
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(UserAccountEntity, { id: userId }, { passwordHash, updatedAt: () => 'now()' });
  }
}
