import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, Algorithm } from '@node-rs/argon2';
import {
  AuthPolicy,
  computeOutcomeRollup,
  COPENHAGEN_BURNOUT_INVENTORY,
  DEFAULT_SESSION_FEEDBACK,
  programmeSchedule,
  publicationDue,
  publishSubscales,
  scoreOutcome,
  SHIPPED_OUTCOME_INSTRUMENTS,
  toStoredSeriesStart,
  type Cadence,
  type OutcomeScores,
  type RollupMeasurement,
  type RollupSession,
  type SubscaleRollup,
} from '@lena/domain';
import { databaseUrlsFromEnv, migrateDatabase, oneRow, rollupUpsert, withUnitOfWork, type UnitOfWork } from '@lena/database';
import { Pool } from 'pg';
import { DEMO_PASSWORD, demoStaff, demoTenants } from './demo-data';

type DemoProgramme = (typeof demoTenants)[number]['programmes'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first session's date, so many weeks from `today`: always a Tuesday, and never after the
 * 28th, so that every demo cadence (monthly on the nth weekday included) can start on it.
 */
export function demoStartDate(weeks: number, today: Date): string {
  let date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + weeks * 7 * DAY_MS);
  date = new Date(date.getTime() + ((2 - date.getUTCDay() + 7) % 7) * DAY_MS);
  if (date.getUTCDate() > 28) date = new Date(date.getTime() - 7 * DAY_MS);
  return date.toISOString().slice(0, 10);
}

/**
 * Creates the demo world. Idempotent: running it again changes nothing that exists, so
 * `pnpm dev` can seed on every start. Runs as the database owner, setting the tenant for each
 * organisation's rows because row-level security is forced even for the owner.
 *
 * Its SQL is its own, on purpose: the contexts' repositories serve a request's unit of work, and
 * demo fixtures ("insert unless it is there") read more plainly as the statements themselves.
 */
export async function seedDemo(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Demo accounts share one published password: they must never exist where real people work.
  if (env.NODE_ENV === 'production') throw new Error('The demo data is for development: it is never loaded with NODE_ENV=production.');
  const passwordHash = await hash(DEMO_PASSWORD, { algorithm: Algorithm.Argon2id, ...AuthPolicy.argon2 });
  // One connection as the owner; every step goes through the unit of work every process uses.
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    // Platform rows (people, platform roles, facilitator profiles) first, in a transaction with no
    // tenant. Then one transaction per organisation, which its settings pin to that organisation.
    // Every step is idempotent, so a run that stops half-way is completed by the next one.
    const userId = async (uow: UnitOfWork, email: string, displayName: string): Promise<string> => {
      const rows = await uow.query<{ id: string }>(
        `INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
        [email, displayName, passwordHash],
      );
      return oneRow(rows, 'user_account').id;
    };

    const staffIds = new Map<string, string>();
    await withUnitOfWork(pool, { tenantId: null, userId: null }, async (uow) => {
      // The shipped outcome instruments, as the API writes them at start-up (the seed may run first).
      for (const instrument of SHIPPED_OUTCOME_INSTRUMENTS) {
        await uow.query('INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING', [
          instrument.key,
          instrument.version,
          instrument.title,
          JSON.stringify(instrument.licence),
          JSON.stringify(instrument),
        ]);
      }
      for (const person of demoStaff) {
        const id = await userId(uow, person.email, person.displayName);
        staffIds.set(person.email, id);
        for (const role of person.roles) {
          await uow.query('INSERT INTO platform_role (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, role]);
        }
        if ('bio' in person) {
          await uow.query('INSERT INTO facilitator_profile (user_id, bio, services) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, person.bio, person.services]);
        }
      }
    });

    for (const tenant of demoTenants) {
      await withUnitOfWork(pool, { tenantId: null, userId: null }, async (uow) => {
        const rows = await uow.query<{ id: string }>(
          `INSERT INTO tenant (name, slug, time_zone) VALUES ($1, $2, $3)
           ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
          [tenant.name, tenant.slug, tenant.timeZone],
        );
        const tenantId = oneRow(rows, 'tenant').id;
        // Row-level security is forced even for the owner: the organisation's rows need its setting.
        await uow.actAs({ tenantId });

        const teamIds: string[] = [];
        for (const name of tenant.teams) {
          const [existing] = await uow.query<{ id: string }>('SELECT id FROM team WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL', [tenantId, name]);
          const created = existing ?? oneRow(await uow.query<{ id: string }>('INSERT INTO team (tenant_id, name) VALUES ($1, $2) RETURNING id', [tenantId, name]), 'team');
          teamIds.push(created.id);
        }

        const adminId = await userId(uow, tenant.orgAdmin.email, tenant.orgAdmin.displayName);
        await uow.query(`INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, 'ORG_ADMIN') ON CONFLICT DO NOTHING`, [tenantId, adminId]);
        for (const participant of tenant.participants) {
          const id = await userId(uow, participant.email, participant.displayName);
          await uow.query(`INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, 'PARTICIPANT') ON CONFLICT DO NOTHING`, [tenantId, id]);
          await uow.query('INSERT INTO team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [tenantId, teamIds[participant.team], id]);
        }

        for (const programme of tenant.programmes) {
          const teamId = teamIds[programme.team];
          if (!teamId) throw new Error(`Demo programme "${programme.title}" names a team that does not exist.`);
          await seedProgramme(uow, { tenantId, teamId, timeZone: tenant.timeZone, requestedBy: adminId, programme, staffIds });
          if ('outcomeRespondents' in programme) await seedOutcomes(uow, { tenantId, title: programme.title, respondents: programme.outcomeRespondents, setBy: adminId });
          if (programme.status === 'ACTIVE' || programme.status === 'COMPLETED') await seedRollup(uow, tenantId, programme.title);
        }
      });
    }
  } finally {
    await pool.end();
  }
}

