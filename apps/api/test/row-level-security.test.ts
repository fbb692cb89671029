import { APP_ROLE, createDataSource, FACILITATOR_ONLY_TABLES, oneRow, TENANT_TABLES, UnitOfWork } from '@lena/database';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { expectData } from './support/expectations';
import { unique, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

let api: TestApi;
let tenantA: TenantFixture;
let tenantB: TenantFixture;
let teamsA: [TeamFixture, TeamFixture];
let teamsB: [TeamFixture];
let adminA: UserFixture;
let adminB: UserFixture;
let tenantTables: string[];
/** Assigned to programmeA (lead) and programmeB (co-facilitator), not to programmeA2. */
let facilitator: UserFixture;
let programmeA: ProgrammeFixture;
let programmeA2: ProgrammeFixture;
let programmeB: ProgrammeFixture;
/** Each programme's first session: notes on all three, attendance on A's. */
const firstSessions = new Map<string, string>();
/** On programme B's notes: the first shared with the group, the second not. */
const SHARED_ITEM = 'Bring one question about handovers next time';
const PRIVATE_ITEM = 'Facilitators to review the risk case before the next session';
const GTS_CASE = 'A service user in their fifties, recently bereaved; the worker feels stuck.';

beforeAll(async () => {
  api = await startTestApi();
  const { fixtures } = api;
  tenantA = await fixtures.tenant({ name: `Alpha ${unique()}` });
  tenantB = await fixtures.tenant({ name: `Bravo ${unique()}` });
  adminA = await fixtures.orgAdmin(tenantA.id);
  adminB = await fixtures.orgAdmin(tenantB.id);
  teamsA = [await fixtures.team(tenantA.id, `Alpha team one ${unique()}`), await fixtures.team(tenantA.id, `Alpha team two ${unique()}`)];
  teamsB = [await fixtures.team(tenantB.id, `Bravo team one ${unique()}`)];
  await fixtures.teamMember(tenantA.id, teamsA[0].id, adminA.id);
  await fixtures.teamMember(tenantB.id, teamsB[0].id, adminB.id);

  // Programmes and their sessions in both tenants; one facilitator works in both.
  facilitator = await fixtures.facilitator();
  programmeA = await fixtures.programme(tenantA.id, teamsA[0].id, { title: 'Alpha assigned' });
  programmeA2 = await fixtures.programme(tenantA.id, teamsA[1].id, { title: 'Alpha not assigned' });
  programmeB = await fixtures.programme(tenantB.id, teamsB[0].id, { title: 'Bravo assigned', serviceType: 'GTS' });
  await fixtures.programmeFacilitator(tenantA.id, programmeA.id, facilitator.id, 'LEAD');
  await fixtures.programmeFacilitator(tenantB.id, programmeB.id, facilitator.id, 'CO_FACILITATOR');
  await fixtures.programmeFacilitator(tenantA.id, programmeA2.id, (await fixtures.facilitator()).id, 'LEAD');
  for (const programme of [programmeA, programmeA2, programmeB]) {
    await fixtures.needsAssessment(programme.tenantId, programme.teamId);
    const first = await fixtures.groupSession(programme.tenantId, programme.id, 1, new Date('2027-03-17T10:00:00Z'));
    firstSessions.set(programme.id, first.id);
    await fixtures.groupSession(programme.tenantId, programme.id, 2, new Date('2027-03-24T10:00:00Z'));
    // Feedback on the first session: a request, an unspent link, a response, a rollup and a published snapshot.
    const request = await fixtures.feedbackRequest(programme.tenantId, first.id);
    await fixtures.feedbackLink(programme.tenantId, request.id, programme.tenantId === tenantA.id ? adminA.id : adminB.id);
    await fixtures.asTenant(programme.tenantId, `INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES ($1, $2, '{"held_well": 4}')`, [
      programme.tenantId,
      request.id,
    ]);
    await fixtures.asTenant(programme.tenantId, 'INSERT INTO feedback_rollup (tenant_id, session_id) VALUES ($1, $2)', [programme.tenantId, first.id]);
    await fixtures.asTenant(
      programme.tenantId,
      `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on) VALUES ($1, $2, $3, 5, '{"held_well": [0, 0, 0, 5, 0]}', current_date)`,
      [programme.tenantId, first.id, request.id],
    );
  }
  await fixtures.outcomeRows(tenantA.id, programmeA.id, adminA.id);
  await fixtures.outcomeRows(tenantB.id, programmeB.id, adminB.id);
  await fixtures.enrolment(tenantA.id, programmeA.id, adminA.id);
  await fixtures.enrolment(tenantA.id, programmeA2.id, adminA.id);
  await fixtures.enrolment(tenantB.id, programmeB.id, adminB.id);
  await fixtures.attendance(tenantA.id, firstSessions.get(programmeA.id)!, adminA.id, 'PRESENT');
  await fixtures.sessionNote(tenantA.id, firstSessions.get(programmeA.id)!, { kind: 'GRP', themes: ['WORKLOAD'], themeLine: 'Assigned programme line' });
  await fixtures.sessionNote(tenantA.id, firstSessions.get(programmeA2.id)!, { kind: 'GRP', themes: ['ISOLATION'], themeLine: 'Unassigned programme line' });
  await fixtures.sessionNote(tenantB.id, firstSessions.get(programmeB.id)!, {
    kind: 'GTS',
    caseSummaries: GTS_CASE,
    actionItems: [{ text: SHARED_ITEM, sharedWithGroup: true }, { text: PRIVATE_ITEM }],
  });

  const { rows } = await api.owner.query<{ table: string }>(
    `SELECT c.table_name AS table FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND c.is_nullable = 'NO' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  tenantTables = rows.map((row) => row.table);
});

afterAll(async () => {
  await api?.close();
});

describe('the catalogue', () => {
  it('lists the same tenant tables as TENANT_TABLES', () => {
    expect(tenantTables.length).toBeGreaterThan(0);
    expect(tenantTables).toEqual([...TENANT_TABLES].sort());
  });

  it('forces row-level security with a policy on every tenant table', async () => {
    const { rows } = await api.owner.query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) ORDER BY 1`,
      [tenantTables],
    );
    expect(rows.map((row) => row.table)).toEqual(tenantTables);
    for (const row of rows) {
      expect(row).toEqual({ table: row.table, enabled: true, forced: true, policies: expect.any(Number) });
      expect(row.policies).toBeGreaterThan(0);
    }
  });

  it('puts tenant_id in every primary key and in every foreign key between tenant tables, column for column', async () => {
    const { rows } = await api.owner.query<{ table: string; kind: string; name: string; columns: string[]; target: string | null; targetColumns: string[] | null }>(
      `SELECT con.conrelid::regclass::text AS table, con.contype::text AS kind, con.conname AS name,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
              con.confrelid::regclass::text AS target,
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS "targetColumns"
         FROM pg_constraint con
        WHERE con.contype IN ('p', 'f') AND con.conrelid::regclass::text = ANY($1)`,
      [tenantTables],
    );
    for (const table of tenantTables) {
      const primaryKey = rows.find((row) => row.table === table && row.kind === 'p');
      expect({ table, primaryKey: primaryKey?.columns }).toEqual({ table, primaryKey: expect.arrayContaining(['tenant_id']) });
    }
    const tenantForeignKeys = rows.filter((row) => row.kind === 'f' && tenantTables.includes(row.target!));
    expect(tenantForeignKeys.length).toBeGreaterThan(0);
    for (const foreignKey of tenantForeignKeys) {
      const position = foreignKey.columns.indexOf('tenant_id');
      expect({ name: foreignKey.name, position }).not.toEqual({ name: foreignKey.name, position: -1 });
      expect({ name: foreignKey.name, references: foreignKey.targetColumns![position] }).toEqual({ name: foreignKey.name, references: 'tenant_id' });
    }
  });

  it('lets the application role neither bypass security nor own anything', async () => {
    const { rows } = await api.owner.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      `SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
    const { rows: current } = await withAppClient((client) => client.query<{ user: string }>('SELECT current_user AS user'));
    expect(current).toEqual([{ user: APP_ROLE }]);
  });
});

async function withAppClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: api.database.appUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the application role', () => {
  it('sees no rows of any tenant table without a tenant setting, although rows exist', async () => {
    for (const table of tenantTables) {
      expect({ table, rows: await api.fixtures.count(table) }).not.toEqual({ table, rows: 0 });
      const { rows } = await withAppClient((client) => client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`));
      expect({ table, rows: oneRow(rows, `${table} count`).count }).toEqual({ table, rows: 0 });
    }
  });

  it('sees only the set tenant’s rows, and cannot write, change or delete rows of another tenant', async () => {
    await withAppClient(async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA.id]);
      for (const table of tenantTables) {
        const { rows } = await client.query<{ tenantId: string }>(`SELECT DISTINCT tenant_id AS "tenantId" FROM ${table}`);
        // A session's notes are the assigned facilitators' alone: the organisation's own view has none of them.
        const expected = (FACILITATOR_ONLY_TABLES as readonly string[]).includes(table) ? [] : [tenantA.id];
        expect({ table, tenants: rows.map((row) => row.tenantId) }).toEqual({ table, tenants: expected });
      }
      const updated = await client.query('UPDATE team SET name = name || $2 WHERE tenant_id = $1', [tenantB.id, ' (changed)']);
      const deleted = await client.query('DELETE FROM team_member WHERE tenant_id = $1', [tenantB.id]);
      expect([updated.rowCount, deleted.rowCount]).toEqual([0, 0]);
      await client.query('COMMIT');
    });

    const refusals: [string, string, unknown[]][] = [
      ['team', 'INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenantB.id, 'Planted team']],
      ['tenant_membership', 'INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, $3)', [tenantB.id, adminA.id, 'ORG_ADMIN']],
      ['team_member', 'INSERT INTO team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)', [tenantB.id, teamsB[0].id, adminB.id]],
      ['team (moved)', 'UPDATE team SET tenant_id = $1 WHERE id = $2', [tenantB.id, teamsA[1].id]],
    ];
    for (const [what, sql, params] of refusals) {
      const error = await withAppClient(async (client) => {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA.id]);
        try {
          await client.query(sql, params);
          return null;
        } catch (caught) {
          return (caught as { code?: string }).code ?? 'unknown';
        } finally {
          await client.query('ROLLBACK');
        }
      });
      expect({ what, error }).toEqual({ what, error: '42501' });
    }
    expect(await api.fixtures.count('team', 'tenant_id = $1', [tenantB.id])).toBe(teamsB.length);
    expect(await api.fixtures.count('team', 'tenant_id = $1', [tenantA.id])).toBe(teamsA.length);
  });
});

