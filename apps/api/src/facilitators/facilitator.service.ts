import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, facilitatorProfileSchema, parseInput, PlatformRole, uuidSchema } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { Facilitator } from './dtos/facilitator.type';
import { SessionService } from '../sessions/session.service';
import type { FacilitatorProfileInput } from './dtos/facilitator.inputs';

const FACILITATOR_QUERY = `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, p.bio, p.services, (u.status = 'ACTIVE') AS active
  FROM platform_role r JOIN user_account u ON u.id = r.user_id JOIN facilitator_profile p ON p.user_id = u.id
 WHERE r.role = 'FACILITATOR'`;

@Injectable()
export class FacilitatorService {
  constructor(
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Facilitator[]> {
    return requestContext().uow.query<Facilitator>(`${FACILITATOR_QUERY} ORDER BY u.display_name`);
  }

  async get(userId: string): Promise<Facilitator> {
    if (!uuidSchema.safeParse(userId).success) throw DomainError.notFound('That facilitator');
    const [facilitator] = await requestContext().uow.query<Facilitator>(`${FACILITATOR_QUERY} AND u.id = $1`, [userId]);
    if (!facilitator) throw DomainError.notFound('That facilitator');
    return facilitator;
  }

  async updateProfile(userId: string, input: FacilitatorProfileInput): Promise<Facilitator> {
    const values = parseInput(facilitatorProfileSchema, input);
    const { uow } = requestContext();
    await this.get(userId);
    await uow.query('UPDATE user_account SET display_name = $2, updated_at = now() WHERE id = $1', [userId, values.displayName]);
    await uow.query('UPDATE facilitator_profile SET bio = $2, services = $3, updated_at = now() WHERE user_id = $1', [userId, values.bio, values.services]);
    return this.get(userId);
  }

  /** Deactivation ends the person's sessions at once; their history stays. */
  async setActive(userId: string, active: boolean): Promise<Facilitator> {
    await this.get(userId);
    const { uow, principal } = requestContext();
    if (!active && principal?.userId === userId) throw DomainError.conflict('You cannot deactivate your own account.');
    await uow.query(`UPDATE user_account SET status = $2, updated_at = now() WHERE id = $1`, [userId, active ? 'ACTIVE' : 'DEACTIVATED']);
    if (!active) await this.sessions.revokeUserSessions(userId, 'account deactivated');
    await this.audit.record({
      action: active ? AuditAction.USER_REACTIVATED : AuditAction.USER_DEACTIVATED,
      targetType: 'user_account',
      targetId: userId,
      detail: { role: PlatformRole.FACILITATOR },
    });
    return this.get(userId);
  }
}
