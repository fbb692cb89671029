import type { Viewer } from '@lena/graphql-client/react';

export function isPlatformAdmin(viewer: Viewer | null): boolean {
  return Boolean(viewer?.platformRoles.includes('PLATFORM_ADMIN'));
}

export function isFacilitator(viewer: Viewer | null): boolean {
  return Boolean(viewer?.platformRoles.includes('FACILITATOR'));
}
