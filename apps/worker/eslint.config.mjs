import { base, contextBoundaries } from '@lena/eslint-config';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  base,
  contextBoundaries({
    root: import.meta.dirname,
    // The job runner (jobs/), configuration and the database connection serve every context.
    shared: ['config', 'database', 'jobs'],
    // The relay and the purges hand the outbox's rows over through the notifications context's repository;
    // scheduling writes its invitations and reminders to the outbox through it too. The sweep delivers
    // ended sessions and the purge erases old note text through delivery's repositories. Feedback
    // emails its links through the outbox, and so does outcomes.
    uses: {
      maintenance: ['notifications', 'delivery', 'outcomes'],
      notifications: [],
      scheduling: ['notifications', 'delivery'],
      delivery: [],
      feedback: ['notifications'],
      outcomes: ['notifications'],
    },
  }),
);
