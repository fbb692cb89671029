import { createParamDecorator, SetMetadata } from '@nestjs/common';
import { DomainError, type Role } from '@lena/domain';
import { requestContext } from './request-context';

export const PUBLIC_KEY = 'lena:public';
export const ROLES_KEY = 'lena:roles';

/** Reachable without signing in (sign-in itself, invitation links, password resets). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable only by principals holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in principal; the guard has already ensured there is one. */
export const CurrentPrincipal = createParamDecorator(() => requestContext().requirePrincipal());

/**
 * The organisation the signed-in principal acts in. For resolvers whose @Roles() are organisation
 * roles, which a principal holds only while acting in an organisation; anyone else is refused.
 */
export const CurrentTenant = createParamDecorator((): string => {
  const { tenantId } = requestContext().requirePrincipal();
  if (!tenantId) throw DomainError.forbidden();
  return tenantId;
});
