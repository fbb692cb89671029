import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { NeedsAssessmentAnswers, ServiceRecommendation } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { NeedsAssessment } from './dtos/needs-assessment.type';

interface NeedsAssessmentRow {
  id: string;
  teamId: string;
  questionnaireVersion: string;
  answers: NeedsAssessmentAnswers;
  recommendation: ServiceRecommendation;
  assessedByName: string | null;
  createdAt: Date;
}

function toNeedsAssessment(row: NeedsAssessmentRow): NeedsAssessment {
  return { ...row };
}

const SELECT_ASSESSMENTS = `SELECT a.id, a.team_id AS "teamId", a.questionnaire_version AS "questionnaireVersion", a.answers, a.recommendation,
  u.display_name AS "assessedByName", a.created_at AS "createdAt"
  FROM needs_assessment a LEFT JOIN user_account u ON u.id = a.assessed_by`;

/** The `needs_assessment` table: answers are kept with the questionnaire version and the recommendation of the day. */
@Injectable()
export class NeedsAssessmentRepository {
  async insert(tenantId: string, values: { teamId: string; assessedBy: string; answers: NeedsAssessmentAnswers; recommendation: ServiceRecommendation }): Promise<string> {
    const rows = await requestContext().uow.query<{ id: string }>(
      `INSERT INTO needs_assessment (tenant_id, team_id, questionnaire_version, answers, recommendation, assessed_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [tenantId, values.teamId, values.recommendation.questionnaireVersion, JSON.stringify(values.answers), JSON.stringify(values.recommendation), values.assessedBy],
    );
    return oneRow(rows, 'needs_assessment').id;
  }

  async find(tenantId: string, id: string): Promise<NeedsAssessment | null> {
    const [row] = await requestContext().uow.query<NeedsAssessmentRow>(`${SELECT_ASSESSMENTS} WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, id]);
    return row ? toNeedsAssessment(row) : null;
  }

  /** Newest first. */
  async listForTeam(tenantId: string, teamId: string): Promise<NeedsAssessment[]> {
    const rows = await requestContext().uow.query<NeedsAssessmentRow>(`${SELECT_ASSESSMENTS} WHERE a.tenant_id = $1 AND a.team_id = $2 ORDER BY a.created_at DESC, a.id`, [
      tenantId,
      teamId,
    ]);
    return rows.map(toNeedsAssessment);
  }
}