describe('the unit of work on a pooled connection', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    // One connection, so every transaction below runs on the same one after the other.
    dataSource = await createDataSource({ url: api.database.appUrl, poolSize: 1, applicationName: 'lena-rls-test' }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function settingAfterwards(): Promise<{ setting: string | null; pid: number }> {
    const [row] = await dataSource.query(`SELECT current_setting('app.tenant_id', true) AS setting, pg_backend_pid() AS pid`);
    return row;
  }

  async function teamsSeenBy(tenantId: string): Promise<{ names: string[]; pid: number }> {
    const uow = new UnitOfWork(dataSource, { tenantId, userId: null });
    const rows = await uow.query<{ name: string; tenant_id: string }>('SELECT tenant_id, name FROM team ORDER BY name');
    const { pid } = oneRow(await uow.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'), 'backend pid');
    await uow.finish(true);
    expect(new Set(rows.map((row) => row.tenant_id))).toEqual(new Set([tenantId]));
    return { names: rows.map((row) => row.name), pid };
  }

  it('alternating tenants A, B, A sees only the current tenant’s rows, and leaves no setting behind', async () => {
    const namesOf = (teams: TeamFixture[]) => teams.map((team) => team.name).sort();
    const first = await teamsSeenBy(tenantA.id);
    expect(first.names).toEqual(namesOf(teamsA));
    expect(await settingAfterwards()).toEqual({ setting: '', pid: first.pid });

    const second = await teamsSeenBy(tenantB.id);
    expect(second).toEqual({ names: namesOf(teamsB), pid: first.pid });
    expect(await settingAfterwards()).toEqual({ setting: '', pid: first.pid });

    const third = await teamsSeenBy(tenantA.id);
    expect(third).toEqual({ names: namesOf(teamsA), pid: first.pid });
    expect(await settingAfterwards()).toEqual({ setting: '', pid: first.pid });
  });

  it('a transaction that fails midway rolls back whole, and the next one sees only its own tenant', async () => {
    const uow = new UnitOfWork(dataSource, { tenantId: tenantB.id, userId: null });
    await uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenantB.id, 'Written before the failure']);
    await expect(uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenantA.id, 'Planted in A'])).rejects.toMatchObject({ code: '42501' });
    await uow.finish(false);

    expect((await settingAfterwards()).setting).toBe('');
    expect(await api.fixtures.count('team', 'name IN ($1, $2)', ['Written before the failure', 'Planted in A'])).toBe(0);
    const after = await teamsSeenBy(tenantA.id);
    expect(after.names).toEqual(teamsA.map((team) => team.name).sort());
    expect((await settingAfterwards()).setting).toBe('');
  });

  it('actAs moves a transaction that acts in no organisation into one, explicitly', async () => {
    const uow = new UnitOfWork(dataSource, { tenantId: null, userId: null });
    const before = await uow.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM team');
    await uow.actAs({ tenantId: tenantB.id });
    const after = await uow.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM team');
    await uow.finish(false);
    expect([before, after]).toEqual([[], [{ tenant_id: tenantB.id }]]);
    expect((await settingAfterwards()).setting).toBe('');
  });

  it('actAs refuses to switch a transaction from one organisation to another, and the first stays in force', async () => {
    const uow = new UnitOfWork(dataSource, { tenantId: tenantA.id, userId: null });
    await expect(uow.actAs({ tenantId: tenantB.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await uow.actAs({ tenantId: tenantA.id });
    const seen = await uow.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM team');
    await uow.finish(false);
    expect(seen).toEqual([{ tenant_id: tenantA.id }]);
  });
});

describe('own_memberships', () => {
  it('shows a person their own memberships in every organisation, and nobody else’s', async () => {
    const person = await api.fixtures.participant(tenantA.id);
    await api.fixtures.membership(tenantB.id, person.id, 'ORG_ADMIN');
    const { rows } = await withAppClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.user_id', $1, true)`, [person.id]);
        return await client.query<{ tenantId: string; userId: string; role: string }>(
          'SELECT tenant_id AS "tenantId", user_id AS "userId", role FROM tenant_membership ORDER BY role',
        );
      } finally {
        await client.query('ROLLBACK');
      }
    });
    // Both tenants hold other people's memberships (the admins'), which must stay hidden.
    expect(await api.fixtures.count('tenant_membership', 'user_id <> $1', [person.id])).toBeGreaterThanOrEqual(2);
    expect(rows).toEqual([
      { tenantId: tenantB.id, userId: person.id, role: 'ORG_ADMIN' },
      { tenantId: tenantA.id, userId: person.id, role: 'PARTICIPANT' },
    ]);
  });
});

