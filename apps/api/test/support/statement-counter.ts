import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { TestApi } from './test-api';

/**
 * Counts the statements the API sends, where they leave it: on the clients of its own connection
 * pool, so nothing it sends is missed (TypeORM checks clients out with callbacks, the unit of work
 * with promises; both pass through `acquire`).
 */
export interface StatementCounter {
  /** The text of every statement `work` caused, after the API's after-response work has settled too. */
  during<T>(work: () => Promise<T>): Promise<{ statements: string[]; result: T }>;
}

export function countStatements(api: TestApi): StatementCounter {
  const pool = (api.app.get(DataSource).driver as unknown as { master: Pool }).master;
  let sent: string[] | null = null;
  const wrapped = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const counting = (...args: unknown[]): unknown => {
      const [text] = args;
      sent?.push(typeof text === 'string' ? text : String((text as { text?: unknown }).text));
      return query(...args);
    };
    Object.assign(client, { query: counting });
  });
  return {
    async during<T>(work: () => Promise<T>) {
      await api.settled();
      sent = [];
      try {
        const result = await work();
        await api.settled();
        return { statements: sent, result };
      } finally {
        sent = null;
      }
    },
  };
}
