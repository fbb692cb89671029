import { randomBytes } from 'node:crypto';
import { createDataSource, oneRow, withUnitOfWork } from '@lena/database';
import type { DataSource } from 'typeorm';

export interface Person {
  id: string;
  email: string;
  name: string;
}

export interface ProgrammeSeries {
  rrule: string;
  startLocal: string;
  timeZone: string;
  sessionCount: number;
  startSlots?: string[];
}

const unique = () => randomBytes(4).toString('hex');

/**
 * Organisations, people and programmes for the scheduling tests, written through the owner's
 * connection in each tenant's unit of work (forced row-level security applies to the owner too).
 */
export class SchedulingFixtures {
  private constructor(readonly owner: DataSource) {}

  static async connect(ownerUrl: string): Promise<SchedulingFixtures> {
    return new SchedulingFixtures(await createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'lena-worker-test' }).initialize());
  }

  /** Runs `sql` in the tenant's unit of work (or in none, for platform tables). */
  async query<T = Record<string, unknown>>(tenantId: string | null, sql: string, params: unknown[] = []): Promise<T[]> {
    return withUnitOfWork(this.owner, { tenantId, userId: null }, (uow) => uow.query<T>(sql, params));
  }

  async tenant(): Promise<string> {
    const rows = await this.query<{ id: string }>(null, `INSERT INTO tenant (name, slug, time_zone) VALUES ($1, $2, 'Europe/London') RETURNING id`, [
      `Organisation ${unique()}`,
      `org-${unique()}`,
    ]);
    return oneRow(rows, 'tenant').id;
  }

  async person(label: string): Promise<Person> {
    const suffix = unique();
    const email = `${label.toLowerCase()}-${suffix}@example.org`;
    const name = `${label} ${suffix}`;
    const rows = await this.query<{ id: string }>(null, 'INSERT INTO user_account (email, display_name) VALUES ($1, $2) RETURNING id', [email, name]);
    return { id: oneRow(rows, 'user_account').id, email, name };
  }

  async participant(tenantId: string): Promise<Person> {
    const person = await this.person('Participant');
    await this.query(tenantId, "INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, 'PARTICIPANT')", [tenantId, person.id]);
    return person;
  }

  async facilitator(): Promise<Person> {
    const person = await this.person('Facilitator');
    await this.query(null, "INSERT INTO platform_role (user_id, role) VALUES ($1, 'FACILITATOR')", [person.id]);
    return person;
  }

  /**
   * A programme in `status` (ACCEPTED by default: the trigger puts it on the expansion waiting
   * list), with its facilitator and enrolled participants.
   */
  async programme(
    tenantId: string,
    series: ProgrammeSeries,
    people: { facilitators?: Person[]; participants?: Person[]; status?: string; title?: string } = {},
  ): Promise<{ id: string; title: string }> {
    const title = people.title ?? `Reflective practice ${unique()}`;
    const id = await withUnitOfWork(this.owner, { tenantId, userId: null }, async (uow) => {
      const team = oneRow(await uow.query<{ id: string }>('INSERT INTO team (tenant_id, name) VALUES ($1, $2) RETURNING id', [tenantId, `Team ${unique()}`]), 'team');
      const programme = oneRow(
        await uow.query<{ id: string }>(
          `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, start_slots, time_zone, video_link)
           VALUES ($1, $2, 'GRP', $3, 'PROPOSED', $4, $5, $6, $7, $8, 'https://meet.example.org/grp') RETURNING id`,
          [tenantId, team.id, title, series.sessionCount, series.rrule, series.startLocal, series.startSlots ?? [], series.timeZone],
        ),
        'programme',
      );
      for (const [index, facilitator] of (people.facilitators ?? []).entries()) {
        await uow.query('INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, $4)', [
          tenantId,
          programme.id,
          facilitator.id,
          index === 0 ? 'LEAD' : 'CO_FACILITATOR',
        ]);
      }
      for (const participant of people.participants ?? []) {
        await uow.query('INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3)', [tenantId, programme.id, participant.id]);
      }
      // Accepted last, as the API would: once its people are in place.
      await uow.query('UPDATE programme SET status = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, programme.id, people.status ?? 'ACCEPTED']);
      return programme.id;
    });
    return { id, title };
  }

  /** One session of an already expanded programme, starting `startsInMs` from now (its reminders planned by the trigger). */
  async sessionStartingIn(tenantId: string, programmeId: string, sequence: number, startsInMs: number): Promise<{ id: string; startsAt: Date }> {
    const rows = await this.query<{ id: string; starts_at: Date }>(
      tenantId,
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
       VALUES ($1, $2, $3, clock_timestamp() + make_interval(secs => $4::float8 / 1000), clock_timestamp() + make_interval(secs => $4::float8 / 1000) + interval '90 minutes')
       RETURNING id, starts_at`,
      [tenantId, programmeId, sequence, startsInMs],
    );
    const row = oneRow(rows, 'group_session');
    return { id: row.id, startsAt: row.starts_at };
  }

  async sessions(tenantId: string, programmeId: string): Promise<Array<{ id: string; sequence: number; starts_at: Date; ends_at: Date; calendar_sequence: number }>> {
    return this.query(tenantId, 'SELECT id, sequence, starts_at, ends_at, calendar_sequence FROM group_session WHERE tenant_id = $1 AND programme_id = $2 ORDER BY sequence', [
      tenantId,
      programmeId,
    ]);
  }

  async reminders(tenantId: string, sessionId: string): Promise<Array<{ offset_minutes: number; due_at: Date; sent_at: Date | null }>> {
    return this.query(tenantId, 'SELECT offset_minutes, due_at, sent_at FROM session_reminder WHERE tenant_id = $1 AND session_id = $2 ORDER BY offset_minutes DESC', [
      tenantId,
      sessionId,
    ]);
  }

  /** Outbox rows (platform table) whose subject starts with `subjectPrefix`, by recipient. */
  async outboxRecipients(tenantId: string, subjectPrefix: string): Promise<string[]> {
    const rows = await this.query<{ to: string }>(
      null,
      `SELECT payload->>'to' AS "to" FROM outbox_message WHERE tenant_id = $1 AND starts_with(payload->>'subject', $2) ORDER BY payload->>'to'`,
      [tenantId, subjectPrefix],
    );
    return rows.map((row) => row.to);
  }

  close(): Promise<void> {
    return this.owner.destroy();
  }
}
