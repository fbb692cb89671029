import { createHash } from 'node:crypto';
import { DomainError } from '@lena/domain';
import { escapeLiteral, type Pool, type PoolClient, type QueryResult } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export interface DatabaseSettings {
  tenantId: string | null;
  userId: string | null;
}

/** Where a unit of work's connection comes from: TypeORM's data source (its pg pool) or a pg pool. */
export type ConnectionSource = DataSource | Pool;

/** Where a unit of work reports what it cannot throw (an after-commit step that failed). */
export interface UnitOfWorkLogger {
  warn(message: string): void;
}

export interface UnitOfWorkOptions {
  /**
   * The API passes Nest's Logger (routed to pino, with the request's ids), the worker its job
   * logger. Without one, the warning goes to the console: it is never swallowed.
   */
  logger?: UnitOfWorkLogger;
}

const APPLY_SETTINGS = `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `sql` with its `$1`, `$2`… replaced by the ids given, as literals (an empty string for null), so
 * that it can travel in one simple-protocol message with BEGIN. Only ids: anything else could
 * carry SQL of its own.
 */
function inlineIds(sql: string, ids: ReadonlyArray<string | null>): string {
  for (const id of ids) {
    if (id !== null && id !== '' && !UUID.test(id)) throw new Error('Only ids may be sent with the start of a unit of work.');
  }
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= ids.length) throw new Error(`No value for $${n} in a statement sent with the start of a unit of work.`);
    return `'${ids[index] ?? ''}'`;
  });
}
/** A value a statement sent with COMMIT may carry: plain scalars and one-dimensional arrays of them. */
export type CommitValue = string | number | boolean | null | ReadonlyArray<string | number | null>;

/** A value as PostgreSQL reads it in a statement's text: quoted by pg's own escapeLiteral. */
function literalOf(value: CommitValue): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) {
    // An array literal's elements, each quoted as the array syntax wants ("…" with \ and " escaped).
    const elements = (value as ReadonlyArray<string | number | null>).map((element) =>
      element === null ? 'NULL' : `"${String(element).replace(/[\\"]/g, (character) => `\\${character}`)}"`,
    );
    return escapeLiteral(`{${elements.join(',')}}`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Only finite numbers may be sent with COMMIT.');
  return escapeLiteral(String(value));
}

/** `sql` with its `$1`, `$2`… replaced by `params` as literals, to travel in one simple-protocol message. */
function withLiterals(sql: string, params: readonly CommitValue[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new Error(`No value for $${n} in a statement sent with COMMIT.`);
    return literalOf(params[index] as CommitValue);
  });
}

const consoleLogger: UnitOfWorkLogger = { warn: (message) => console.warn(`[UnitOfWork] ${message}`) };

/** Prepared statements' names by text: worked out once per text, not on every run. */
const preparedNames = new Map<string, string>();

