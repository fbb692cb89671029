import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context';
import type { Enrolment } from './dtos/programme.type';

export interface OwnEnrolment {
  enrolledAt: Date;
  agreementVersion: string | null;
  agreementAcceptedAt: Date | null;
}

/**
 * The `enrolment` table. Changes to a programme's enrolments are made under its row's lock
 * (`ProgrammeRepository.lock`), so the count they check cannot move underneath them.
 */
@Injectable()
export class EnrolmentRepository {
  /** The people enrolled in each of the organisation's `programmeIds`, in one statement (for the per-request loader). */
  async listByProgrammes(tenantId: string, programmeIds: readonly string[]): Promise<Map<string, Enrolment[]>> {
    const rows = await requestContext().uow.query<Enrolment & { programmeId: string }>(
      `SELECT e.programme_id AS "programmeId", e.user_id AS "userId", u.display_name AS "displayName", u.email, e.enrolled_at AS "enrolledAt",
              e.agreement_version AS "agreementVersion", e.agreement_accepted_at AS "agreementAcceptedAt"
         FROM enrolment e JOIN user_account u ON u.id = e.user_id
        WHERE e.tenant_id = $1 AND e.programme_id = ANY($2::uuid[]) ORDER BY lower(u.display_name), e.user_id`,
      [tenantId, programmeIds],
    );
    const byProgramme = new Map<string, Enrolment[]>(programmeIds.map((id) => [id, []]));
    for (const { programmeId, ...enrolment } of rows) byProgramme.get(programmeId)?.push(enrolment);
    return byProgramme;
  }

  async findOwn(tenantId: string, programmeId: string, userId: string): Promise<OwnEnrolment | null> {
    const [row] = await requestContext().uow.query<OwnEnrolment>(
      `SELECT enrolled_at AS "enrolledAt", agreement_version AS "agreementVersion", agreement_accepted_at AS "agreementAcceptedAt"
         FROM enrolment WHERE tenant_id = $1 AND programme_id = $2 AND user_id = $3`,
      [tenantId, programmeId, userId],
    );
    return row ?? null;
  }

  /** `userId`'s own enrolment in each of the organisation's `programmeIds` they are enrolled in, in one statement. */
  async findOwnByProgrammes(tenantId: string, programmeIds: readonly string[], userId: string): Promise<Map<string, OwnEnrolment>> {
    const rows = await requestContext().uow.query<OwnEnrolment & { programmeId: string }>(
      `SELECT programme_id AS "programmeId", enrolled_at AS "enrolledAt", agreement_version AS "agreementVersion", agreement_accepted_at AS "agreementAcceptedAt"
         FROM enrolment WHERE tenant_id = $1 AND programme_id = ANY($2::uuid[]) AND user_id = $3`,
      [tenantId, programmeIds, userId],
    );
    return new Map(rows.map(({ programmeId, ...own }) => [programmeId, own]));
  }

  /** False when they were enrolled already. */
  async add(tenantId: string, programmeId: string, userId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`, [
      tenantId,
      programmeId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** False when they were not enrolled. */
  async remove(tenantId: string, programmeId: string, userId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`DELETE FROM enrolment WHERE tenant_id = $1 AND programme_id = $2 AND user_id = $3 RETURNING user_id`, [
      tenantId,
      programmeId,
      userId,
    ]);
    return rows.length > 0;
  }

  async acceptAgreement(tenantId: string, programmeId: string, userId: string, version: string): Promise<void> {
    await requestContext().uow.query(`UPDATE enrolment SET agreement_version = $4, agreement_accepted_at = now() WHERE tenant_id = $1 AND programme_id = $2 AND user_id = $3`, [
      tenantId,
      programmeId,
      userId,
      version,
    ]);
  }
}
