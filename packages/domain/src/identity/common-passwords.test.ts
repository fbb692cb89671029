import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  COMMON_PASSWORD_MESSAGE,
  isCommonPassword,
  screenedAcceptInvitationSchema,
  screenedChangePasswordSchema,
  screenedNewPasswordSchema,
  screenedResetPasswordSchema,
} from './common-passwords.js';
import { changePasswordSchema, newPasswordSchema } from './identity-schemas.js';

const messagesOf = (result: { error?: { issues: { message: string }[] } }) => (result.error?.issues ?? []).map((issue) => issue.message);

describe('isCommonPassword', () => {
  it.each(['password', 'qwerty123456', '1qaz2wsx3edc', 'administrator', 'leavemealone', 'finalfantasy'])('finds %j on the list', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it('ignores case, as guessing tools do', () => {
    expect(isCommonPassword('LeaveMeAlone')).toBe(true);
    expect(isCommonPassword('QWERTY123456')).toBe(true);
  });

  it.each(['Password123!', '!!sunshine2024', 'Football1234', '123456monkey'])('sees through digits and symbols added to a listed word: %j', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['correct horse battery staple', 'Lena-demo-2026!', 'plum kettle orbit lantern', 'Tuesday-Gravel-47-Heron'])('lets %j through', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });
});

describe('screenedNewPasswordSchema', () => {
  it('refuses a long enough password from the list with a message that says why and what to do', () => {
    const result = screenedNewPasswordSchema.safeParse('qwertyuiop123');
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual([COMMON_PASSWORD_MESSAGE]);
    expect(COMMON_PASSWORD_MESSAGE).toMatch(/^This password is too common: .+ Choose another, for example three or more unrelated words\.$/);
  });

  it('the light schema of the main entry accepts the same password (the check is the API’s)', () => {
    expect(newPasswordSchema.safeParse('qwertyuiop123').success).toBe(true);
  });

  it('leaves a short common password to the length rule: one message, not two', () => {
    expect(messagesOf(screenedNewPasswordSchema.safeParse('password'))).toEqual(['Passwords must be at least 12 characters.']);
  });

  it('accepts a passphrase', () => {
    expect(screenedNewPasswordSchema.parse('plum kettle orbit lantern')).toBe('plum kettle orbit lantern');
  });
});

describe('the screened schemas that set a password', () => {
  const token = 'k'.repeat(43);

  it('accepting an invitation', () => {
    const result = screenedAcceptInvitationSchema.safeParse({ token, displayName: 'Pat', password: 'Password12345' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['password', COMMON_PASSWORD_MESSAGE]]);
    expect(screenedAcceptInvitationSchema.parse({ token, displayName: ' Pat ', password: 'plum kettle orbit lantern' }).displayName).toBe('Pat');
  });

  it('resetting a password', () => {
    const result = screenedResetPasswordSchema.safeParse({ token, password: 'administrator' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password']);
    expect(screenedResetPasswordSchema.safeParse({ token, password: 'plum kettle orbit lantern' }).success).toBe(true);
  });

  it('changing a password, keeping the rule that the new one differs from the current one', () => {
    const common = screenedChangePasswordSchema.safeParse({ currentPassword: 'whatever it was', newPassword: 'leavemealone' });
    expect(common.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['newPassword', COMMON_PASSWORD_MESSAGE]]);
    const same = screenedChangePasswordSchema.safeParse({ currentPassword: 'plum kettle orbit lantern', newPassword: 'plum kettle orbit lantern' });
    expect(messagesOf(same)).toEqual(['Choose a new password that is different from your current one.']);
    expect(messagesOf(changePasswordSchema.safeParse({ currentPassword: '', newPassword: 'plum kettle orbit lantern' }))).toEqual(['Enter your current password.']);
  });
});

describe('bundle size', () => {
  /** Every module the main entry reaches through relative imports, read from source. */
  function reachableFromIndex(): Map<string, string> {
    const seen = new Map<string, string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      const source = readFileSync(file, 'utf8');
      seen.set(file, source);
      for (const [, specifier] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(resolve(dirname(file), `${specifier}.ts`));
    };
    visit(resolve(__dirname, '../index.ts'));
    return seen;
  }

  it('the main entry, which the portals load, never reaches the password list', () => {
    const modules = reachableFromIndex();
    expect(modules.has(resolve(__dirname, 'identity-schemas.ts'))).toBe(true);
    expect(modules.has(resolve(__dirname, 'common-passwords.ts'))).toBe(false);
    for (const [file, source] of modules) expect({ file, importsList: source.includes('@zxcvbn-ts') }).toEqual({ file, importsList: false });
  });
});