describe('assigned_facilitators', () => {
  /** Runs `work` as the application role acting for `userId` in no organisation, as a facilitator does. */
  function asPerson<T>(userId: string, work: (client: Client) => Promise<T>): Promise<T> {
    return withAppClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
        return await work(client);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  it('lets a facilitator read the programmes, sessions and enrolments they are assigned to, in every organisation, and nothing else', async () => {
    const seen = await asPerson(facilitator.id, async (client) => ({
      programmes: (await client.query<{ title: string }>('SELECT title FROM programme ORDER BY title')).rows.map((row) => row.title),
      sessions: (
        await client.query<{ programmeId: string; count: number }>('SELECT programme_id AS "programmeId", count(*)::int AS count FROM group_session GROUP BY 1 ORDER BY 1')
      ).rows,
      enrolments: (await client.query<{ programmeId: string }>('SELECT programme_id AS "programmeId" FROM enrolment ORDER BY 1')).rows,
      assignments: (await client.query<{ programmeId: string; role: string }>('SELECT programme_id AS "programmeId", role FROM programme_facilitator ORDER BY role')).rows,
      assessments: (await client.query('SELECT 1 FROM needs_assessment')).rowCount,
      teams: (await client.query('SELECT 1 FROM team')).rowCount,
    }));
    // The unassigned programme exists, with its sessions, enrolment and facilitator.
    expect(await api.fixtures.count('group_session', 'programme_id = $1', [programmeA2.id])).toBe(2);
    expect(seen).toEqual({
      programmes: ['Alpha assigned', 'Bravo assigned'],
      sessions: [programmeA.id, programmeB.id].sort().map((programmeId) => ({ programmeId, count: 2 })),
      enrolments: [programmeA.id, programmeB.id].sort().map((programmeId) => ({ programmeId })),
      assignments: [
        { programmeId: programmeB.id, role: 'CO_FACILITATOR' },
        { programmeId: programmeA.id, role: 'LEAD' },
      ],
      // Assessments and teams are the organisation's own business.
      assessments: 0,
      teams: 0,
    });
  });

  it('lets a facilitator read the feedback requests, responses and published results of their programmes only, and never a link (who was asked)', async () => {
    const seen = await asPerson(facilitator.id, async (client) => ({
      requests: (await client.query<{ tenantId: string }>('SELECT tenant_id AS "tenantId" FROM feedback_request ORDER BY 1')).rows.map((row) => row.tenantId),
      responses: (await client.query('SELECT 1 FROM feedback_response')).rowCount,
      links: (await client.query('SELECT 1 FROM feedback_link')).rowCount,
      unspent: (await client.query('SELECT 1 FROM feedback_link_unspent')).rowCount,
      rollups: (await client.query('SELECT 1 FROM feedback_rollup')).rowCount,
      snapshots: (await client.query<{ tenantId: string }>('SELECT tenant_id AS "tenantId" FROM feedback_result_snapshot ORDER BY 1')).rows.map((row) => row.tenantId),
      written: (await client.query(`UPDATE feedback_response SET answers = '{}'`)).rowCount,
      published: (await client.query('UPDATE feedback_result_snapshot SET responses = 50')).rowCount,
      forged: await client
        .query(
          `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, published_on) SELECT tenant_id, session_id, id, 99, current_date FROM feedback_request`,
        )
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        ),
    }));
    expect(await api.fixtures.count('feedback_response')).toBe(3);
    expect(await api.fixtures.count('feedback_result_snapshot')).toBe(3);
    expect(seen).toMatchObject({
      requests: [tenantA.id, tenantB.id].sort(),
      responses: 2,
      links: 0,
      unspent: 0,
      rollups: 0,
      snapshots: [tenantA.id, tenantB.id].sort(),
      written: 0,
      published: 0,
    });
    expect(seen.forged).toMatch(/row-level security/);
  });

  it('gives another facilitator nothing, and lets no facilitator write through the assignment', async () => {
    const other = await api.fixtures.facilitator();
    const otherSees = await asPerson(other.id, async (client) => (await client.query('SELECT 1 FROM group_session')).rowCount);
    expect(otherSees).toBe(0);

    const changed = await asPerson(facilitator.id, async (client) => ({
      sessions: (await client.query(`UPDATE group_session SET status = 'CANCELLED' WHERE programme_id = $1`, [programmeA.id])).rowCount,
      programmes: (await client.query(`UPDATE programme SET title = 'Renamed' WHERE id = $1`, [programmeB.id])).rowCount,
      enrolments: (await client.query('DELETE FROM enrolment WHERE programme_id = $1', [programmeA.id])).rowCount,
    }));
    expect(changed).toEqual({ sessions: 0, programmes: 0, enrolments: 0 });

    const planted = await asPerson(facilitator.id, (client) =>
      client
        .query("INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at) VALUES ($1, $2, 9, now(), now() + interval '1 hour')", [
          tenantA.id,
          programmeA.id,
        ])
        .then(
          () => null,
          (error: { code?: string }) => error.code,
        ),
    );
    expect(planted).toBe('42501');
  });

  it("keeps an organisation's own view to its own programmes, whoever is assigned", async () => {
    const titles = await withAppClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantB.id]);
        return (await client.query<{ title: string }>('SELECT title FROM programme ORDER BY title')).rows.map((row) => row.title);
      } finally {
        await client.query('ROLLBACK');
      }
    });
    expect(titles).toEqual(['Bravo assigned']);
  });
});

