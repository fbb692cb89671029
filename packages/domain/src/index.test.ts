import * as domain from './index.js';

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
      'enrolmentRefusal',
      'capacityChangeRefusal',
      'sessionsForNewMember',
    ];
    for (const name of functions) expect([name, typeof (domain as Record<string, unknown>)[name]]).toEqual([name, 'function']);
    for (const schema of ['programmeDetailsSchema', 'requestProgrammeSchema', 'proposeProgrammeSchema', 'needsAssessmentSubmissionSchema', 'recurrenceRuleSchema']) {
      expect([schema, typeof (domain as Record<string, { safeParse?: unknown }>)[schema]?.safeParse]).toEqual([schema, 'function']);
    }
  });
});
