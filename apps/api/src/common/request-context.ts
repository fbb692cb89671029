import { AsyncLocalStorage } from 'node:async_hooks';
import type { UnitOfWork } from '@lena/database';
import { DomainError, type Principal } from '@lena/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientAddress } from '../config/trusted-proxies';

/** Why a request carries no principal, so the error can say something useful. */
export type AuthProblem = 'none' | 'expired' | 'invalid' | 'revoked' | 'csrf';

/**
 * Everything resolved about a request before any resolver runs. Built once, never changed
 * except for the failure flag that decides whether the unit of work commits.
 */
export class RequestContext {
  private failedFlag = false;
  private readonly responseSentCallbacks: Array<() => void> = [];

  constructor(
    readonly principal: Principal | null,
    readonly authProblem: AuthProblem,
    readonly uow: UnitOfWork,
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
  ) {}

  /**
   * The client's address: the socket's peer, or what a trusted proxy reported (Fastify applies
   * LENA_TRUSTED_PROXIES). Anything that is not an IP address falls back to the peer, so a header's
   * text never reaches an `inet` column or a rate-limit key.
   */
  get ipAddress(): string | null {
    return clientAddress(this.request.ip) ?? clientAddress(this.request.socket?.remoteAddress);
  }

  get userAgent(): string | null {
    return this.request.headers['user-agent']?.slice(0, 300) ?? null;
  }

  get failed(): boolean {
    return this.failedFlag;
  }

  markFailed(): void {
    this.failedFlag = true;
  }

  /** Runs `callback` once the response has gone to the client (see AfterResponseWork). */
  onResponseSent(callback: () => void): void {
    this.responseSentCallbacks.push(callback);
  }

  responseSent(): void {
    for (const callback of this.responseSentCallbacks.splice(0)) callback();
  }

  requirePrincipal(): Principal {
    if (this.principal) return this.principal;
    switch (this.authProblem) {
      case 'expired':
        throw DomainError.unauthenticated('Your session has expired. Please sign in again.');
      case 'revoked':
        throw DomainError.unauthenticated('You have been signed out. Please sign in again.');
      case 'csrf':
        throw DomainError.forbidden('This request did not carry the security token it needs. Reload the page and try again.');
      default:
        throw DomainError.unauthenticated();
    }
  }
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context. Reading it outside a request is a bug, so it throws. */
export function requestContext(): RequestContext {
  const context = storage.getStore();
  if (!context) throw new Error('No request context: this code must run inside a request.');
  return context;
}

/** The current request's context, or undefined outside one: for logging, which runs anywhere. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
