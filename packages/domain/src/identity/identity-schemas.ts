import { z } from 'zod';
import { ServiceType } from '../programmes/service-type.js';

export const emailSchema = z
  .string()
  .trim()
  .max(254, { error: 'Email addresses can be at most 254 characters.' })
  .pipe(z.email({ error: 'Enter an email address like name@example.org.' }))
  .transform((email) => email.toLowerCase());

/**
 * Names travel into email subjects and headers, where a line break or control character would
 * end the header (or forge another): they are refused where they are typed.
 */
export function hasControlCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

export function singleLine<T extends z.ZodString>(schema: T, what: string) {
  return schema.refine((value) => !hasControlCharacter(value), { error: `${what} must be on one line, without line breaks or tabs.` });
}

export const personNameSchema = singleLine(z.string().trim().min(1, { error: 'Enter a name.' }).max(120, { error: 'Names can be at most 120 characters.' }), 'Names');

/** Long passphrases beat complexity rules (NCSC and NIST guidance); cap the length argon2 hashes. */
export const newPasswordSchema = z
  .string()
  .min(12, { error: 'Passwords must be at least 12 characters.' })
  .max(128, { error: 'Passwords can be at most 128 characters.' })
  .refine((password) => new Set(password).size >= 4, {
    error: 'Choose a password that is not one character repeated.',
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'Enter your password.' }).max(128, { error: 'Passwords can be at most 128 characters.' }),
});

export const tokenSchema = z.string().min(20, { error: 'This link is not valid.' }).max(200, { error: 'This link is not valid.' });

export const acceptInvitationSchema = z.object({
  token: tokenSchema,
  displayName: personNameSchema,
  password: newPasswordSchema,
});

export const resetPasswordSchema = z.object({
  token: tokenSchema,
  password: newPasswordSchema,
});

/** The password someone types to prove it is them: any length they may have set before. */
export const currentPasswordSchema = z.string().min(1, { error: 'Enter your current password.' }).max(128, { error: 'Passwords can be at most 128 characters.' });

/**
 * Changing one's own password. The API refuses common passwords too (see
 * `@lena/domain/common-passwords`), which this light version leaves out for the browser's sake.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: newPasswordSchema,
  })
  .refine((values) => values.newPassword !== values.currentPassword, {
    error: 'Choose a new password that is different from your current one.',
    path: ['newPassword'],
  });

/** Changing one's own details. The email address is the sign-in name, so it is not changed here. */
export const updateProfileSchema = z.object({
  displayName: personNameSchema,
});

export const facilitatorProfileSchema = z.object({
  displayName: personNameSchema,
  bio: z.string().trim().max(2000, { error: 'The biography can be at most 2,000 characters.' }),
  services: z
    .array(z.enum(ServiceType))
    .max(2)
    .transform((services) => [...new Set(services)]),
});
