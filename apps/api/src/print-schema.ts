import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AuditResolver } from './audit/audit.resolver';
import { AccountResolver } from './auth/account.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { AgendaResolver } from './scheduling/agenda.resolver';
import { AvailabilityResolver } from './scheduling/availability.resolver';
import { DeliveryResolver } from './delivery/delivery.resolver';
import { FacilitatorResolver } from './facilitators/facilitator.resolver';
import { InvitationResolver } from './invitations/invitation.resolver';
import { FailedMessageResolver } from './notifications/failed-message.resolver';
import { FeedbackResultsResolver } from './feedback/feedback-results.resolver';
import { CrossTenantDashboardResolver } from './outcomes/cross-tenant-dashboard.resolver';
import { OutcomeDashboardResolver } from './outcomes/outcome-dashboard.resolver';
import { OutcomeReportResolver } from './outcomes/outcome-report.resolver';
import { OutcomeInstrumentResolver } from './outcomes/outcome-instrument.resolver';
import { MyMeasuresResolver } from './outcomes/my-measures.resolver';
import { OutcomePlanResolver } from './outcomes/outcome-plan.resolver';
import { FeedbackToGiveResolver } from './feedback/feedback-to-give.resolver';
import { SharedActionItemResolver } from './delivery/shared-action-item.resolver';
import { QueueHealthResolver } from './notifications/queue-health.resolver';
import { SessionResolver } from './sessions/session.resolver';
import { EnrolmentResolver } from './programmes/enrolment.resolver';
import { NeedsAssessmentResolver } from './programmes/needs-assessment.resolver';
import { ProgrammeResolver } from './programmes/programme.resolver';
import { ProgrammeSessionResolver } from './programmes/programme-session.resolver';
import { MemberResolver } from './tenancy/member.resolver';
import { TeamResolver } from './tenancy/team.resolver';
import { TenantResolver } from './tenancy/tenant.resolver';

/**
 * Every resolver class, as GraphQLSchemaFactory needs them listed. A test compares the file with
 * the running API's schema, so a resolver missing here is caught.
 */
const RESOLVERS = [
  AccountResolver,
  AgendaResolver,
  AuditResolver,
  AuthResolver,
  AvailabilityResolver,
  DeliveryResolver,
  FacilitatorResolver,
  FailedMessageResolver,
  FeedbackResultsResolver,
  OutcomeDashboardResolver,
  CrossTenantDashboardResolver,
  OutcomeReportResolver,
  OutcomeInstrumentResolver,
  OutcomePlanResolver,
  MyMeasuresResolver,
  FeedbackToGiveResolver,
  InvitationResolver,
  EnrolmentResolver,
  MemberResolver,
  NeedsAssessmentResolver,
  ProgrammeResolver,
  ProgrammeSessionResolver,
  QueueHealthResolver,
  SessionResolver,
  SharedActionItemResolver,
  TeamResolver,
  TenantResolver,
];

/** Writes the code-first schema to a file for the portals' code generation; needs no database. */
async function printTo(path: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
  writeFileSync(path, `${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
}

printTo(process.argv[2] ?? 'schema.graphql').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
