import { Injectable } from '@nestjs/common';
import { PlatformRoleEntity, UserAccountEntity } from '@lena/database';
import type { AccountStatus } from '@lena/domain';
import { DataSource } from 'typeorm';

export interface StoredCredentials {
  id: string;
  passwordHash: string | null;
  status: AccountStatus;
}

/**
 * Reads what a password is checked against, each read one autocommit statement on the pool, so
 * that no connection is held while argon2 works (sign-in, accepting an invitation, resetting a
 * password). user_account and platform_role are platform tables: no tenant setting is needed.
 */
@Injectable()
export class CredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(email: string): Promise<StoredCredentials | null> {
    return this.dataSource.manager.findOne(UserAccountEntity, { select: { id: true, passwordHash: true, status: true }, where: { email } });
  }

  /** Provider staff (anyone with a platform role) rather than an organisation's people. */
  async isStaff(userId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(PlatformRoleEntity, { userId });
  }
}
