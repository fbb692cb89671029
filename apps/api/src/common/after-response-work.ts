import { UnitOfWork } from '@lena/database';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, requestContext, runInRequestContext } from './request-context';

/**
 * Work that must not change how long a response takes: a password-reset request answers at once,
 * and whether an account exists (the lookup, the link, the email) is decided after the answer has
 * gone, so the answer's timing cannot tell the two apart.
 *
 * Each piece runs in a transaction of its own with no principal, keeping the request's client
 * address for the audit log. A failure is logged; the person can simply ask again.
 */
@Injectable()
export class AfterResponseWork implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AfterResponseWork.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  schedule(work: () => Promise<void>): void {
    const context = requestContext();
    context.onResponseSent(() => {
      const running = this.run(context, work).finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    });
  }

  /** Resolves once every scheduled piece has finished (tests; graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private async run(context: RequestContext, work: () => Promise<void>): Promise<void> {
    const uow = new UnitOfWork(this.dataSource, { tenantId: null, userId: null }, { logger: this.logger });
    const detached = new RequestContext(null, 'none', uow, context.request, context.reply);
    let succeeded = false;
    try {
      await runInRequestContext(detached, work);
      succeeded = true;
    } catch (error) {
      this.logger.error(`Work after the response failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await uow.finish(succeeded).catch((error: unknown) => this.logger.error(`Could not finish work after the response: ${String(error)}`));
    }
  }
}
