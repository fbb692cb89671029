import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash } from '@node-rs/argon2';
import { oneRow, rollupUpsert } from '@lena/database';
import {
  AuthPolicy,
  computeOutcomeRollup,
  COPENHAGEN_BURNOUT_INVENTORY,
  DEFAULT_SESSION_FEEDBACK,
  publishSubscales,
  type PlatformRole,
  type RollupInput,
  type RollupMeasurement,
  type SubscaleRollup,
  type TenantRole,
} from '@lena/domain';
import { openEmail, sealEmail, type EmailMessage } from '@lena/jobs';
import type { Client } from 'pg';

/** Every fixture person signs in with this password. */
export const FIXTURE_PASSWORD = 'correct horse battery staple';

// Hashing costs ~50 ms, so it is done once per test file and the hash reused.
let fixtureHash: Promise<string> | undefined;
export function fixturePasswordHash(): Promise<string> {
  fixtureHash ??= hash(FIXTURE_PASSWORD, {
    algorithm: Algorithm.Argon2id,
    memoryCost: AuthPolicy.argon2.memoryCost,
    timeCost: AuthPolicy.argon2.timeCost,
    parallelism: AuthPolicy.argon2.parallelism,
  });
  return fixtureHash;
}

/** A short random suffix: rate-limit counters in Redis outlive a run, so names must be unique. */
export function unique(): string {
  return randomBytes(5).toString('hex');
}

const WORK_BURNOUT = COPENHAGEN_BURNOUT_INVENTORY.subscales.find((subscale) => subscale.key === 'work')!;

/** The one subscale the outcome tests roll up: the CBI's work-related burnout. */
export const WORK_BURNOUT_SUBSCALES: RollupInput['subscales'] = [
  { instrumentKey: 'cbi', subscaleKey: 'work', direction: WORK_BURNOUT.direction, reliability: WORK_BURNOUT.reliability! },
];

/** `pairs` people's work-related burnout in a programme: 60 + index at baseline, `final(index)` at the end. */
export function workBurnoutPairs(programmeId: string, pairs: number, final: (index: number) => number): RollupMeasurement[] {
  return Array.from({ length: pairs }, (_, index) => [
    { instrumentKey: 'cbi', point: 'BASELINE' as const, pseudonym: `${programmeId}-${index}`, scores: { work: 60 + index } },
    { instrumentKey: 'cbi', point: 'FINAL' as const, pseudonym: `${programmeId}-${index}`, scores: { work: final(index) } },
  ]).flat();
}

export interface TenantFixture {
  id: string;
  name: string;
  slug: string;
}

export interface UserFixture {
  id: string;
  email: string;
  displayName: string;
  password: string;
}

export interface TeamFixture {
  id: string;
  tenantId: string;
  name: string;
}

export interface ProgrammeFixture {
  id: string;
  tenantId: string;
  teamId: string;
  title: string;
}

export interface InvitationFixture {
  id: string;
  tenantId: string | null;
  email: string;
  /** The secret link token (only its hash is stored). */
  token: string;
}

/**
 * Factories that write straight through the owner's connection: fast, and real rows. Tenant rows
 * are inserted with the tenant setting, as FORCEd row-level security would demand of a table
 * owner that is not a superuser.
 */
export class Fixtures {
  constructor(
    private readonly owner: Client,
    /** The API's LENA_OUTBOX_KEY: queued email bodies are sealed with it. */
    private readonly outboxKey: Buffer,
  ) {}

  async tenant(overrides: Partial<{ name: string; slug: string; status: 'ACTIVE' | 'SUSPENDED'; timeZone: string; locale: string }> = {}): Promise<TenantFixture> {
    const suffix = unique();
    const { rows } = await this.owner.query<TenantFixture>(`INSERT INTO tenant (name, slug, time_zone, locale, status) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, slug`, [
      overrides.name ?? `Organisation ${suffix}`,
      overrides.slug ?? `org-${suffix}`,
      overrides.timeZone ?? 'Europe/London',
      overrides.locale ?? 'en-GB',
      overrides.status ?? 'ACTIVE',
    ]);
    return oneRow(rows, 'tenant');
  }