/** A prepared statement's name: its text's hash, so one text is one statement on each connection. */
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `lena_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * Runs one statement on its own (autocommit, on any pooled connection, outside every unit of
 * work) as a named prepared statement, so each connection parses and plans it once. For the
 * anonymous pages' one-statement calls (a feedback answer is `feedback_respond` and nothing
 * else), whose parsing and planning were about an eighth of the database’s work for each. Fixed texts only.
 */
export async function queryOnItsOwn<T = Record<string, unknown>>(source: ConnectionSource, sql: string, params: unknown[]): Promise<T[]> {
  return (await poolOf(source).query({ name: preparedName(sql), text: sql, values: params })).rows as T[];
}

function poolOf(source: ConnectionSource): Pool {
  // TypeORM's postgres driver keeps its pg pool as `master`; a pg Pool has `connect` itself.
  return 'driver' in source ? (source.driver as unknown as { master: Pool }).master : source;
}

/**
 * TypeORM's query runner as far as binding it to a connection we already hold needs. Its
 * connection is only ever asked to run a statement (`query(text, values)`).
 */
type BindableQueryRunner = QueryRunner & { databaseConnection: { query(text: string, values?: unknown[]): Promise<QueryResult> }; isTransactionActive: boolean };

/**
 * One process's database work for one tenant: a single transaction opened on first use, carrying
 * the tenant and user settings that row-level security reads. The settings are
 * transaction-local, so a pooled connection can never carry them into other work. The API opens
 * one per request, the worker one per tenant job, the seed and the benchmarks one per
 * organisation they write.
 *
 * This is the hot path of every request, so it talks to the pg pool directly: BEGIN, the settings
 * and the caller's first check travel in one round trip.
 */
export class UnitOfWork {
  private readonly pool: Pool;
  private readonly dataSource: DataSource | null;
  private readonly logger: UnitOfWorkLogger;
  private queryRunner: BindableQueryRunner | null = null;
  private client: Promise<PoolClient> | null = null;
  private finished = false;
  /** One connection runs one statement at a time; callers running side by side queue here. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly afterCommitCallbacks: Array<() => Promise<void>> = [];
  /** Writes to send with COMMIT, their values already written in as literals. */
  private readonly withCommit: string[] = [];
  private readonly connectionLost = (error: Error) => this.logger.warn(`The unit of work's database connection was lost: ${error.message}`);

  constructor(
    source: ConnectionSource,
    private settings: DatabaseSettings,
    options: UnitOfWorkOptions = {},
  ) {
    this.pool = poolOf(source);
    this.dataSource = 'driver' in source ? source : null;
    this.logger = options.logger ?? consoleLogger;
  }

  get tenantId(): string | null {
    return this.settings.tenantId;
  }

  get userId(): string | null {
    return this.settings.userId;
  }

  /**
   * Opens the transaction and applies the settings. `extraSelect` adds columns to that first
   * statement (its `$3`, `$4`… are ids, sent as literals so the whole start is one round trip);
   * returns the first statement's row.
   */
  async begin(extraSelect?: { sql: string; params: Array<string | null> }): Promise<Record<string, unknown>> {
    const settings = inlineIds(APPLY_SETTINGS, [this.settings.tenantId, this.settings.userId]);
    const select = extraSelect ? `${settings}, ${inlineIds(extraSelect.sql, [this.settings.tenantId, this.settings.userId, ...extraSelect.params])}` : settings;
    const results = await this.open(`BEGIN; ${select}`);
    return results[1]?.rows[0] ?? {};
  }

  /**
   * Runs `sql` as `query` does; when it is the unit of work's first statement, in the same round
   * trip as BEGIN and the settings. A job that does little else (a series expansion: claim, insert,
   * commit) spends much of its time waiting on round trips. As with `begin`, the parameters must
   * then be ids (or null), sent as literals.
   */
  queryAtStart<T = Record<string, unknown>>(sql: string, params: Array<string | null>): Promise<T[]> {
    // Through the queue like any statement, so that one asked for earlier still runs first.
    const result = this.queue.then(async () => {
      if (this.client || this.finished) return (await (await this.connection()).query(sql, params)).rows as T[];
      const results = await this.open(`BEGIN; ${inlineIds(APPLY_SETTINGS, [this.settings.tenantId, this.settings.userId])}; ${inlineIds(sql, params)}`);
      return (results[2]?.rows ?? []) as T[];
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Takes a connection and sends `start` (BEGIN, the settings, and whatever travels with them) on it. */
  private async open(start: string): Promise<Array<{ rows: Record<string, unknown>[] }>> {
    if (this.client) throw new Error('The unit of work has already begun.');
    let results: Array<{ rows: Record<string, unknown>[] }> = [];
    this.client = (async () => {
      const client = await this.pool.connect();
      // A connection lost while checked out (the server restarted, an operator killed the
      // backend) emits 'error' with no listener, which would take the whole process down. The
      // statement running then fails on its own; a lost idle moment shows up at the next one.
      client.on('error', this.connectionLost);
      try {
        results = (await client.query(start)) as unknown as Array<{ rows: Record<string, unknown>[] }>;
        return client;
      } catch (error) {
        // Whatever of the start ran is undone with the connection, which is not given back to the
        // pool (it keeps the listener: a lost connection may still report its end after this).
        client.release(error as Error);
        throw error;
      }
    })();
    await this.client;
    return results;
  }

  private async connection(): Promise<PoolClient> {
    if (this.finished) throw new Error('The unit of work has finished.');
    if (!this.client) await this.begin();
    return this.client!;
  }

  /**
   * Runs one statement in the unit of work's transaction and returns its rows. `prepared`: as a
   * named prepared statement (named by its text), so each connection plans it once and then reuses
   * a generic plan. For hot reads over tables whose row-level security policies make planning cost
   * more than running (a dashboard's reads: planning one took 2–17 ms, running it 0.5 ms). Only for
   * fixed texts (never with ids written into the text): each text is kept on every connection.
   */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], options: { prepared?: boolean } = {}): Promise<T[]> {
    const statement = options.prepared ? { name: preparedName(sql), text: sql, values: params } : null;
    return this.enqueue(async (client) => (statement ? await client.query(statement) : await client.query(sql, params)).rows as T[]);
  }

  /** Runs `statement` on the connection once every statement queued before it has finished. */
  private enqueue<T>(statement: (client: PoolClient) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => statement(await this.connection()));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * TypeORM's entity manager on this unit of work's own connection and transaction, for
   * repositories' simple reads and writes: what it reads and writes is under the same tenant
   * settings (and row-level security) and commits or rolls back with everything else. Its query
   * runner is told a transaction is already open, so `save` never starts one of its own.
   */
  async manager(): Promise<EntityManager> {
    if (!this.dataSource) throw new Error('A unit of work on a bare pg pool has no entity manager: open it on the DataSource.');
    if (!this.queryRunner) {
      await this.connection();
      const runner = this.dataSource.createQueryRunner() as BindableQueryRunner;
      // Its statements join the same queue as raw ones: callers running side by side (the root
      // fields of one GraphQL document) never send a statement while another is still running.
      runner.databaseConnection = { query: (text, values) => this.enqueue((client) => client.query(text, values)) };
      runner.isTransactionActive = true;
      this.queryRunner = runner;
    }
    return this.queryRunner.manager;
  }

  /**
   * Acts for another tenant or user from here on, for steps that cross tenants on purpose: a
   * platform admin working in one organisation, an invitation being accepted, a sign-in reading
   * the person's own memberships. Always explicit, never implied.
   *
   * A setting can be filled once but never changed: every root field of a GraphQL document shares
   * this transaction, so a second switch would put the other fields (running alongside, or after)
   * in an organisation they never asked for. A tenant job's handler cannot leave its tenant either.
   */
  async actAs(settings: Partial<DatabaseSettings>): Promise<void> {
    for (const key of ['tenantId', 'userId'] as const) {
      const wanted = settings[key];
      const current = this.settings[key];
      if (wanted !== undefined && current !== null && current !== wanted) {
        throw DomainError.conflict('One request can work in one organisation, for one person, at a time. Send these operations separately.');
      }
    }
    this.settings = { ...this.settings, ...settings };
    if (this.client) await this.query(APPLY_SETTINGS, [this.settings.tenantId ?? '', this.settings.userId ?? '']);
  }

  /**
   * A write to send with COMMIT, in the same round trip, for work whose last statement nobody
   * reads (a series expansion that invites nobody yet: claim, insert, commit becomes claim, then
   * insert and commit together). A rollback drops it; if it fails, the commit fails and nothing
   * of the unit of work is kept. Nothing in the unit of work sees what it writes. Its values are
   * written into the text as literals, quoted by pg's own escapeLiteral.
   */
  writeWithCommit(sql: string, params: readonly CommitValue[]): void {
    if (this.finished) throw new Error('The unit of work has finished.');
    this.withCommit.push(withLiterals(sql, params));
  }

  /** Work to do once the transaction has committed (e.g. nudging the job queue). */
  afterCommit(callback: () => Promise<void>): void {
    this.afterCommitCallbacks.push(callback);
  }

  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const writes = commit ? this.withCommit.splice(0) : [];
    if (!this.client && writes.length === 0) return;
    // Writes sent with COMMIT need a transaction to commit them in.
    if (!this.client) await this.begin();
    await this.queue;
    // Marks the runner released (it holds no pool callback: the connection is ours to give back).
    await this.queryRunner?.release();
    let client: PoolClient | null;
    try {
      client = await this.client;
    } catch (error) {
      // The start itself failed and its connection went with it: there is nothing to roll back,
      // and nothing was committed.
      if (commit) throw error;
      return;
    }
    if (!client) return;
    try {
      // A write that fails skips the COMMIT after it; the connection is then not given back (below).
      await client.query(commit ? [...writes, 'COMMIT'].join(';\n') : 'ROLLBACK');
      client.off('error', this.connectionLost);
      client.release();
    } catch (error) {
      // A connection whose transaction state is unknown is not given back to the pool. It keeps
      // the listener: a lost connection may still report its end after this.
      client.release(error as Error);
      throw error;
    }
    if (commit) await this.runAfterCommit();
  }

  private async runAfterCommit(): Promise<void> {
    for (const callback of this.afterCommitCallbacks) {
      await callback().catch((error: unknown) => this.logger.warn(`After-commit step failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}

/**
 * Runs `work` in a unit of work of its own: commits when it resolves, rolls back when it throws
 * (and rethrows). For processes outside a request: the worker's tenant jobs, the seed, the
 * benchmarks' fixtures.
 */
export async function withUnitOfWork<T>(source: ConnectionSource, settings: DatabaseSettings, work: (uow: UnitOfWork) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  const uow = new UnitOfWork(source, settings, options);
  let result: T;
  try {
    result = await work(uow);
  } catch (error) {
    // The work's error is the one worth reporting; a failed rollback releases the connection as broken.
    await uow.finish(false).catch(() => undefined);
    throw error;
  }
  await uow.finish(true);
  return result;
}
