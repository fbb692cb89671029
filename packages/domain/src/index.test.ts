import * as domain from './index.js';

const exported = domain as unknown as Record<string, unknown>;

describe('@lena/domain', () => {
  it('exports the programmes and scheduling rules the API and worker build on', () => {
    const functions = [
      'expandSeries',
      'expandRotatingSeries',
      'parseRecurrenceRule',
      'cadenceToRrule',
      'describeRecurrence',
      'findAvailabilityConflicts',
      'recommendService',
      'transitionProgramme',
      'assertProgrammeTransition',
      'programmeActionsFor',
      'programmeWaitingOn',
      'programmeSchedule',
      'toStoredSeriesStart',
      'fromStoredSeriesStart',
      'enrolmentRefusal',
      'capacityChangeRefusal',
      'sessionsForNewMember',
    ];
    for (const name of functions) expect([name, typeof exported[name]]).toEqual([name, 'function']);
    for (const schema of ['programmeDetailsSchema', 'requestProgrammeSchema', 'proposeProgrammeSchema', 'needsAssessmentSubmissionSchema', 'recurrenceRuleSchema']) {
      expect([schema, typeof (exported[schema] as { safeParse?: unknown } | undefined)?.safeParse]).toEqual([schema, 'function']);
    }
  });
});
