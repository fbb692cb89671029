import { registerEnumType } from '@nestjs/graphql';
import { Cadence, ConflictKind, DeliveryMode, Membership, ProgrammeAction, ProgrammeHistoryEvent, ProgrammeHistoryParty, ProgrammeStatus, RecommendedPlan } from '@lena/domain';

/** Whose part a facilitator has in a programme. */
export const FacilitatorRole = { LEAD: 'LEAD', CO_FACILITATOR: 'CO_FACILITATOR' } as const;
export type FacilitatorRole = (typeof FacilitatorRole)[keyof typeof FacilitatorRole];

export const QuestionKind = { SINGLE: 'SINGLE', MULTIPLE: 'MULTIPLE' } as const;

// DeliveryMode is registered once, with the agenda's, in common/graphql-enums.
export { Cadence, ConflictKind, DeliveryMode, Membership, ProgrammeAction, ProgrammeHistoryEvent, ProgrammeHistoryParty, ProgrammeStatus, RecommendedPlan };

registerEnumType(ProgrammeStatus, { name: 'ProgrammeStatus', description: 'REQUESTED → PROPOSED → ACCEPTED → ACTIVE → COMPLETED, or CANCELLED on the way.' });
registerEnumType(ProgrammeAction, { name: 'ProgrammeAction', description: 'What may be done to a programme next.' });
registerEnumType(Cadence, { name: 'Cadence', description: 'How often the sessions repeat, anchored on the start date.' });
registerEnumType(Membership, { name: 'GroupMembership', description: 'CLOSED groups keep their members; OPEN groups take new ones as they go.' });
registerEnumType(ConflictKind, { name: 'ConflictKind' });
registerEnumType(RecommendedPlan, { name: 'RecommendedPlan' });
registerEnumType(FacilitatorRole, { name: 'FacilitatorRole' });
registerEnumType(QuestionKind, { name: 'QuestionKind', description: 'SINGLE: exactly one option. MULTIPLE: any number, none included.' });
registerEnumType(ProgrammeHistoryEvent, { name: 'ProgrammeHistoryEvent', description: 'A step in a programme’s life, as its history shows it.' });
registerEnumType(ProgrammeHistoryParty, {
  name: 'ProgrammeHistoryParty',
  description: 'Who took a step: the PROVIDER’s staff, the ORGANISATION’s admins, or the SYSTEM (as sessions begin and end).',
});
