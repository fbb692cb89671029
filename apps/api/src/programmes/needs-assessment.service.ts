import { Injectable } from '@nestjs/common';
import { AuditAction, NEEDS_ASSESSMENT_QUESTIONNAIRE, needsAssessmentSubmissionSchema, parseInput, recommendService, type Principal } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { TeamService } from '../tenancy/team.service';
import type { SaveNeedsAssessmentInput } from './dtos/needs-assessment.inputs';
import type { NeedsAssessment, NeedsAssessmentQuestionnaire } from './dtos/needs-assessment.type';
import { NeedsAssessmentRepository } from './needs-assessment.repository';

/** "Which suits best?": an org admin's answers about a team, and the domain's recommendation, kept together. */
@Injectable()
export class NeedsAssessmentService {
  constructor(
    private readonly assessments: NeedsAssessmentRepository,
    private readonly teams: TeamService,
    private readonly audit: AuditService,
  ) {}

  questionnaire(): NeedsAssessmentQuestionnaire {
    return {
      version: NEEDS_ASSESSMENT_QUESTIONNAIRE.version,
      questions: NEEDS_ASSESSMENT_QUESTIONNAIRE.questions.map((question) => ({
        id: question.id,
        kind: question.kind,
        prompt: question.prompt,
        hint: question.hint ?? null,
        options: question.options.map((option) => ({ ...option })),
      })),
    };
  }

  async save(principal: Principal, tenantId: string, input: SaveNeedsAssessmentInput): Promise<NeedsAssessment> {
    const { answers } = parseInput(needsAssessmentSubmissionSchema, { questionnaireVersion: input.questionnaireVersion, answers: { ...input.answers } });
    const team = await this.teams.get(tenantId, input.teamId);
    const recommendation = recommendService(answers);
    const id = await this.assessments.insert(tenantId, { teamId: team.id, assessedBy: principal.userId, answers, recommendation });
    await this.audit.record({
      action: AuditAction.NEEDS_ASSESSMENT_SAVED,
      tenantId,
      targetType: 'team',
      targetId: team.id,
      detail: { needsAssessmentId: id, questionnaireVersion: recommendation.questionnaireVersion, plan: recommendation.plan },
    });
    return (await this.assessments.find(tenantId, id))!;
  }

  async listForTeam(tenantId: string, teamId: string): Promise<NeedsAssessment[]> {
    const team = await this.teams.get(tenantId, teamId);
    return this.assessments.listForTeam(tenantId, team.id);
  }
}
