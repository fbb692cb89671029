import { emailAddressHash, redactEmailAddresses } from './redact-email-addresses';

describe('redactEmailAddresses', () => {
  it('replaces each address, however the server quotes it, by a short hash of its lower-case form', () => {
    const text = `Can't send mail - all recipients were rejected: 550 5.1.1 <Sam.O'Neil+grp@Northshire-CP.test>: Recipient refused; cc "jo@coastal-ambulance.test"`;
    const redacted = redactEmailAddresses(text);
    expect(redacted).toBe(
      `Can't send mail - all recipients were rejected: 550 5.1.1 <<email:${emailAddressHash("sam.o'neil+grp@northshire-cp.test")}>>: Recipient refused; cc "<email:${emailAddressHash('jo@coastal-ambulance.test')}>"`,
    );
    expect(redacted).not.toMatch(/@/);
    expect(emailAddressHash('A@B.test')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('leaves text without addresses as it was', () => {
    expect(redactEmailAddresses('connect ECONNREFUSED 127.0.0.1:1025')).toBe('connect ECONNREFUSED 127.0.0.1:1025');
  });
});
