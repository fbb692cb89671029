/** Whether a person may use their account at all; a deactivated one cannot sign in or be sent links. */
export const AccountStatus = {
  ACTIVE: 'ACTIVE',
  DEACTIVATED: 'DEACTIVATED',
} as const;
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

/**
 * Who is sent a password-reset link: an active account that has a password. A person invited but
 * not yet signed up has none (they set it through their invitation), and a deactivated one must
 * not be able to set one behind their organisation's back.
 */
export function mayResetPassword(account: { status: AccountStatus; hasPassword: boolean }): boolean {
  return account.status === AccountStatus.ACTIVE && account.hasPassword;
}
