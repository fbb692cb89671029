import type { PortalModule } from '@lena/portal-kit';
import { auditModule } from '../modules/audit/audit-module.js';
import { facilitatorsModule } from '../modules/facilitators/facilitators-module.js';
import { notificationsModule } from '../modules/notifications/notifications-module.js';
import { outcomeReportsModule } from '../modules/outcomes/outcome-reports-module.js';
import { outcomesModule, platformDashboardModule } from '../modules/outcomes/outcomes-module.js';
import { pipelineModule, programmeListModule } from '../modules/programmes/programmes-module.js';
import { tenancyModule } from '../modules/tenancy/tenancy-module.js';

/**
 * The platform admin area (/admin), in navigation order: main.tsx mounts their pages behind one
 * role check and lists them in the navigation, and the home page shows their cards.
 */
export const ADMIN_MODULES: readonly PortalModule[] = [
  tenancyModule,
  pipelineModule,
  programmeListModule,
  facilitatorsModule,
  outcomesModule,
  platformDashboardModule,
  outcomeReportsModule,
  auditModule,
  notificationsModule,
];
