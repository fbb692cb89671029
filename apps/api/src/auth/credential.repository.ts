import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredCredentials {
  id: string;
  passwordHash: string | null;
  status: 'ACTIVE' | 'DEACTIVATED';
}

/**
 * Reads what a password is checked against, each read one autocommit statement on the pool, so
 * that no connection is held while argon2 works (sign-in, accepting an invitation, resetting a
 * password). user_account is a platform table: no tenant setting is needed.
 */
@Injectable()
export class CredentialStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(email: string): Promise<StoredCredentials | null> {
    const [row] = (await this.dataSource.query(
      'SELECT id, password_hash AS "passwordHash", status FROM user_account WHERE email = $1',
      [email],
    )) as StoredCredentials[];
    return row ?? null;
  }

  /**
   * What a deactivated person is told once their password has proved who they are: provider
   * staff are deactivated by the platform's administrators, client staff by their organisation.
   */
  async deactivatedMessage(userId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM platform_role WHERE user_id = $1) AS staff`,
      [userId],
    )) as { staff: boolean }[];
    return row?.staff
      ? 'Your Lena account has been deactivated. If you think this is a mistake, please contact a Lena platform administrator.'
      : 'Your Lena account has been deactivated. If you think this is a mistake, please contact the coordinator of your organisation’s Lena programme.';
  }
}
