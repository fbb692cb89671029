import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context';
import type { SharedActionItem } from './dtos/delivery.types';

/**
 * Action items shared with a group, for the people enrolled in its programme. PostgreSQL's
 * `enrolled_participants` policy lets them read shared items of their own programmes and nothing
 * else of the notes; the statement asks for the same, so it never depends on the policy alone.
 */
@Injectable()
export class SharedActionItemRepository {
  async forMember(tenantId: string, userId: string): Promise<SharedActionItem[]> {
    return requestContext().uow.query<SharedActionItem>(
      `SELECT a.id, a.text, p.id AS "programmeId", p.title AS "programmeTitle", s.sequence, s.starts_at AS "startsAt"
         FROM session_action_item a
         JOIN group_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE a.tenant_id = $1 AND a.shared_with_group
          AND EXISTS (SELECT 1 FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id AND e.user_id = $2)
        ORDER BY s.starts_at DESC, a.position`,
      [tenantId, userId],
    );
  }
}
