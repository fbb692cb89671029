import { base, contextBoundaries } from '@lena/eslint-config';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  base,
  contextBoundaries({
    root: import.meta.dirname,
    shared: ['common', 'config'],
    // The one-way module direction of ARCHITECTURE.md: each context and the contexts it may use.
    uses: {
      invitations: ['auth', 'facilitators', 'tenancy', 'sessions', 'audit', 'notifications'],
      auth: ['tenancy', 'sessions', 'audit', 'notifications'],
      tenancy: ['sessions', 'audit', 'notifications'],
      facilitators: ['sessions', 'audit', 'notifications'],
      programmes: ['tenancy', 'facilitators', 'scheduling', 'audit', 'notifications'],
      scheduling: ['audit', 'notifications'],
      feedback: ['audit', 'notifications'],
      delivery: ['audit', 'notifications'],
      outcomes: ['programmes', 'feedback', 'audit', 'notifications'],
      sessions: ['audit', 'notifications'],
      notifications: ['audit'],
      audit: [],
      health: [],
      seed: [],
    },
  }),
);
