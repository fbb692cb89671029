import { Injectable } from '@nestjs/common';
import { PasswordResetEntity } from '@lena/database';
import { AuthPolicy } from '@lena/domain';
import { DataSource, IsNull } from 'typeorm';
import { OneTimeLinks, type IssuedLink } from '../common/one-time-link';
import { requestContext } from '../common/request-context';

/** Password-reset links: one-time links kept in password_reset, spent by stamping `used_at`. */
export const PASSWORD_RESET_LINKS = new OneTimeLinks({
  table: 'password_reset',
  alias: 'r',
  spentColumn: 'used_at',
  lifetimeSeconds: AuthPolicy.passwordResetSeconds,
  invalidMessage: 'This reset link has expired or has already been used. Ask for a new one.',
});

interface SpentResetRow {
  user_id: string;
}

/**
 * Password-reset links (password_reset, a platform table). Only a link's hash is stored; finding
 * and spending one are the one-time-link statements every kind of link shares.
 */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async store(userId: string, link: IssuedLink): Promise<void> {
    await PASSWORD_RESET_LINKS.store(requestContext().uow, { user_id: userId }, link);
  }

  /** One autocommit statement on the pool, so nothing is held while the new password is hashed. */
  async isUsable(tokenHash: Buffer): Promise<boolean> {
    return (await PASSWORD_RESET_LINKS.findUsable(this.dataSource, tokenHash, { select: '1' })) !== undefined;
  }

  /**
   * Spends the link in one statement, so of two requests presenting it only one succeeds; returns
   * whose link it was. Refuses it as an invalid link when it is no longer usable.
   */
  async spend(tokenHash: Buffer): Promise<{ userId: string }> {
    const row = await PASSWORD_RESET_LINKS.spend<SpentResetRow>(requestContext().uow, tokenHash, 'user_id');
    return { userId: row.user_id };
  }

  /** Every link of the person not used yet stops working. */
  async voidUnusedOf(userId: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(PasswordResetEntity, { userId, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }
}
