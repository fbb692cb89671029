import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import type { EmailMessage } from '@lena/jobs';
import { OutboxEmailService } from './outbox-email.service';

/** Who a single-use link is for: one person, one request (feedback on a session, a measurement point). */
export interface LinkRecipient {
  requestId: string;
  userId: string;
}

/** A link to write: its recipient and the hash of its new secret (the secret itself is never stored). */
export interface LinkHash extends LinkRecipient {
  tokenHash: Buffer;
}

/** What sending one kind of link takes. */
export interface LinkBatches<Recipient extends LinkRecipient> {
  /** Rows taken per statement. */
  batchSize: number;
  /** The next batch of people due a link (new, or a reminder). */
  take: () => Promise<Recipient[]>;
  /** Writes the links (creates them, or rotates their secrets), reporting only those it wrote. */
  write: (links: LinkHash[]) => Promise<LinkRecipient[]>;
  /** The email carrying a link's secret. */
  email: (recipient: Recipient, token: string) => EmailMessage;
}

/**
 * Single-use links (feedback, outcome measures) issued and emailed in the tenant job's own
 * transaction: each batch gets new secrets, the links are written, and only the links that write
 * reports are emailed (through the outbox, in the same transaction), so a retry, a second worker or
 * a flushed Redis never sends one twice. The secrets exist only in this process's memory and the
 * sealed outbox body.
 */
@Injectable()
export class SingleUseLinkMailer {
  constructor(private readonly emails: OutboxEmailService) {}

  /** Takes batches until none are left (or a racing sweep wrote a whole batch first); the number of links emailed. */
  async sendInBatches<Recipient extends LinkRecipient>(uow: UnitOfWork, tenantId: string, links: LinkBatches<Recipient>): Promise<number> {
    let sent = 0;
    for (;;) {
      const recipients = await links.take();
      if (recipients.length === 0) break;
      const written = await this.send(uow, tenantId, recipients, links);
      sent += written;
      // A racing sweep wrote these: the next batch would find the same rows again.
      if (recipients.length < links.batchSize || written === 0) break;
    }
    return sent;
  }

  private async send<Recipient extends LinkRecipient>(uow: UnitOfWork, tenantId: string, recipients: readonly Recipient[], links: LinkBatches<Recipient>): Promise<number> {
    const secrets = new Map(recipients.map((recipient) => [key(recipient), { recipient, ...newSecret() }]));
    const written = await links.write([...secrets.values()].map(({ recipient, tokenHash }) => ({ requestId: recipient.requestId, userId: recipient.userId, tokenHash })));
    const messages = written.map((link) => {
      const { recipient, token } = secrets.get(key(link))!;
      return links.email(recipient, token);
    });
    await this.emails.queueEmails(uow, tenantId, messages);
    return written.length;
  }
}

/** A new link secret: 32 random bytes, base64url (the token patterns the pages check); only its hash is stored. */
function newSecret(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: createHash('sha256').update(token).digest() };
}

const key = (link: LinkRecipient) => `${link.requestId}/${link.userId}`;