describe('the delivery tables (migration 1796900000000)', () => {
  /** As the application role with these settings, as the unit of work would set them. */
  function withSettings<T>(settings: { tenantId?: string; userId?: string }, work: (client: Client) => Promise<T>): Promise<T> {
    return withAppClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [settings.tenantId ?? '', settings.userId ?? '']);
        return await work(client);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  const readNotes = async (client: Client) => ({
    notes: (await client.query<{ line: string | null; summary: string | null }>('SELECT theme_line AS line, case_summaries AS summary FROM session_note ORDER BY 1')).rows,
    items: (await client.query<{ text: string }>('SELECT text FROM session_action_item ORDER BY position')).rows.map((row) => row.text),
  });

  it('lets an assigned facilitator read the notes of their programmes in every organisation, and no other programme’s', async () => {
    const seen = await withSettings({ userId: facilitator.id }, readNotes);
    expect(seen).toEqual({
      notes: [
        { line: 'Assigned programme line', summary: null },
        { line: null, summary: GTS_CASE },
      ],
      items: [SHARED_ITEM, PRIVATE_ITEM],
    });
  });

  it('gives another programme’s facilitator, an org admin, a platform admin (also acting in the organisation) and a participant no note', async () => {
    const otherFacilitator = await api.fixtures.facilitator();
    await api.fixtures.programmeFacilitator(tenantA.id, programmeA2.id, otherFacilitator.id, 'CO_FACILITATOR');
    const platformAdmin = await api.fixtures.platformAdmin();
    const participant = await api.fixtures.participant(tenantB.id);
    await api.fixtures.enrolment(tenantB.id, programmeB.id, participant.id);
    // The rows are there: the owner sees all three notes.
    expect(await api.fixtures.count('session_note')).toBeGreaterThanOrEqual(3);

    const cases: [string, { tenantId?: string; userId?: string }][] = [
      ['another programme’s facilitator', { userId: otherFacilitator.id }],
      ['an org admin of A', { tenantId: tenantA.id, userId: adminA.id }],
      ['an org admin of B', { tenantId: tenantB.id, userId: adminB.id }],
      ['a platform admin', { userId: platformAdmin.id }],
      ['a platform admin acting in B', { tenantId: tenantB.id, userId: platformAdmin.id }],
      ['a participant of B, enrolled', { tenantId: tenantB.id, userId: participant.id }],
      ['the worker in B (no person)', { tenantId: tenantB.id }],
    ];
    for (const [who, settings] of cases) {
      const seen = await withSettings(settings, readNotes);
      // Another programme's facilitator sees their own programme's line and nothing of A's or B's.
      const ownLine = who === 'another programme’s facilitator' ? [{ line: 'Unassigned programme line', summary: null }] : [];
      // People enrolled in B's programme see the action item shared with the group, and only that.
      const sharedItems = who === 'an org admin of B' || who === 'a participant of B, enrolled' ? [SHARED_ITEM] : [];
      expect({ who, ...seen }).toEqual({ who, notes: ownLine, items: sharedItems });
    }
  });

  it('refuses writes to notes by anyone but the assigned facilitators', async () => {
    const insertNote = (sessionId: string, tenantId: string) => (client: Client) =>
      client.query(`INSERT INTO session_note (tenant_id, session_id, kind, themes) VALUES ($1, $2, 'GRP', '{WORKLOAD}')`, [tenantId, sessionId]).then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    const sessionA2 = await api.fixtures.groupSession(tenantA.id, programmeA2.id, 3, new Date('2027-03-31T10:00:00Z'));
    const sessionA = await api.fixtures.groupSession(tenantA.id, programmeA.id, 3, new Date('2027-03-31T10:00:00Z'));
    expect(await withSettings({ userId: facilitator.id }, insertNote(sessionA2.id, tenantA.id))).toBe('42501');
    expect(await withSettings({ tenantId: tenantA.id, userId: adminA.id }, insertNote(sessionA.id, tenantA.id))).toBe('42501');
    expect(await withSettings({ userId: facilitator.id }, insertNote(sessionA.id, tenantA.id))).toBeNull();

    const erased = await withSettings({ tenantId: tenantB.id, userId: adminB.id }, async (client) => ({
      updated: (await client.query(`UPDATE session_note SET case_summaries = 'overwritten'`)).rowCount,
      deleted: (await client.query('DELETE FROM session_action_item')).rowCount,
    }));
    expect(erased).toEqual({ updated: 0, deleted: 0 });
    // The other suites count these programmes' sessions.
    await api.owner.query('DELETE FROM group_session WHERE id = ANY($1)', [[sessionA.id, sessionA2.id]]);
  });

  it('lets the assigned facilitator take the register of their sessions only', async () => {
    const mark = (sessionId: string, tenantId: string, userId: string) => (client: Client) =>
      client.query(`INSERT INTO attendance (tenant_id, session_id, user_id, status) VALUES ($1, $2, $3, 'LATE')`, [tenantId, sessionId, userId]).then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(await withSettings({ userId: facilitator.id }, mark(firstSessions.get(programmeB.id)!, tenantB.id, adminB.id))).toBeNull();
    expect(await withSettings({ userId: facilitator.id }, mark(firstSessions.get(programmeA2.id)!, tenantA.id, adminA.id))).toBe('42501');
    const seen = await withSettings({ userId: facilitator.id }, async (client) => (await client.query('SELECT session_id FROM attendance ORDER BY 1')).rows);
    expect(seen).toEqual([{ session_id: firstSessions.get(programmeA.id) }]);
  });
});

