import type { TenantFieldsFragment } from '@lena/graphql-client';

/**
 * A tenant as the API returns it: every field `TenantFields` selects, so Apollo's cache holds what
 * the real app would. Tests override only what they are about.
 */
export function tenant(overrides: Partial<TenantFieldsFragment> = {}) {
  return {
    __typename: 'Tenant' as const,
    id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    name: 'Northshire Children’s Services',
    slug: 'northshire',
    timeZone: 'Europe/London',
    locale: 'en-GB',
    minReportingGroupSize: 5,
    orgAdminsSeeIndividualAttendance: false,
    status: 'ACTIVE',
    suspendedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  } satisfies TenantFieldsFragment & { __typename: 'Tenant' };
}
