import { expectData } from './support/expectations';
import type { TenantFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * What a platform admin's changes to an organisation leave in its record. Who may make them, and
 * bad input, are in isolation.test.ts and bad-input.test.ts; what suspension does to sessions is
 * in auth.test.ts.
 */
let api: TestApi;
let platformAdmin: TestClient;

const TENANT_FIELDS = 'id name slug status suspendedAt updatedAt';

interface TenantAnswer {
  id: string;
  name: string;
  slug: string;
  status: string;
  suspendedAt: string | null;
  updatedAt: string;
}

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.fixtures.platformAdmin();
  platformAdmin = api.client();
  expectData(await platformAdmin.login(admin.email, admin.password));
});

afterAll(async () => {
  await api?.close();
});

async function suspend(tenant: TenantFixture): Promise<TenantAnswer> {
  return expectData(await platformAdmin.gql<{ suspendTenant: TenantAnswer }>(`mutation($id: ID!) { suspendTenant(id: $id) { ${TENANT_FIELDS} } }`, { id: tenant.id }))
    .suspendTenant;
}

describe('suspending and reactivating an organisation', () => {
  it('records when it was suspended, restarts that clock when suspended again, and clears it on reactivation', async () => {
    const tenant = await api.fixtures.tenant();
    const first = await suspend(tenant);
    expect(first).toMatchObject({ status: 'SUSPENDED', suspendedAt: expect.any(String) });
    const second = await suspend(tenant);
    expect(new Date(second.suspendedAt!).getTime()).toBeGreaterThan(new Date(first.suspendedAt!).getTime());

    const reactivated = expectData(
      await platformAdmin.gql<{ reactivateTenant: TenantAnswer }>(`mutation($id: ID!) { reactivateTenant(id: $id) { ${TENANT_FIELDS} } }`, { id: tenant.id }),
    ).reactivateTenant;
    expect(reactivated).toMatchObject({ id: tenant.id, name: tenant.name, slug: tenant.slug, status: 'ACTIVE', suspendedAt: null });
    expect(new Date(reactivated.updatedAt).getTime()).toBeGreaterThan(new Date(second.updatedAt).getTime());
    const { rows } = await api.owner.query('SELECT status, suspended_at FROM tenant WHERE id = $1', [tenant.id]);
    expect(rows).toEqual([{ status: 'ACTIVE', suspended_at: null }]);
  });
});

describe('updating an organisation', () => {
  it('audits the fields given, and a change of nothing changes and audits nothing', async () => {
    const tenant = await api.fixtures.tenant();
    const UPDATE = `mutation($input: UpdateTenantInput!) { updateTenant(input: $input) { ${TENANT_FIELDS} } }`;
    const renamed = expectData(
      await platformAdmin.gql<{ updateTenant: TenantAnswer }>(UPDATE, { input: { id: tenant.id, name: `${tenant.name} Trust`, locale: 'cy' } }),
    ).updateTenant;
    expect(renamed).toMatchObject({ name: `${tenant.name} Trust`, slug: tenant.slug });

    const unchanged = expectData(await platformAdmin.gql<{ updateTenant: TenantAnswer }>(UPDATE, { input: { id: tenant.id } })).updateTenant;
    expect(unchanged).toEqual(renamed);
    const { rows } = await api.owner.query<{ changed: string[] }>(
      `SELECT detail->'changed' AS changed FROM audit_event WHERE action = 'TENANT_UPDATED' AND target_id = $1 ORDER BY id`,
      [tenant.id],
    );
    expect(rows).toEqual([{ changed: ['name', 'locale'] }]);
  });
});
