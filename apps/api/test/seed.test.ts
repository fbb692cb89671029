import { seedDemo } from '../src/seed/seed';
import { startTestApi, type TestApi } from './support/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe('pnpm db:seed', () => {
  it('refuses to load demo accounts (with their published password) under NODE_ENV=production', async () => {
    await expect(seedDemo(api.database.ownerUrl, { NODE_ENV: 'production' })).rejects.toThrow(/never loaded with NODE_ENV=production/);
    expect(await api.fixtures.count('user_account', `email LIKE '%@lena.test'`)).toBe(0);
  });

  it('loads the demo world in development, and running it again changes nothing', async () => {
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    const people = await api.fixtures.count('user_account');
    const staff = await api.fixtures.count('user_account', `email LIKE '%@lena.test'`);
    expect(staff).toBeGreaterThan(0);
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    expect(await api.fixtures.count('user_account')).toBe(people);
  });
});
