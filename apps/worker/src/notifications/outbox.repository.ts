import { Injectable } from '@nestjs/common';
import { OutboxMessageEntity, type UnitOfWork } from '@lena/database';
import type { DeliveredEmail, OutboxKind, SealedEmail } from '@lena/jobs';
import { In } from 'typeorm';

/**
 * The transactional outbox (outbox_message, a platform table) as the worker works it: handing due
 * rows to the queue, and delivering one row at a time. Each method runs in the unit of work it is
 * given, whose transaction holds the row locks its statements take.
 */
@Injectable()
export class OutboxRepository {
  /** Writes messages in `uow`'s transaction (one statement however many); returns their ids in order. */
  async add(uow: UnitOfWork, messages: ReadonlyArray<{ kind: typeof OutboxKind.email; tenantId: string | null; payload: SealedEmail }>): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = await uow.query<{ id: string }>(
      `INSERT INTO outbox_message (kind, tenant_id, payload)
       SELECT m.kind, m.tenant_id, m.payload FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) WITH ORDINALITY AS m (kind, tenant_id, payload, position)
        ORDER BY m.position
       RETURNING id`,
      [messages.map((message) => message.kind), messages.map((message) => message.tenantId), messages.map((message) => JSON.stringify(message.payload))],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The message, locked until `uow` ends, so a second job for the same row (a stalled job picked
   * up again, a replica racing) waits and then finds it delivered. Null when there is no such row.
   */
  async lockForDelivery(uow: UnitOfWork, id: string): Promise<OutboxMessageEntity | null> {
    const manager = await uow.manager();
    return manager.findOne(OutboxMessageEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Delivered, and in the same statement the body (which may hold a sign-in link) replaced by what may stay. */
  async markDelivered(uow: UnitOfWork, id: string, kept: DeliveredEmail): Promise<void> {
    const manager = await uow.manager();
    await manager.update(OutboxMessageEntity, { id }, { deliveredAt: () => 'now()', attempts: () => 'attempts + 1', payload: kept });
  }

  /** Counts a failed attempt and keeps why; `giveUp` makes the row a dead letter. */
  async recordFailedAttempt(uow: UnitOfWork, id: string, failure: { lastError: string; giveUp: boolean }): Promise<void> {
    const manager = await uow.manager();
    await manager.update(OutboxMessageEntity, { id }, { attempts: () => 'attempts + 1', lastError: failure.lastError, failedAt: failure.giveUp ? () => 'now()' : null });
  }

  /**
   * Locks up to `limit` undelivered rows, oldest first, that were never handed to the queue or
   * were handed over more than `handOverAgainAfterSeconds` ago; dead letters are left alone.
   * SKIP LOCKED lets any number of replicas relay side by side without taking the same rows.
   */
  async lockDue(uow: UnitOfWork, due: { handOverAgainAfterSeconds: number; limit: number }): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `SELECT id FROM outbox_message
        WHERE delivered_at IS NULL AND failed_at IS NULL
          AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $1))
        ORDER BY created_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [due.handOverAgainAfterSeconds, due.limit],
    );
    return rows.map((row) => row.id);
  }

  async markEnqueued(uow: UnitOfWork, ids: string[]): Promise<void> {
    const manager = await uow.manager();
    await manager.update(OutboxMessageEntity, { id: In(ids) }, { enqueuedAt: () => 'now()' });
  }
}
