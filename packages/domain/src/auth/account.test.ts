import { AccountStatus, mayResetPassword } from './account.js';

describe('mayResetPassword', () => {
  it('lets an active account with a password reset it', () => {
    expect(mayResetPassword({ status: AccountStatus.ACTIVE, hasPassword: true })).toBe(true);
  });

  it('refuses a deactivated account, and an invited one that has no password yet', () => {
    expect(mayResetPassword({ status: AccountStatus.DEACTIVATED, hasPassword: true })).toBe(false);
    expect(mayResetPassword({ status: AccountStatus.ACTIVE, hasPassword: false })).toBe(false);
  });
});
