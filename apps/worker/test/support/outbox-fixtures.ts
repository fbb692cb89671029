import { createDataSource, oneRow } from '@lena/database';
import { OutboxKind, sealEmail, type EmailMessage } from '@lena/jobs';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TEST_OUTBOX_KEY } from './test-environment';

export interface OutboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  enqueued_at: Date | null;
  delivered_at: Date | null;
  attempts: number;
  last_error: string | null;
  failed_at: Date | null;
}

/** Writes and reads `outbox_message` rows as the application role, the way the API does. */
export class OutboxFixtures {
  private constructor(private readonly dataSource: DataSource) {}

  static async connect(appUrl: string): Promise<OutboxFixtures> {
    const dataSource = await createDataSource({ url: appUrl, poolSize: 2, applicationName: 'lena-worker-test' }).initialize();
    return new OutboxFixtures(dataSource);
  }

  /** A sign-in email with a secret link, to a recipient unique to this call. */
  emailMessage(overrides: Partial<EmailMessage> = {}): EmailMessage {
    const token = randomBytes(8).toString('hex');
    return {
      to: `person-${randomBytes(4).toString('hex')}@example.org`,
      subject: 'Your sign-in link for Lena',
      text: `Sign in within 15 minutes: https://lena.test/sign-in?token=${token}`,
      html: `<p><a href="https://lena.test/sign-in?token=${token}">Sign in</a></p>`,
      ...overrides,
    };
  }

  async insert(kind: string, payload: unknown, columns: { createdSecondsAgo?: number } = {}): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO outbox_message (kind, payload, created_at)
       VALUES ($1, $2::jsonb, now() - make_interval(secs => $3)) RETURNING id`,
      [kind, JSON.stringify(payload), columns.createdSecondsAgo ?? 0],
    );
    return oneRow(rows, 'outbox_message').id;
  }

  /** An email row as the API writes it: the body sealed (with the workers' key unless `sealedWith` says otherwise). */
  insertEmail(message: EmailMessage = this.emailMessage(), columns: { createdSecondsAgo?: number; sealedWith?: Buffer } = {}): Promise<string> {
    return this.insert(OutboxKind.email, sealEmail(message, columns.sealedWith ?? Buffer.from(TEST_OUTBOX_KEY, 'base64')), columns);
  }

  async get(id: string): Promise<OutboxRow> {
    const rows: OutboxRow[] = await this.dataSource.query(
      'SELECT id, kind, payload, enqueued_at, delivered_at, attempts, last_error, failed_at FROM outbox_message WHERE id = $1',
      [id],
    );
    if (!rows[0]) throw new Error(`outbox_message ${id} not found`);
    return rows[0];
  }

  async update(id: string, set: string, params: unknown[] = []): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_message SET ${set} WHERE id = $1`, [id, ...params]);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