/**
 * One demo programme with its facilitators, its team enrolled and, once under way, its sessions:
 * some past, some to come. Skipped when a programme of that title is already there.
 */
async function seedProgramme(
  uow: UnitOfWork,
  {
    tenantId,
    teamId,
    timeZone,
    requestedBy,
    programme,
    staffIds,
  }: { tenantId: string; teamId: string; timeZone: string; requestedBy: string; programme: DemoProgramme; staffIds: Map<string, string> },
): Promise<void> {
  const [existing] = await uow.query<{ id: string }>('SELECT id FROM programme WHERE tenant_id = $1 AND title = $2', [tenantId, programme.title]);
  if (existing) return;
  const startDate = demoStartDate(programme.firstSessionInWeeks, new Date());
  const schedule = programmeSchedule({
    cadence: programme.cadence as Cadence,
    startDate,
    startTimes: programme.startTimes,
    numberOfSessions: programme.sessionCount,
    sessionLengthMinutes: 90,
    timeZone,
  });
  const { startLocal, startSlots } = toStoredSeriesStart({ startDate, startTimes: programme.startTimes });
  const created = oneRow(
    await uow.query<{ id: string }>(
      `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, start_slots, session_minutes, time_zone,
         delivery_mode, video_link, location, membership, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 90, $10, $11, $12, $13, 'CLOSED', $14) RETURNING id`,
      [
        tenantId,
        teamId,
        programme.serviceType,
        programme.title,
        programme.status,
        programme.sessionCount,
        schedule.rrule,
        startLocal,
        startSlots,
        timeZone,
        programme.deliveryMode,
        'videoLink' in programme ? programme.videoLink : null,
        'location' in programme ? programme.location : null,
        requestedBy,
      ],
    ),
    'programme',
  );
  if (programme.facilitators) {
    const assignments = [[programme.facilitators.lead, 'LEAD'] as const, ...programme.facilitators.co.map((email) => [email, 'CO_FACILITATOR'] as const)];
    for (const [email, role] of assignments) {
      await uow.query('INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, $4)', [tenantId, created.id, staffIds.get(email), role]);
    }
  }
  if (programme.enrolTeam) {
    await uow.query(
      `INSERT INTO enrolment (tenant_id, programme_id, user_id)
       SELECT tm.tenant_id, $2, tm.user_id FROM team_member tm
         JOIN tenant_membership m ON m.tenant_id = tm.tenant_id AND m.user_id = tm.user_id AND m.role = 'PARTICIPANT'
         JOIN user_account u ON u.id = tm.user_id
        WHERE tm.tenant_id = $1 AND tm.team_id = $3 AND u.email <> ALL ($4::text[])`,
      [tenantId, created.id, teamId, 'notEnrolled' in programme ? programme.notEnrolled : []],
    );
  }
  await seedHistory(uow, {
    tenantId,
    programmeId: created.id,
    title: programme.title,
    status: programme.status,
    requestedBy,
    staffIds,
    firstSessionAt: schedule.sessions[0]?.startsAt,
  });
  if (programme.status === 'ACTIVE' || programme.status === 'COMPLETED') {
    // Written here as the worker's expansion writes them; the worker has nothing left to expand.
    await uow.query('UPDATE programme SET sessions_expanded_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, created.id]);
    await uow.query(
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
       SELECT $1, $2, s.sequence, s.starts_at, s.ends_at
         FROM unnest($3::int[], $4::timestamptz[], $5::timestamptz[]) AS s (sequence, starts_at, ends_at)`,
      [
        tenantId,
        created.id,
        schedule.sessions.map((session) => session.sequence),
        schedule.sessions.map((session) => session.startsAt),
        schedule.sessions.map((session) => session.endsAt),
      ],
    );
  }
  if (programme.status === 'COMPLETED' && 'feedbackRespondents' in programme) {
    await seedDelivery(uow, { tenantId, programmeId: created.id, feedbackRespondents: programme.feedbackRespondents });
  }
}

/**
 * The audit events the demo programme's life would have left, so its page shows a history: asked
 * for by the organisation's admin, proposed by Lena's platform admin, accepted, and
 * (for one under way) started by the worker when its first session began.
 */
async function seedHistory(
  uow: UnitOfWork,
  {
    tenantId,
    programmeId,
    title,
    status,
    requestedBy,
    staffIds,
    firstSessionAt,
  }: { tenantId: string; programmeId: string; title: string; status: string; requestedBy: string; staffIds: Map<string, string>; firstSessionAt: string | undefined },
): Promise<void> {
  const platformAdminId = demoStaff.filter((person) => (person.roles as readonly string[]).includes('PLATFORM_ADMIN')).map((person) => staffIds.get(person.email))[0] ?? null;
  // Before the first session for one under way, before today for the rest.
  const base = Math.min(Date.now(), firstSessionAt ? Date.parse(firstSessionAt) : Date.now());
  const daysAgo = (days: number) => new Date(base - days * DAY_MS).toISOString();
  const steps: [action: string, actor: string | null, at: string, by: string][] = [['PROGRAMME_REQUESTED', requestedBy, daysAgo(21), 'ORG_ADMIN']];
  if (status !== 'REQUESTED') steps.push(['PROGRAMME_PROPOSED', platformAdminId, daysAgo(14), 'PLATFORM_ADMIN']);
  if (status === 'ACCEPTED' || status === 'ACTIVE' || status === 'COMPLETED') steps.push(['PROGRAMME_ACCEPTED', requestedBy, daysAgo(10), 'ORG_ADMIN']);
  if ((status === 'ACTIVE' || status === 'COMPLETED') && firstSessionAt) steps.push(['PROGRAMME_ACTIVATED', null, firstSessionAt, 'SYSTEM']);
  await uow.query(
    `INSERT INTO audit_event (action, actor_user_id, tenant_id, target_type, target_id, occurred_at, detail)
     SELECT s.action, s.actor, $1, 'programme', $2, s.at, jsonb_build_object('title', $3::text, 'by', s.by)
       FROM unnest($4::text[], $5::uuid[], $6::timestamptz[], $7::text[]) AS s (action, actor, at, by)`,
    [tenantId, programmeId, title, steps.map((step) => step[0]), steps.map((step) => step[1]), steps.map((step) => step[2]), steps.map((step) => step[3])],
  );
}

if (require.main === module) {
  const { ownerUrl } = databaseUrlsFromEnv();
  (process.env.NODE_ENV === 'production' ? Promise.resolve() : migrateDatabase(ownerUrl))
    .then(() => seedDemo(ownerUrl))
    .then(() => console.log(`Demo data is in place. Every demo password is ${DEMO_PASSWORD}`))
    .catch((error: unknown) => {
      console.error('Seeding failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

/**
 * A demo programme's outcome measures: a plan asking the Copenhagen Burnout Inventory at baseline
 * and final, both points already asked (so the sweep sends nothing more for them), and scored
 * answers from `respondents` people: the programme's enrolled participants first, under their real
 * pseudonyms (so each sees their own scores under "My measures"), then demo respondents with
 * pseudonyms of no one. Scores fall from baseline to final for most, not all. Skipped when the
 * programme already has a plan.
 */
async function seedOutcomes(uow: UnitOfWork, { tenantId, title, respondents, setBy }: { tenantId: string; title: string; respondents: number; setBy: string }): Promise<void> {
  const programme = oneRow(
    await uow.query<{ id: string; firstStart: Date }>(
      `SELECT p.id, min(s.starts_at) AS "firstStart" FROM programme p JOIN group_session s ON s.tenant_id = p.tenant_id AND s.programme_id = p.id
      WHERE p.tenant_id = $1 AND p.title = $2 GROUP BY p.id`,
      [tenantId, title],
    ),
    'programme',
  );
  const [planned] = await uow.query('SELECT 1 FROM programme_outcome_plan WHERE tenant_id = $1 AND programme_id = $2', [tenantId, programme.id]);
  if (planned) return;
  await uow.query('INSERT INTO programme_outcome_plan (tenant_id, programme_id, midpoint, updated_by) VALUES ($1, $2, false, $3)', [tenantId, programme.id, setBy]);
  await uow.query(`INSERT INTO programme_outcome_instrument (tenant_id, programme_id, instrument_key, instrument_version) VALUES ($1, $2, 'cbi', 1)`, [tenantId, programme.id]);
  const baselineOpens = new Date(programme.firstStart.getTime() - 7 * DAY_MS);
  const finalOpens = new Date(Date.now() - 2 * DAY_MS);
  await uow.query(
    `INSERT INTO outcome_request (tenant_id, programme_id, point, opens_at, remind_at, closes_at)
     VALUES ($1, $2, 'BASELINE', $3, $3, $4), ($1, $2, 'FINAL', $5, $5, $6)`,
    [tenantId, programme.id, baselineOpens, programme.firstStart, finalOpens, new Date(finalOpens.getTime() + DAY_MS)],
  );

  // The pseudonyms, as pairing-pseudonym.ts derives them: HMAC-SHA256 of a person's salt under the programme's key.
  const key = oneRow(await uow.query<{ secret: Buffer }>('SELECT outcome_pairing_secret($1, $2) AS secret', [programme.id, randomBytes(32)]), 'outcome_pairing_secret').secret;
  const enrolled = await uow.query<{ userId: string }>('SELECT user_id AS "userId" FROM enrolment WHERE tenant_id = $1 AND programme_id = $2 ORDER BY user_id', [
    tenantId,
    programme.id,
  ]);
  const pseudonyms: string[] = [];
  for (const { userId } of enrolled.slice(0, respondents)) {
    await uow.query('INSERT INTO outcome_pairing_salt (user_id, salt) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, randomBytes(32)]);
    const salt = oneRow(await uow.query<{ salt: Buffer }>('SELECT salt FROM outcome_pairing_salt WHERE user_id = $1', [userId]), 'outcome_pairing_salt').salt;
    pseudonyms.push(createHmac('sha256', key).update(salt).digest('hex'));
  }
  for (let index = pseudonyms.length; index < respondents; index += 1) pseudonyms.push(createHash('sha256').update(`demo respondent ${programme.id} ${index}`).digest('hex'));

  // Answers on the CBI's 0–100 scale: each person's own level, lower at the final for most.
  const values = [0, 25, 50, 75, 100];
  const answers = (level: number) =>
    Object.fromEntries(COPENHAGEN_BURNOUT_INVENTORY.items.map((item, index) => [item.key, values[Math.max(0, Math.min(4, level + ((index % 3) - 1)))]!]));
  const rows = pseudonyms.flatMap((pseudonym, index) => {
    const before = 2 + (index % 2);
    const after = index % 4 === 3 ? before : before - 1;
    return (
      [
        ['BASELINE', before],
        ['FINAL', after],
      ] as const
    ).map(([point, level]) => ({
      point,
      pseudonym,
      scores: Object.fromEntries(scoreOutcome(COPENHAGEN_BURNOUT_INVENTORY, answers(level)).map((score) => [score.key, score.score])),
    }));
  });
  await uow.query(
    `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores)
     SELECT $1, $2, 'cbi', 1, m.point, m.pseudonym, m.scores FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS m (point, pseudonym, scores)`,
    [tenantId, programme.id, rows.map((row) => row.point), rows.map((row) => row.pseudonym), rows.map((row) => JSON.stringify(row.scores))],
  );
}

/**
 * A finished demo programme's delivery, as the facilitator's register and the worker's feedback
 * sweep and publication would have left it: every session held (delivered when it ended) with
 * its register taken, a feedback request each (closed a week after the session), a spent link for
 * each person there, answers from the first `feedbackRespondents` of them, and the results
 * published by the one publication rule (at the minimum group size, then only after as many more).
 */
async function seedDelivery(
  uow: UnitOfWork,
  { tenantId, programmeId, feedbackRespondents }: { tenantId: string; programmeId: string; feedbackRespondents: number },
): Promise<void> {
  const sessions = await uow.query<{ id: string; endsAt: Date }>(
    `UPDATE group_session SET status = 'DELIVERED', delivered_at = ends_at
      WHERE tenant_id = $1 AND programme_id = $2 AND ends_at < now() - interval '7 days' RETURNING id, ends_at AS "endsAt", sequence`,
    [tenantId, programmeId],
  );
  const enrolled = await uow.query<{ userId: string }>('SELECT user_id AS "userId" FROM enrolment WHERE tenant_id = $1 AND programme_id = $2 ORDER BY user_id', [
    tenantId,
    programmeId,
  ]);
  // The post-session form, as the worker's sweep stores it (once in use it can never be written again).
  await uow.query('INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (key, version) DO NOTHING', [
    DEFAULT_SESSION_FEEDBACK.key,
    DEFAULT_SESSION_FEEDBACK.version,
    DEFAULT_SESSION_FEEDBACK.licence,
    JSON.stringify(DEFAULT_SESSION_FEEDBACK),
  ]);
  const instrument = oneRow(
    await uow.query<{ id: string }>('SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2', [DEFAULT_SESSION_FEEDBACK.key, DEFAULT_SESSION_FEEDBACK.version]),
    'feedback_instrument',
  );
  const { minGroupSize } = oneRow(await uow.query<{ minGroupSize: number }>('SELECT min_reporting_group_size AS "minGroupSize" FROM tenant WHERE id = $1', [tenantId]), 'tenant');
  const scaleItems = DEFAULT_SESSION_FEEDBACK.items.filter((item) => item.kind === 'SCALE');
  for (const [sessionIndex, session] of [...sessions].sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime()).entries()) {
    // Most come; now and then someone is late, or away.
    const marks = enrolled.map(({ userId }, personIndex) => {
      const turn = (personIndex + sessionIndex) % 7;
      return { userId, status: turn === 6 ? 'ABSENT' : turn === 3 ? 'LATE' : 'PRESENT' };
    });
    await uow.query(
      `INSERT INTO attendance (tenant_id, session_id, user_id, status, marked_at)
       SELECT $1, $2, m.user_id, m.status, $5 FROM unnest($3::uuid[], $4::text[]) AS m (user_id, status)`,
      [tenantId, session.id, marks.map((mark) => mark.userId), marks.map((mark) => mark.status), session.endsAt],
    );
    const request = oneRow(
      await uow.query<{ id: string }>(
        `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
         VALUES ($1, $2, $3, $4, $4::timestamptz + interval '2 days', $4::timestamptz + interval '7 days') RETURNING id`,
        [tenantId, session.id, instrument.id, session.endsAt],
      ),
      'feedback_request',
    );
    const there = marks.filter((mark) => mark.status !== 'ABSENT');
    await uow.query(
      `INSERT INTO feedback_link (tenant_id, request_id, user_id, token_hash, created_at)
       SELECT $1, $2, l.user_id, l.token_hash, $5 FROM unnest($3::uuid[], $4::bytea[]) AS l (user_id, token_hash)`,
      [tenantId, request.id, there.map((mark) => mark.userId), there.map(() => createHash('sha256').update(randomBytes(32)).digest()), session.endsAt],
    );
    // Mostly agreeing, a little different by person and session.
    const answers: Array<Record<string, number | string>> = there.slice(0, feedbackRespondents).map((_, personIndex) => ({
      ...Object.fromEntries(scaleItems.map((item, itemIndex) => [item.id, 3 + ((personIndex + sessionIndex + itemIndex) % 3)])),
      ...(personIndex % 2 === 0 ? { take_away: 'Time to think about the hardest case of the week with colleagues.' } : {}),
    }));
    await uow.query(`INSERT INTO feedback_response (tenant_id, request_id, answers) SELECT $1, $2, a FROM unnest($3::jsonb[]) AS a`, [
      tenantId,
      request.id,
      answers.map((answer) => JSON.stringify(answer)),
    ]);
    // Answers arrived one by one: the results stand as last published by the rule.
    let published: number | null = null;
    for (let count = 1; count <= answers.length; count += 1) if (publicationDue(count, published, minGroupSize)) published = count;
    if (published === null) continue;
    const tallies = Object.fromEntries(
      scaleItems.map((item) => {
        const histogram = [0, 0, 0, 0, 0];
        for (const answer of answers.slice(0, published!)) histogram[(answer[item.id] as number) - 1]! += 1;
        return [item.id, histogram];
      }),
    );
    await uow.query(
      `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on)
       VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC')::date)`,
      [tenantId, session.id, request.id, published, JSON.stringify(tallies), session.endsAt],
    );
  }
}

