import { z } from 'zod';

/** The two services the provider runs (see DESIGN.md, "The two services"). */
export const ServiceType = {
  /** Group Reflective Practice: open-ended, on the emotional impact of the work. */
  GRP: 'GRP',
  /** Group Therapeutic Support (also called group supervision): structured, case-based, goal-oriented. */
  GTS: 'GTS',
} as const;
export type ServiceType = (typeof ServiceType)[keyof typeof ServiceType];

export const SERVICE_TYPE_NAMES: Record<ServiceType, string> = {
  GRP: 'Group Reflective Practice',
  GTS: 'Group Therapeutic Support',
};

export const serviceTypeSchema = z.enum(ServiceType, { error: 'Choose Group Reflective Practice or Group Therapeutic Support.' });
