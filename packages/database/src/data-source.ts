import 'reflect-metadata';
import { DataSource } from 'typeorm';
import * as entityClasses from './entities';
import { Foundation1764201600000 } from './migrations/1764201600000-foundation';
import { OutboxFailedAt1764806400000 } from './migrations/1764806400000-outbox-failed-at';
import { TeamRestore1796200300000 } from './migrations/1796200300000-team-restore';
import { RefreshTokenSuccessor1796200400000 } from './migrations/1796200400000-refresh-token-successor';
import { ProgrammesAndScheduling1796300000000 } from './migrations/1796300000000-programmes-and-scheduling';
import { ProgrammePlatformReads1796400000000 } from './migrations/1796400000000-programme-platform-reads';
import { SeriesAndReminders1796500000000 } from './migrations/1796500000000-series-and-reminders';
import { CalendarFeeds1796600000000 } from './migrations/1796600000000-calendar-feeds';
import { EnrolmentInvitations1796700000000 } from './migrations/1796700000000-enrolment-invitations';
import { PlatformProgrammeList1796810000000 } from './migrations/1796810000000-platform-programme-list';
import { Delivery1796900000000 } from './migrations/1796900000000-delivery';
import { Feedback1797000000000 } from './migrations/1797000000000-feedback';
import { Outcomes1797200000000 } from './migrations/1797200000000-outcomes';
import { FeedbackSnapshots1797300000000 } from './migrations/1797300000000-feedback-snapshots';
import { OutcomeMeasures1797400000000 } from './migrations/1797400000000-outcome-measures';
import { OutcomeRollups1797500000000 } from './migrations/1797500000000-outcome-rollups';
import { OutcomeReports1797600000000 } from './migrations/1797600000000-outcome-reports';
import { OutcomeRollupPublication1797800000000 } from './migrations/1797800000000-outcome-rollup-publication';
import { OutcomePlatformDashboards1797850000000 } from './migrations/1797850000000-outcome-platform-dashboards';
import { FeedbackRespond1797900000000 } from './migrations/1797900000000-feedback-respond';

export const migrations = [
  Foundation1764201600000,
  OutboxFailedAt1764806400000,
  TeamRestore1796200300000,
  RefreshTokenSuccessor1796200400000,
  ProgrammesAndScheduling1796300000000,
  ProgrammePlatformReads1796400000000,
  SeriesAndReminders1796500000000,
  CalendarFeeds1796600000000,
  EnrolmentInvitations1796700000000,
  PlatformProgrammeList1796810000000,
  Delivery1796900000000,
  Feedback1797000000000,
  Outcomes1797200000000,
  FeedbackSnapshots1797300000000,
  OutcomeMeasures1797400000000,
  OutcomeRollups1797500000000,
  OutcomeReports1797600000000,
  OutcomeRollupPublication1797800000000,
  OutcomePlatformDashboards1797850000000,
  FeedbackRespond1797900000000,
];

/** Every entity class the entities folder exports. */
export const entities = Object.values(entityClasses);

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource({ url, poolSize = 10, applicationName = 'lena' }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    // Failed statements reach the caller as errors (and the API's and worker's logs through them);
    // TypeORM's own logger would print them to the console with their parameters: emails, hashes.
    logging: false,
    applicationName,
    // gen_random_uuid() is built into PostgreSQL 13 and later, as the migrations use it: no
    // extension to install (which the application role could not do anyway).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize },
  });
}
