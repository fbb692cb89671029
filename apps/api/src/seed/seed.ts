import { hash, Algorithm } from '@node-rs/argon2';
import { AuthPolicy } from '@lena/domain';
import { databaseUrlsFromEnv, migrateDatabase, oneRow, withUnitOfWork, type UnitOfWork } from '@lena/database';
import { Pool } from 'pg';
import { DEMO_PASSWORD, demoStaff, demoTenants } from './demo-data';

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

    await withUnitOfWork(pool, { tenantId: null, userId: null }, async (uow) => {
      for (const person of demoStaff) {
        const id = await userId(uow, person.email, person.displayName);
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
      });
    }
  } finally {
    await pool.end();
  }
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
