import type { TestApi } from './test-api';

/**
 * A delivered session of the programme with a feedback request and the snapshot the worker
 * publishes (`publish-feedback-results`): `tallies` counts each scale item's answers by value
 * (1 to 5). Dashboards read snapshots only, never live answers.
 */
export async function publishedFeedback(
  api: TestApi,
  tenantId: string,
  programmeId: string,
  sequence: number,
  tallies: Record<string, readonly number[]>,
  startsAt = new Date(Date.now() - (sequence + 1) * 86_400_000),
): Promise<{ sessionId: string }> {
  const session = await api.fixtures.groupSession(tenantId, programmeId, sequence, startsAt);
  const request = await api.fixtures.feedbackRequest(tenantId, session.id);
  const responses = Math.max(...Object.values(tallies).map((counts) => counts.reduce((sum, count) => sum + count, 0)));
  await api.fixtures.asTenant(
    tenantId,
    `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on) VALUES ($1, $2, $3, $4, $5, current_date)`,
    [tenantId, session.id, request.id, responses, JSON.stringify(tallies)],
  );
  return { sessionId: session.id };
}
