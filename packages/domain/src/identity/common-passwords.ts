import { dictionary } from '@zxcvbn-ts/language-common';
import { acceptInvitationSchema, changePasswordSchema, newPasswordSchema, resetPasswordSchema } from './identity-schemas.js';

/**
 * NIST SP 800-63B (5.1.1.2): refuse passwords that are known to be common, expected or already
 * breached, because attackers try those first. The list is zxcvbn-ts's "passwords-common" (about
 * 49,000 passwords ranked from breach corpora), shipped in the package and checked offline.
 *
 * It is ~380 KB, so it lives behind its own entry point (`@lena/domain/common-passwords`): the API
 * imports it, while the portals keep the light schemas of the main entry.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

export const COMMON_PASSWORD_MESSAGE =
  'This password is too common: it is on lists of passwords that attackers try first. Choose another, for example three or more unrelated words.';

/** Letters with digits or symbols stuck on the ends ("Password123!", "!!monkey2024") are as guessable as the word. */
const DECORATION = /^[^\p{L}]+|[^\p{L}]+$/gu;

/**
 * True when the password, ignoring case, is on the list, or is a listed password with digits or
 * symbols added before or after it.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const core = lower.replace(DECORATION, '');
  return core.length > 0 && core !== lower && COMMON_PASSWORDS.has(core);
}

/**
 * A new password that also passes the common-password check. Passwords too short or too long are
 * left to the length rules, so the person reads one message, not two.
 */
export const screenedNewPasswordSchema = newPasswordSchema.refine((password) => password.length < 12 || password.length > 128 || !isCommonPassword(password), {
  error: COMMON_PASSWORD_MESSAGE,
});

/** The API's versions of the schemas that set a password: the same fields, screened. */
export const screenedAcceptInvitationSchema = acceptInvitationSchema.safeExtend({ password: screenedNewPasswordSchema });
export const screenedResetPasswordSchema = resetPasswordSchema.safeExtend({ password: screenedNewPasswordSchema });
export const screenedChangePasswordSchema = changePasswordSchema.safeExtend({ newPassword: screenedNewPasswordSchema });
