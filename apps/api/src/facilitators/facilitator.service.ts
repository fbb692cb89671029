import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, facilitatorProfileSchema, parseInput, PlatformRole, uuidSchema } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { SessionService } from '../sessions/session.service';
import type { Facilitator } from './dtos/facilitator.type';
import type { FacilitatorProfileInput } from './dtos/facilitator.inputs';
import { FacilitatorRepository } from './facilitator.repository';

@Injectable()
export class FacilitatorService {
  constructor(
    private readonly facilitators: FacilitatorRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Facilitator[]> {
    return this.facilitators.list();
  }

  async get(userId: string): Promise<Facilitator> {
    const facilitator = uuidSchema.safeParse(userId).success ? await this.facilitators.findById(userId) : null;
    if (!facilitator) throw DomainError.notFound('That facilitator');
    return facilitator;
  }

  /** A new facilitator (an accepted invitation) starts with an empty profile; an existing one is kept. */
  createProfile(userId: string): Promise<void> {
    return this.facilitators.createProfile(userId);
  }

  async updateProfile(userId: string, input: FacilitatorProfileInput): Promise<Facilitator> {
    const values = parseInput(facilitatorProfileSchema, input);
    await this.get(userId);
    await this.facilitators.updateProfile(userId, values);
    return this.get(userId);
  }

  /** Deactivation ends the person's sessions at once; their history stays. */
  async setActive(userId: string, active: boolean): Promise<Facilitator> {
    await this.get(userId);
    if (!active && requestContext().principal?.userId === userId) throw DomainError.conflict('You cannot deactivate your own account.');
    await this.facilitators.setAccountStatus(userId, active ? 'ACTIVE' : 'DEACTIVATED');
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
