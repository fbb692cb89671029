import { createHash, randomBytes } from 'node:crypto';
import { oneRow } from '@lena/database';
import { DomainError, expiresAt, tokenSchema } from '@lena/domain';

/** A fresh secret for a link or cookie, and the hash that is all the database keeps. */
export function newOpaqueToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A link about to be emailed: the secret goes in the email, only its hash into the table. */
export interface IssuedLink {
  token: string;
  hash: Buffer;
  expiresAt: Date;
}

/** What runs a statement: the request's unit of work, or the pool for an autocommit read. */
interface Statements {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * One kind of one-time link (an invitation, a password reset): the table keeping its hash in
 * `token_hash` and its end in `expires_at`, the column stamped when it is spent, and anything
 * else that must hold for it to be usable. Names come from code, never from a request.
 */
export interface OneTimeLinkKind {
  table: string;
  /** The table's alias in the statements this helper writes (callers' joins and columns use it). */
  alias: string;
  spentColumn: string;
  /** Further conditions on the link's own row, e.g. not revoked (written with the alias). */
  alsoUsableWhen?: string;
  lifetimeSeconds: number;
  /** What the person is told when the link is wrong, expired or already spent. */
  invalidMessage: string;
}

/**
 * Everything a one-time link needs, shared by invitations and password resets: make one, store
 * its hash with an expiry, find a usable one, and spend it atomically. The secret itself is never
 * stored, and a link of the wrong shape is refused before any statement runs.
 *
 * Not a repository of its own: it owns no table, and each kind's table belongs to its context.
 * That context's repository defines the kind and is the only caller of the statements (`store`,
 * `renew`, `findUsable`, `spend`); its services use `issue`, `hashOf` and `invalid`.
 */
export class OneTimeLinks {
  constructor(private readonly kind: OneTimeLinkKind) {}

  /** A new secret, its hash and when it stops working. */
  issue(now = new Date()): IssuedLink {
    return { ...newOpaqueToken(), expiresAt: expiresAt(now, this.kind.lifetimeSeconds) };
  }

  /** The hash a presented link is looked up by; a token of the wrong shape is an invalid link. */
  hashOf(token: string): Buffer {
    if (!tokenSchema.safeParse(token).success) throw this.invalid();
    return hashOpaqueToken(token);
  }

  invalid(): DomainError {
    return DomainError.badInput(this.kind.invalidMessage, [{ field: 'token', message: this.kind.invalidMessage }]);
  }

  /** Stores a new link with the row's other `columns` (names from code); returns the `returning` columns. */
  async store<T>(db: Statements, columns: Record<string, unknown>, link: IssuedLink, returning = 'id'): Promise<T> {
    const names = [...Object.keys(columns), 'token_hash', 'expires_at'];
    const values = [...Object.values(columns), link.hash, link.expiresAt];
    const rows = (await db.query(
      `INSERT INTO ${this.kind.table} (${names.join(', ')}) VALUES (${names.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING ${returning}`,
      values,
    )) as T[];
    return oneRow(rows, this.kind.table);
  }

  /** Gives the row `id` a new link and a new expiry; the earlier link stops working (one hash per row). */
  async renew<T>(db: Statements, id: string, link: IssuedLink, returning = 'id'): Promise<T> {
    const rows = (await db.query(`UPDATE ${this.kind.table} SET token_hash = $2, expires_at = $3 WHERE id = $1 RETURNING ${returning}`, [id, link.hash, link.expiresAt])) as T[];
    return oneRow(rows, this.kind.table);
  }

  /**
   * The usable link with this hash, read with `select` (columns of the alias and of any `join`),
   * narrowed by `where`; `lock` holds its row until the transaction ends. Undefined when none.
   */
  async findUsable<T>(db: Statements, hash: Buffer, query: { select: string; join?: string; where?: string; lock?: boolean }): Promise<T | undefined> {
    const { table, alias } = this.kind;
    const [row] = (await db.query(
      `SELECT ${query.select} FROM ${table} ${alias} ${query.join ?? ''}
        WHERE ${alias}.token_hash = $1 AND ${this.usable()}${query.where ? ` AND ${query.where}` : ''}
        ${query.lock ? `FOR UPDATE OF ${alias}` : ''}`,
      [hash],
    )) as T[];
    return row;
  }

  /**
   * Spends the link in one statement, so of two requests presenting it only one succeeds; returns
   * the `returning` columns of its row, or refuses it as an invalid link.
   */
  async spend<T>(db: Statements, hash: Buffer, returning = 'id'): Promise<T> {
    const { table, alias, spentColumn } = this.kind;
    const [row] = (await db.query(`UPDATE ${table} ${alias} SET ${spentColumn} = now() WHERE ${alias}.token_hash = $1 AND ${this.usable()} RETURNING ${returning}`, [hash])) as T[];
    if (!row) throw this.invalid();
    return row;
  }

  private usable(): string {
    const { alias, spentColumn, alsoUsableWhen } = this.kind;
    return `${alias}.${spentColumn} IS NULL AND ${alias}.expires_at > now()${alsoUsableWhen ? ` AND ${alsoUsableWhen}` : ''}`;
  }
}
