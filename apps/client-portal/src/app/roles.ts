import type { Viewer } from '@lena/graphql-client/react';

export function isOrgAdmin(viewer: Viewer | null): boolean {
  return viewer?.tenantRole === 'ORG_ADMIN';
}
