import { Injectable } from '@nestjs/common';
import type { MeasurementPoint, OutcomeInstrument, OutcomeScores } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A programme the person is enrolled in that has a plan, with its instruments and the points asked so far. */
export interface EnrolledPlan {
  programmeId: string;
  title: string;
  instruments: Array<{ key: string; attribution: string | null; definition: OutcomeInstrument | null }>;
  asked: Array<{ point: MeasurementPoint; opensAt: string }>;
}

export interface OwnMeasurement {
  programmeId: string;
  instrumentKey: string;
  point: MeasurementPoint;
  scores: OutcomeScores;
}

/** The spread of a programme's baseline scores on one scale: what the reliable-change threshold needs. */
export interface BaselineSpread {
  programmeId: string;
  instrumentKey: string;
  subscaleKey: string;
  n: number;
  sd: number | null;
}

/**
 * What "My measures" reads: the signed-in person's programmes with plans, the measurements with
 * their own pseudonyms (found by pseudonym only: the caller derives them, nothing stored maps a
 * person to one), and each programme's baseline spread.
 */
@Injectable()
export class MyMeasuresRepository {
  async enrolledPlans(tenantId: string, userId: string): Promise<EnrolledPlan[]> {
    return requestContext().uow.query<EnrolledPlan>(
      `SELECT p.id AS "programmeId", p.title,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('key', i.instrument_key, 'attribution', COALESCE(o.licence, t.licence) ->> 'attribution',
                                                            'definition', COALESCE(o.definition, t.definition)) ORDER BY i.instrument_key)
                          FROM programme_outcome_instrument i
                          LEFT JOIN outcome_instrument o ON o.key = i.instrument_key AND o.version = i.instrument_version
                          LEFT JOIN tenant_outcome_instrument t ON t.tenant_id = i.tenant_id AND t.key = i.instrument_key AND t.version = i.instrument_version
                         WHERE i.tenant_id = p.tenant_id AND i.programme_id = p.id), '[]') AS instruments,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('point', r.point, 'opensAt', r.opens_at) ORDER BY r.opens_at)
                          FROM outcome_request r WHERE r.tenant_id = p.tenant_id AND r.programme_id = p.id), '[]') AS asked
         FROM enrolment e
         JOIN programme p ON p.tenant_id = e.tenant_id AND p.id = e.programme_id
         JOIN programme_outcome_plan plan ON plan.tenant_id = p.tenant_id AND plan.programme_id = p.id
        WHERE e.tenant_id = $1 AND e.user_id = $2
        ORDER BY p.title, p.id`,
      [tenantId, userId],
    );
  }

  /** The measurements with these (programme, pseudonym) pairs, in one statement. */
  async measurements(tenantId: string, pseudonyms: ReadonlyArray<{ programmeId: string; pseudonym: string }>): Promise<OwnMeasurement[]> {
    if (pseudonyms.length === 0) return [];
    return requestContext().uow.query<OwnMeasurement>(
      `SELECT m.programme_id AS "programmeId", m.instrument_key AS "instrumentKey", m.point, m.scores
         FROM outcome_measurement m
         JOIN unnest($2::uuid[], $3::text[]) AS own (programme_id, pseudonym) ON own.programme_id = m.programme_id AND own.pseudonym = m.pseudonym
        WHERE m.tenant_id = $1`,
      [tenantId, pseudonyms.map((entry) => entry.programmeId), pseudonyms.map((entry) => entry.pseudonym)],
    );
  }

  /** Each scale's count and standard deviation of baseline scores, for these programmes. */
  async baselineSpread(tenantId: string, programmeIds: readonly string[]): Promise<BaselineSpread[]> {
    if (programmeIds.length === 0) return [];
    return requestContext().uow.query<BaselineSpread>(
      `SELECT m.programme_id AS "programmeId", m.instrument_key AS "instrumentKey", s.key AS "subscaleKey",
              count(*)::int AS n, stddev_samp((s.value #>> '{}')::float8) AS sd
         FROM outcome_measurement m, jsonb_each(m.scores) AS s (key, value)
        WHERE m.tenant_id = $1 AND m.programme_id = ANY ($2::uuid[]) AND m.point = 'BASELINE' AND jsonb_typeof(s.value) = 'number'
        GROUP BY m.programme_id, m.instrument_key, s.key`,
      [tenantId, programmeIds],
    );
  }

  /** The organisation's minimum group size for any figure. */
  async minGroupSize(tenantId: string): Promise<number> {
    const [row] = await requestContext().uow.query<{ size: number }>('SELECT min_reporting_group_size AS size FROM tenant WHERE id = $1', [tenantId]);
    return row?.size ?? 5;
  }
}
