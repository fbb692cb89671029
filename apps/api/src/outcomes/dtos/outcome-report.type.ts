import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OutcomeReportScope, OutcomeReportStatus } from '@lena/domain';

registerEnumType(OutcomeReportScope, { name: 'OutcomeReportScope', description: 'A programme’s report, or the whole organisation’s.' });
registerEnumType(OutcomeReportStatus, { name: 'OutcomeReportStatus', description: 'QUEUED, RUNNING (see progress), READY to download, or FAILED.' });

@InputType({ description: 'An outcome report to build. Months are YYYY-MM; both optional (open at either end).' })
export class RequestOutcomeReportInput {
  @Field(() => OutcomeReportScope) scope: OutcomeReportScope;
  @Field(() => ID, { nullable: true, description: 'The programme, for a programme report; none for an organisation report.' }) programmeId?: string | null;
  @Field(() => String, { nullable: true }) from?: string | null;
  @Field(() => String, { nullable: true }) to?: string | null;
  @Field(() => ID, { nullable: true, description: 'Platform admins: the organisation. Org admins: their own (leave it out).' }) tenantId?: string | null;
}

@ObjectType({ description: 'An outcome report: who asked, what for, how far its build has got, and where to download it once ready (30 days).' })
export class OutcomeReport {
  @Field(() => ID) id: string;
  @Field(() => ID) tenantId: string;
  @Field(() => OutcomeReportScope) scope: OutcomeReportScope;
  @Field(() => ID, { nullable: true }) programmeId: string | null;
  @Field(() => String, { nullable: true }) programmeTitle: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM' }) from: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM' }) to: string | null;
  @Field(() => OutcomeReportStatus) status: OutcomeReportStatus;
  @Field(() => Int, { description: '0–100.' }) progress: number;
  @Field() requestedByName: string;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) readyAt: string | null;
  @Field() expiresAt: string;
  @Field({ description: 'Past its 30 days: no longer downloadable.' }) expired: boolean;
  @Field(() => String, { nullable: true, description: 'Where to download the PDF (signed-in GET), once ready and until it expires.' }) pdfUrl: string | null;
  @Field(() => String, { nullable: true, description: 'Where to download the CSV (signed-in GET), once ready and until it expires.' }) csvUrl: string | null;
}