/**
 * A demo programme's rollup, as the worker's refresh computes it from the raw rows (the domain's
 * `computeOutcomeRollup`), with its outcome figures published by the rule as the pairs arrived one
 * by one (`publishSubscales`), so the dashboards have figures before the worker first runs.
 * Skipped when the programme already has one (the worker's own refreshes keep it from then on).
 */
async function seedRollup(uow: UnitOfWork, tenantId: string, title: string): Promise<void> {
  const programme = oneRow(
    await uow.query<{ id: string; sessionsBought: number; timeZone: string }>(
      `SELECT id, session_count AS "sessionsBought", time_zone AS "timeZone" FROM programme WHERE tenant_id = $1 AND title = $2`,
      [tenantId, title],
    ),
    'programme',
  );
  const [existing] = await uow.query('SELECT 1 FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2', [tenantId, programme.id]);
  if (existing) return;
  const [sessions, [attendance], measurements, [tenant]] = await Promise.all([
    uow.query<RollupSession>(
      `SELECT status, to_char(starts_at AT TIME ZONE $3, 'YYYY-MM') AS month FROM group_session WHERE tenant_id = $1 AND programme_id = $2 ORDER BY sequence`,
      [tenantId, programme.id, programme.timeZone],
    ),
    uow.query<{ marked: number; present: number; attendees: number }>(
      `SELECT count(*)::int AS marked, count(*) FILTER (WHERE a.status IN ('PRESENT', 'LATE'))::int AS present, count(DISTINCT a.user_id)::int AS attendees
         FROM attendance a JOIN group_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
        WHERE a.tenant_id = $1 AND s.programme_id = $2 AND s.status = 'DELIVERED'`,
      [tenantId, programme.id],
    ),
    uow.query<{ instrumentKey: string; point: RollupMeasurement['point']; pseudonym: string; scores: OutcomeScores }>(
      `SELECT instrument_key AS "instrumentKey", point, pseudonym, scores FROM outcome_measurement WHERE tenant_id = $1 AND programme_id = $2 ORDER BY pseudonym, point`,
      [tenantId, programme.id],
    ),
    uow.query<{ minGroupSize: number }>('SELECT min_reporting_group_size AS "minGroupSize" FROM tenant WHERE id = $1', [tenantId]),
  ]);
  const subscales = COPENHAGEN_BURNOUT_INVENTORY.subscales.map((subscale) => ({
    instrumentKey: COPENHAGEN_BURNOUT_INVENTORY.key,
    subscaleKey: subscale.key,
    direction: subscale.direction,
    ...(subscale.reliability === undefined ? {} : { reliability: subscale.reliability }),
  }));
  const rollupOf = (rows: readonly RollupMeasurement[]) =>
    computeOutcomeRollup({ sessionsBought: programme.sessionsBought, sessions, attendance: attendance!, measurements: rows, subscales: rows.length === 0 ? [] : subscales });
  // Each person's answers arriving in turn, every one followed by the worker's refresh.
  const people = [...new Set(measurements.map((row) => row.pseudonym))];
  let published: SubscaleRollup[] = [];
  for (let count = 1; count <= people.length; count += 1) {
    const arrived = new Set(people.slice(0, count));
    published = publishSubscales(rollupOf(measurements.filter((row) => arrived.has(row.pseudonym))).subscales, published, tenant!.minGroupSize);
  }
  const figures = rollupOf(measurements);
  const { sql, params } = rollupUpsert(tenantId, programme.id, figures, published);
  await uow.query(sql, params);
}
