import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export interface DatabaseSettings {
  tenantId: string | null;
  userId: string | null;
}

const APPLY_SETTINGS = `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`;

/**
 * One request's database work: a single transaction opened on first use, carrying the tenant and
 * user settings that row-level security reads. The settings are transaction-local, so a pooled
 * connection can never carry them into another request.
 */
export class UnitOfWork {
  private runner: Promise<QueryRunner> | null = null;
  private finished = false;
  /** One connection runs one statement at a time; resolvers running side by side queue here. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly afterCommitCallbacks: Array<() => Promise<void>> = [];

  constructor(
    private readonly dataSource: DataSource,
    private settings: DatabaseSettings,
  ) {}

  get tenantId(): string | null {
    return this.settings.tenantId;
  }

  /**
   * Opens the transaction and applies the settings, running `extraSql` (one statement's select
   * list) in the same round trip; returns that statement's row.
   */
  async begin(extraSelect?: { sql: string; params: unknown[] }): Promise<Record<string, unknown>> {
    if (this.runner) throw new Error('The unit of work has already begun.');
    let row: Record<string, unknown> = {};
    this.runner = (async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const params = [this.settings.tenantId ?? '', this.settings.userId ?? '', ...(extraSelect?.params ?? [])];
        const sql = extraSelect ? `${APPLY_SETTINGS}, ${extraSelect.sql}` : APPLY_SETTINGS;
        const rows: Record<string, unknown>[] = await runner.query(sql, params);
        row = rows[0] ?? {};
        return runner;
      } catch (error) {
        await runner.release();
        throw error;
      }
    })();
    await this.runner;
    return row;
  }

  private async queryRunner(): Promise<QueryRunner> {
    if (this.finished) throw new Error('The unit of work has finished.');
    if (!this.runner) await this.begin();
    return this.runner!;
  }

  async manager(): Promise<EntityManager> {
    return (await this.queryRunner()).manager;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = this.queue.then(async () => (await this.queryRunner()).query(sql, params) as Promise<T[]>);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Acts for another tenant or user from here on, for steps that cross tenants on purpose: a
   * platform admin working in one organisation, an invitation being accepted, a sign-in reading
   * the person's own memberships. Always explicit, never implied.
   */
  async actAs(settings: Partial<DatabaseSettings>): Promise<void> {
    this.settings = { ...this.settings, ...settings };
    if (this.runner) await this.query(APPLY_SETTINGS, [this.settings.tenantId ?? '', this.settings.userId ?? '']);
  }

  /** Work to do once the transaction has committed (e.g. nudging the job queue). */
  afterCommit(callback: () => Promise<void>): void {
    this.afterCommitCallbacks.push(callback);
  }

  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.runner) return;
    await this.queue;
    const runner = await this.runner;
    try {
      if (commit) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    if (commit) {
      for (const callback of this.afterCommitCallbacks) {
        await callback().catch((error: unknown) => console.warn('After-commit step failed:', error));
      }
    }
  }
}