  async user(overrides: Partial<{ email: string; displayName: string; status: 'ACTIVE' | 'DEACTIVATED' }> = {}): Promise<UserFixture> {
    const suffix = unique();
    const email = overrides.email ?? `person-${suffix}@example.org`;
    const displayName = overrides.displayName ?? `Person ${suffix}`;
    const { rows } = await this.owner.query<{ id: string }>(`INSERT INTO user_account (email, display_name, password_hash, status) VALUES ($1, $2, $3, $4) RETURNING id`, [
      email,
      displayName,
      await fixturePasswordHash(),
      overrides.status ?? 'ACTIVE',
    ]);
    return { id: oneRow(rows, 'user_account').id, email, displayName, password: FIXTURE_PASSWORD };
  }

  async platformRole(userId: string, role: PlatformRole): Promise<void> {
    await this.owner.query('INSERT INTO platform_role (user_id, role) VALUES ($1, $2)', [userId, role]);
    if (role === 'FACILITATOR') {
      await this.owner.query('INSERT INTO facilitator_profile (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
    }
  }

  async platformAdmin(): Promise<UserFixture> {
    const user = await this.user({ displayName: `Admin ${unique()}` });
    await this.platformRole(user.id, 'PLATFORM_ADMIN');
    return user;
  }

  async facilitator(): Promise<UserFixture> {
    const user = await this.user({ displayName: `Facilitator ${unique()}` });
    await this.platformRole(user.id, 'FACILITATOR');
    return user;
  }

  async membership(tenantId: string, userId: string, role: TenantRole): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, $3)', [tenantId, userId, role]);
  }

  async member(tenantId: string, role: TenantRole): Promise<UserFixture> {
    const user = await this.user();
    await this.membership(tenantId, user.id, role);
    return user;
  }

  orgAdmin(tenantId: string): Promise<UserFixture> {
    return this.member(tenantId, 'ORG_ADMIN');
  }

  participant(tenantId: string): Promise<UserFixture> {
    return this.member(tenantId, 'PARTICIPANT');
  }

  async team(tenantId: string, name = `Team ${unique()}`): Promise<TeamFixture> {
    const rows = await this.asTenant<{ id: string }>(tenantId, 'INSERT INTO team (tenant_id, name) VALUES ($1, $2) RETURNING id', [tenantId, name]);
    return { id: oneRow(rows, 'team').id, tenantId, name };
  }

  async teamMember(tenantId: string, teamId: string, userId: string): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)', [tenantId, teamId, userId]);
  }

  async needsAssessment(tenantId: string, teamId: string): Promise<{ id: string }> {
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `INSERT INTO needs_assessment (tenant_id, team_id, questionnaire_version, answers, recommendation) VALUES ($1, $2, 'fixture', '{}', '{}') RETURNING id`,
      [tenantId, teamId],
    );
    return { id: oneRow(rows, 'needs_assessment').id };
  }

  /** A requested programme of six weekly sessions; the series fields are the request's wishes. */
  async programme(tenantId: string, teamId: string, overrides: Partial<{ title: string; serviceType: 'GRP' | 'GTS' }> = {}): Promise<ProgrammeFixture> {
    const title = overrides.title ?? `Programme ${unique()}`;
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `INSERT INTO programme (tenant_id, team_id, service_type, title, session_count, rrule, start_local, time_zone)
       VALUES ($1, $2, $3, $4, 6, 'FREQ=WEEKLY;COUNT=6', '2027-03-17T10:00:00', 'Europe/London') RETURNING id`,
      [tenantId, teamId, overrides.serviceType ?? 'GRP', title],
    );
    return { id: oneRow(rows, 'programme').id, tenantId, teamId, title };
  }

  async programmeFacilitator(tenantId: string, programmeId: string, userId: string, role: 'LEAD' | 'CO_FACILITATOR' = 'LEAD'): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, $4)', [tenantId, programmeId, userId, role]);
  }

  async enrolment(tenantId: string, programmeId: string, userId: string): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3)', [tenantId, programmeId, userId]);
  }

  /** Session `sequence` of the programme's series, 90 minutes from `startsAt`. */
  async groupSession(tenantId: string, programmeId: string, sequence: number, startsAt: Date): Promise<{ id: string }> {
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $4::timestamptz + interval '90 minutes') RETURNING id`,
      [tenantId, programmeId, sequence, startsAt],
    );
    return { id: oneRow(rows, 'group_session').id };
  }

  /** The default feedback form's row (as the request opener will write it), once. */
  async feedbackInstrument(): Promise<{ id: string }> {
    const { rows } = await this.owner.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key, version) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2`,
      [DEFAULT_SESSION_FEEDBACK.key, DEFAULT_SESSION_FEEDBACK.version, DEFAULT_SESSION_FEEDBACK.licence, JSON.stringify(DEFAULT_SESSION_FEEDBACK)],
    );
    return { id: oneRow(rows, 'feedback_instrument').id };
  }

  /** A session's feedback request, open from an hour ago until `closesAt` (a week by default). */
  async feedbackRequest(tenantId: string, sessionId: string, options: { closesAt?: Date } = {}): Promise<{ id: string }> {
    const instrument = await this.feedbackInstrument();
    const closesAt = options.closesAt ?? new Date(Date.now() + 7 * 86_400_000);
    const opensAt = new Date(Math.min(Date.now() - 3_600_000, closesAt.getTime() - 7_200_000));
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
      [tenantId, sessionId, instrument.id, opensAt, closesAt],
    );
    return { id: oneRow(rows, 'feedback_request').id };
  }

  /** One person's unspent single-use link to a request; the test knows its secret. */
  async feedbackLink(tenantId: string, requestId: string, userId: string): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `WITH link AS (INSERT INTO feedback_link (tenant_id, request_id, user_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING tenant_id, id)
       INSERT INTO feedback_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM link RETURNING link_id AS id`,
      [tenantId, requestId, userId, createHash('sha256').update(token).digest()],
    );
    return { id: oneRow(rows, 'feedback_link').id, token };
  }

  /** A programme's outcome plan asking `instrumentKeys` (version 1 each), set by `updatedBy`. */
  async outcomePlan(tenantId: string, programmeId: string, updatedBy: string, instrumentKeys: readonly string[] = ['cbi']): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO programme_outcome_plan (tenant_id, programme_id, midpoint, updated_by) VALUES ($1, $2, false, $3)', [
      tenantId,
      programmeId,
      updatedBy,
    ]);
    for (const key of instrumentKeys) {
      await this.asTenant(tenantId, 'INSERT INTO programme_outcome_instrument (tenant_id, programme_id, instrument_key, instrument_version) VALUES ($1, $2, $3, 1)', [
        tenantId,
        programmeId,
        key,
      ]);
    }
  }

  /** A programme's measurement point, open from a day ago until `closesAt` (a week by default). */
  async outcomeRequest(tenantId: string, programmeId: string, point: 'BASELINE' | 'MIDPOINT' | 'FINAL' | 'FOLLOW_UP', options: { closesAt?: Date } = {}): Promise<{ id: string }> {
    const closesAt = options.closesAt ?? new Date(Date.now() + 7 * 86_400_000);
    const opensAt = new Date(Math.min(Date.now() - 86_400_000, closesAt.getTime() - 7_200_000));
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `INSERT INTO outcome_request (tenant_id, programme_id, point, opens_at, remind_at, closes_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
      [tenantId, programmeId, point, opensAt, closesAt],
    );
    return { id: oneRow(rows, 'outcome_request').id };
  }

  /** One person's unspent single-use link to a measurement point; the test knows its secret. */
  async outcomeLink(tenantId: string, requestId: string, userId: string): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const rows = await this.asTenant<{ id: string }>(
      tenantId,
      `WITH link AS (INSERT INTO outcome_link (tenant_id, request_id, user_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING tenant_id, id)
       INSERT INTO outcome_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM link RETURNING link_id AS id`,
      [tenantId, requestId, userId, createHash('sha256').update(token).digest()],
    );
    return { id: oneRow(rows, 'outcome_link').id, token };
  }

  async attendance(tenantId: string, sessionId: string, userId: string, status: 'PRESENT' | 'ABSENT' | 'APOLOGIES' | 'LATE' = 'PRESENT'): Promise<void> {
    await this.asTenant(tenantId, 'INSERT INTO attendance (tenant_id, session_id, user_id, status) VALUES ($1, $2, $3, $4)', [tenantId, sessionId, userId, status]);
  }

  /** A session's notes as a facilitator would have saved them: GTS text, or GRP themes and a line. */
  async sessionNote(
    tenantId: string,
    sessionId: string,
    notes:
      | { kind: 'GTS'; caseSummaries: string; strategies?: string; actionItems?: { text: string; sharedWithGroup?: boolean }[] }
      | { kind: 'GRP'; themes: string[]; themeLine: string },
  ): Promise<{ actionItemIds: string[] }> {
    if (notes.kind === 'GRP') {
      await this.asTenant(tenantId, `INSERT INTO session_note (tenant_id, session_id, kind, themes, theme_line) VALUES ($1, $2, 'GRP', $3, $4)`, [
        tenantId,
        sessionId,
        notes.themes,
        notes.themeLine,
      ]);
      return { actionItemIds: [] };
    }
    await this.asTenant(tenantId, `INSERT INTO session_note (tenant_id, session_id, kind, case_summaries, strategies) VALUES ($1, $2, 'GTS', $3, $4)`, [
      tenantId,
      sessionId,
      notes.caseSummaries,
      notes.strategies ?? '',
    ]);
    const actionItemIds: string[] = [];
    for (const [position, item] of (notes.actionItems ?? []).entries()) {
      const rows = await this.asTenant<{ id: string }>(
        tenantId,
        'INSERT INTO session_action_item (tenant_id, session_id, position, text, shared_with_group) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [tenantId, sessionId, position, item.text, item.sharedWithGroup ?? false],
      );
      actionItemIds.push(oneRow(rows, 'session_action_item').id);
    }
    return { actionItemIds };
  }

  /**
   * The outcomes rows an organisation can own: an instrument of its own (added by `createdBy`), a
   * confirmed licence, a programme's plan asking that instrument, one pseudonymous measurement, and
   * a measurement point asked with `createdBy`'s unspent link.
   */
  async outcomeRows(tenantId: string, programmeId: string, createdBy: string): Promise<{ instrumentKey: string }> {
    const instrumentKey = `own-${unique()}`.toLowerCase();
    await this.asTenant(
      tenantId,
      `INSERT INTO tenant_outcome_instrument (tenant_id, key, version, title, licence, definition, created_by) VALUES ($1, $2, 1, 'Own instrument', '{}', '{}', $3)`,
      [tenantId, instrumentKey, createdBy],
    );
    await this.asTenant(tenantId, `INSERT INTO tenant_instrument_licence (tenant_id, instrument_key, confirmed_by) VALUES ($1, 'proqol-5', $2)`, [tenantId, createdBy]);
    await this.asTenant(tenantId, 'INSERT INTO programme_outcome_plan (tenant_id, programme_id, midpoint, updated_by) VALUES ($1, $2, false, $3)', [
      tenantId,
      programmeId,
      createdBy,
    ]);
    await this.asTenant(tenantId, 'INSERT INTO programme_outcome_instrument (tenant_id, programme_id, instrument_key, instrument_version) VALUES ($1, $2, $3, 1)', [
      tenantId,
      programmeId,
      instrumentKey,
    ]);
    await this.asTenant(
      tenantId,
      `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) VALUES ($1, $2, $3, 1, 'BASELINE', $4, '{"score": 3}')`,
      [tenantId, programmeId, instrumentKey, randomBytes(32).toString('hex')],
    );
    // A point asked (the follow-up: asking the baseline would freeze the plan) with one unspent link.
    const request = await this.outcomeRequest(tenantId, programmeId, 'FOLLOW_UP');
    await this.outcomeLink(tenantId, request.id, createdBy);
    // The worker's rollup of it: nothing paired yet.
    await this.asTenant(
      tenantId,
      `INSERT INTO outcome_rollup (tenant_id, programme_id, sessions_bought, sessions_planned, sessions_delivered, sessions_cancelled, attendance_marked,
                                   attendance_present, attendees, final_month, months, subscales, measurements)
       VALUES ($1, $2, 6, 0, 0, 0, 0, 0, 0, NULL, '[]', '[]', 1)`,
      [tenantId, programmeId],
    );
    // A report of it asked for, not yet built.
    await this.asTenant(
      tenantId,
      `INSERT INTO outcome_report (tenant_id, requested_by, scope, programme_id, expires_at) VALUES ($1, $2, 'PROGRAMME', $3, now() + interval '30 days')`,
      [tenantId, createdBy, programmeId],
    );
    return { instrumentKey };
  }

  /**
   * Writes a programme's rollup as the worker does: the figures `computeOutcomeRollup` makes of
   * `input`, and the subscales published by the domain's rule against what the row published
   * before (minimum group size 5).
   */
  async outcomeRollup(tenantId: string, programmeId: string, input: RollupInput): Promise<void> {
    const figures = computeOutcomeRollup(input);
    const [previous] = await this.asTenant<{ published: SubscaleRollup[] }>(
      tenantId,
      'SELECT published_subscales AS published FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2',
      [tenantId, programmeId],
    );
    const { sql, params } = rollupUpsert(tenantId, programmeId, figures, publishSubscales(figures.subscales, previous?.published ?? [], 5));
    await this.asTenant(tenantId, sql, params);
  }

  /** A pending invitation whose link token the test knows. */
  async invitation(input: {
    tenantId: string | null;
    role: 'ORG_ADMIN' | 'PARTICIPANT' | 'FACILITATOR' | 'PLATFORM_ADMIN';
    email?: string;
    teamId?: string;
  }): Promise<InvitationFixture> {
    const token = randomBytes(32).toString('base64url');
    const email = input.email ?? `invitee-${unique()}@example.org`;
    const { rows } = await this.owner.query<{ id: string }>(
      `INSERT INTO invitation (email, tenant_id, role, team_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '7 days') RETURNING id`,
      [email, input.tenantId, input.role, input.teamId ?? null, createHash('sha256').update(token).digest()],
    );
    return { id: oneRow(rows, 'invitation').id, tenantId: input.tenantId, email, token };
  }

  /**
   * The newest email queued for `to`, opened as the worker opens it: the very message it will send.
   * Emails are sealed in the outbox (LENA_OUTBOX_KEY), so tests read email content only through here.
   */
  async queuedEmailTo(to: string): Promise<EmailMessage> {
    const { rows } = await this.owner.query<{ payload: unknown }>(
      `SELECT payload FROM outbox_message WHERE kind = 'email' AND payload->>'to' = $1 ORDER BY created_at DESC, id LIMIT 1`,
      [to],
    );
    const [row] = rows;
    if (!row) throw new Error(`No email was queued for ${to}.`);
    return openEmail(row.payload, this.outboxKey);
  }

  /** The link token in the newest email queued for `to`. */
  async emailedToken(to: string): Promise<string> {
    const { text } = await this.queuedEmailTo(to);
    const [, token] = /[?&]token=([A-Za-z0-9_-]+)/.exec(text) ?? [];
    if (!token) throw new Error(`The email to ${to} carries no link token: ${text}`);
    return token;
  }

  /** An email in the outbox: still being tried, delivered, or given up on after 24 attempts. */
  async outboxEmail(state: 'pending' | 'delivered' | 'failed', tenantId: string | null = null): Promise<{ id: string; to: string; subject: string; text: string }> {
    const suffix = unique();
    const email = { to: `someone-${suffix}@example.org`, subject: `Your invitation ${suffix}`, text: `Open https://lena.test/accept?token=secret-${suffix}` };
    const { rows } = await this.owner.query<{ id: string }>(
      `INSERT INTO outbox_message (kind, tenant_id, payload, attempts, last_error, delivered_at, failed_at, enqueued_at)
       VALUES ('email', $1, $2, $3, $4, $5, $6, now() - interval '1 hour') RETURNING id`,
      [
        tenantId,
        JSON.stringify(state === 'delivered' ? { to: email.to, subject: email.subject } : sealEmail(email, this.outboxKey)),
        state === 'failed' ? 24 : 1,
        state === 'delivered' ? null : 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25',
        state === 'delivered' ? new Date() : null,
        state === 'failed' ? new Date() : null,
      ],
    );
    return { id: oneRow(rows, 'outbox_message').id, ...email };
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const { rows } = await this.owner.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} WHERE ${where}`, params);
    return oneRow(rows, `${table} count`).count;
  }

  /** Runs one statement as the owner with the tenant setting that FORCEd row-level security requires. */
  async asTenant<R extends Record<string, unknown> = Record<string, unknown>>(tenantId: string, sql: string, params: unknown[]): Promise<R[]> {
    await this.owner.query('BEGIN');
    try {
      await this.owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await this.owner.query<R>(sql, params);
      await this.owner.query('COMMIT');
      return rows;
    } catch (error) {
      await this.owner.query('ROLLBACK');
      throw error;
    }
  }
}
