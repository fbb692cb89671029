import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { DomainError, rolesOf, type Role } from '@lena/domain';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { requestContext } from './request-context';

/** Signed in unless @Public(); holding one of @Roles() when given. Applies to every resolver. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    // Health checks and other plain HTTP routes are public by nature.
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const principal = requestContext().requirePrincipal();
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!required?.length) return true;
    const held = rolesOf(principal);
    if (required.some((role) => held.includes(role))) return true;
    throw DomainError.forbidden();
  }
}
