import { ServiceType } from './service-type.js';

/**
 * The ground rules a participant accepts before their first session. Each service has its own:
 * reflective practice shares feelings and personal impact, so its rules guard people; therapeutic
 * support discusses cases, so its rules guard clients too. Any change to the wording gets a new
 * version, and each enrolment records the version its participant accepted.
 */
export const GROUP_AGREEMENT_VERSION = '2026-12';

export interface GroupAgreement {
  serviceType: ServiceType;
  version: string;
  title: string;
  /** One paragraph before the rules. */
  introduction: string;
  rules: readonly string[];
}

const SHARED_RULES = [
  'What is said in the group stays in the group. I will not repeat who said what, or anything that could identify them, outside the sessions.',
  'The one exception is a serious risk of harm to someone: then the facilitator may need to act, and will tell the person first wherever they can.',
  'I will join from a private place where nobody outside the group can see or hear the session, and I will not record it.',
  'I will listen without judging, let each person finish, and speak for myself rather than for others.',
  'I can choose how much I share, and I can pass.',
];

const AGREEMENTS: Record<ServiceType, GroupAgreement> = {
  GRP: {
    serviceType: ServiceType.GRP,
    version: GROUP_AGREEMENT_VERSION,
    title: 'Group Reflective Practice: our group agreement',
    introduction:
      'Reflective practice is a safe, confidential space to think about the work and the toll it takes. It works only when everyone can trust the group with how they feel, so we each agree to these rules.',
    rules: [
      ...SHARED_RULES,
      'The feelings and experiences people share are theirs. I will not bring them up with that person outside the group unless they raise it first.',
      'Nothing I say here is an assessment of my performance, and the platform keeps themes at most, never what anyone said.',
    ],
  },
  GTS: {
    serviceType: ServiceType.GTS,
    version: GROUP_AGREEMENT_VERSION,
    title: 'Group Therapeutic Support: our group agreement',
    introduction:
      'Therapeutic support works through real cases so that we can learn from each other. Clients and colleagues must be safe in that discussion, so we each agree to these rules.',
    rules: [
      ...SHARED_RULES,
      'I will de-identify every case I bring: no names, addresses, dates of birth or other details that could identify a client.',
      'Case summaries and action items are kept without personal details, and only for the group’s work.',
      'Feedback on practice is given and taken in good faith, to help each other work better.',
    ],
  },
};

/** The agreement for a service, as participants of its programmes accept it now. */
export function groupAgreementFor(serviceType: ServiceType): GroupAgreement {
  return AGREEMENTS[serviceType];
}