describe('the cross-organisation functions (migration 1796400000000)', () => {
  const FUNCTIONS = [
    'app_acts_as_platform_admin',
    'facilitator_busy_times',
    'facilitator_pending_series',
    'platform_programme_tenant',
    'platform_programme_pipeline',
    'platform_programmes',
  ];

  /** As the application role, acting for `userId` (or nobody) in no organisation. */
  function asApp<T>(userId: string | null, work: (client: Client) => Promise<T>): Promise<T> {
    return withAppClient(async (client) => {
      await client.query('BEGIN');
      try {
        if (userId) await client.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
        return await work(client);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  const ALL_PROGRAMMES = `SELECT (programme).title, tenant_name FROM platform_programmes(ARRAY['REQUESTED','PROPOSED','ACCEPTED','ACTIVE','COMPLETED','CANCELLED'], NULL, NULL, NULL, 100)`;

  const busyTimes = (client: Client) =>
    client.query<Record<string, unknown>>(`SELECT * FROM facilitator_busy_times($1::uuid[], '2027-01-01', '2028-01-01') ORDER BY starts_at, tenant_id`, [[facilitator.id]]);

  it('are owned by the migration owner, with a fixed search_path, executable by the application role and not by PUBLIC', async () => {
    const { rows } = await api.owner.query<{ name: string; definer: boolean; config: string[] | null; acl: string; ownerBypasses: boolean }>(
      `SELECT p.proname AS name, p.prosecdef AS definer, p.proconfig AS config, array_to_string(p.proacl, ',') AS acl,
              (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.oid = p.proowner) AS "ownerBypasses"
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = ANY($1) ORDER BY p.proname`,
      [FUNCTIONS],
    );
    expect(rows.map((row) => row.name)).toEqual([...FUNCTIONS].sort());
    for (const row of rows) {
      expect({ name: row.name, config: row.config, ownerBypasses: row.ownerBypasses }).toEqual({ name: row.name, config: ['search_path=pg_catalog, public'], ownerBypasses: true });
      expect(row.acl).toContain(`${APP_ROLE}=X/`);
      // PUBLIC's entry would start the list or follow a comma with "=X/".
      expect(row.acl).not.toMatch(/(^|,)=X\//);
      expect({ name: row.name, definer: row.definer }).toEqual({ name: row.name, definer: row.name !== 'app_acts_as_platform_admin' });
    }
  });

  /** Lead of a proposed programme in tenant B that has no sessions yet. */
  let pendingFacilitator: UserFixture;

  beforeAll(async () => {
    pendingFacilitator = await api.fixtures.facilitator();
    const proposal = await api.fixtures.programme(tenantB.id, teamsB[0].id, { title: 'Bravo proposed' });
    await api.fixtures.asTenant(tenantB.id, `UPDATE programme SET status = 'PROPOSED' WHERE tenant_id = $1 AND id = $2`, [tenantB.id, proposal.id]);
    await api.fixtures.programmeFacilitator(tenantB.id, proposal.id, pendingFacilitator.id);
  });

  it('answer nothing to anyone but an active platform admin, although the rows exist', async () => {
    const orgAdminPlatform = await api.fixtures.platformAdmin();
    await api.owner.query(`UPDATE user_account SET status = 'DEACTIVATED' WHERE id = $1`, [orgAdminPlatform.id]);
    for (const who of [null, facilitator.id, adminA.id, orgAdminPlatform.id]) {
      const answers = await asApp(who, async (client) => ({
        busy: (await busyTimes(client)).rows,
        pending: (await client.query('SELECT * FROM facilitator_pending_series($1::uuid[])', [[pendingFacilitator.id]])).rows,
        tenant: (await client.query('SELECT platform_programme_tenant($1) AS tenant', [programmeB.id])).rows,
        pipeline: (await client.query('SELECT * FROM platform_programme_pipeline()')).rows,
        list: (await client.query(ALL_PROGRAMMES)).rows,
      }));
      expect({ who, ...answers }).toEqual({ who, busy: [], pending: [], tenant: [{ tenant: null }], pipeline: [], list: [] });
    }
  });

  it('show a platform admin a facilitator’s sessions in every organisation as ids and times only, and the programmes waiting in every organisation', async () => {
    const platformAdmin = await api.fixtures.platformAdmin();
    const answers = await asApp(platformAdmin.id, async (client) => ({
      busy: (await busyTimes(client)).rows,
      tenant: (await client.query('SELECT platform_programme_tenant($1) AS tenant', [programmeB.id])).rows,
      pipeline: (await client.query<{ title: string; tenant_name: string }>('SELECT (programme).title, tenant_name FROM platform_programme_pipeline()')).rows,
      list: (await client.query<{ title: string; tenant_name: string }>(ALL_PROGRAMMES)).rows,
      pending: (await client.query('SELECT * FROM facilitator_pending_series($1::uuid[])', [[pendingFacilitator.id, facilitator.id]])).rows,
    }));
    // Only the proposal without sessions, as its series: no title.
    expect(answers.pending).toEqual([
      expect.objectContaining({
        user_id: pendingFacilitator.id,
        tenant_id: tenantB.id,
        rrule: 'FREQ=WEEKLY;COUNT=6',
        start_local: '2027-03-17T10:00:00',
        time_zone: 'Europe/London',
      }),
    ]);
    expect(JSON.stringify(answers.pending)).not.toContain('Bravo proposed');
    expect(answers.busy).toHaveLength(4);
    for (const row of answers.busy) expect(Object.keys(row).sort()).toEqual(['ends_at', 'programme_id', 'session_id', 'starts_at', 'tenant_id', 'user_id']);
    expect(new Set(answers.busy.map((row) => row.tenant_id))).toEqual(new Set([tenantA.id, tenantB.id]));
    expect(answers.tenant).toEqual([{ tenant: tenantB.id }]);
    expect(answers.pipeline).toEqual(
      expect.arrayContaining([
        { title: 'Alpha assigned', tenant_name: tenantA.name },
        { title: 'Bravo assigned', tenant_name: tenantB.name },
      ]),
    );
    expect(answers.list).toEqual(
      expect.arrayContaining([
        { title: 'Alpha assigned', tenant_name: tenantA.name },
        { title: 'Bravo assigned', tenant_name: tenantB.name },
      ]),
    );
  });
});

describe('the API under concurrency', () => {
  it('answers 200 concurrent requests from two tenants with each tenant’s teams only', async () => {
    const clientA: TestClient = api.client();
    const clientB: TestClient = api.client();
    expectData(await clientA.login(adminA.email, adminA.password));
    expectData(await clientB.login(adminB.email, adminB.password));
    const namesA = teamsA.map((team) => team.name);
    const namesB = teamsB.map((team) => team.name);

    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const mine = index % 2 === 0 ? { client: clientA, own: namesA, other: namesB } : { client: clientB, own: namesB, other: namesA };
        const result = await mine.client.gql<{ teams: { name: string }[] }>('{ teams { id name } }');
        return { ...mine, result };
      }),
    );
    for (const { result, own, other } of results) {
      const names = expectData(result).teams.map((team) => team.name);
      expect(names.sort()).toEqual([...own].sort());
      for (const name of other) expect(result.body).not.toContain(name);
    }
  });
});
