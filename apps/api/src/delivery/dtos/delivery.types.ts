import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AttendanceStatus, DeliveryAction, GroupSessionStatus, PersonalDataKind, type ServiceType } from '@lena/domain';
import { ServiceType as ServiceTypeEnum } from '../../common/graphql-enums';

registerEnumType(AttendanceStatus, { name: 'AttendanceStatus', description: 'PRESENT, ABSENT, APOLOGIES (absent, having said so) or LATE (joined after the start).' });
registerEnumType(DeliveryAction, { name: 'DeliveryAction', description: 'What the facilitator can do with the session now.' });
registerEnumType(PersonalDataKind, { name: 'PersonalDataKind' });

@ObjectType({ description: 'One step of the session’s run sheet.' })
export class RunSheetStep {
  @Field() key: string;
  @Field() title: string;
  @Field() guidance: string;
  @Field(() => Int, { description: 'A rough share of a 90-minute session.' }) minutes: number;
}

@ObjectType({ description: 'One enrolled person on the session’s register.' })
export class AttendanceEntry {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field(() => AttendanceStatus, { nullable: true, description: 'Null until marked.' }) status: AttendanceStatus | null;
  @Field(() => Date, { nullable: true }) markedAt: Date | null;
}

@ObjectType({ description: 'An action item of a GTS session.' })
export class ActionItem {
  @Field(() => ID) id: string;
  @Field() text: string;
  @Field({ description: 'Shown to the people enrolled in the programme.' }) sharedWithGroup: boolean;
}

@ObjectType({ description: 'A theme a GRP session can be noted under.' })
export class GrpThemeOption {
  @Field() key: string;
  @Field() label: string;
}

@ObjectType({
  description:
    'A session’s confidential notes, readable only by the programme’s assigned facilitators. GTS: case summaries, strategies and action items; GRP: themes and one line.',
})
export class SessionNotes {
  @Field(() => ServiceTypeEnum) kind: ServiceType;
  @Field(() => Int, { description: 'Send it back with a save: a save made on an older version is refused.' }) version: number;
  @Field(() => String, { nullable: true }) caseSummaries: string | null;
  @Field(() => String, { nullable: true }) strategies: string | null;
  @Field(() => [ActionItem]) actionItems: ActionItem[];
  @Field(() => [String], { description: 'Keys of GrpThemeOption.' }) themes: string[];
  @Field(() => String, { nullable: true }) themeLine: string | null;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the retention purge erased the text, if it has.' }) purgedAt: Date | null;
}

@ObjectType({ description: 'Text in the notes that looks like personal data, to check before saving.' })
export class NoteWarning {
  @Field({ description: 'The field it is in: caseSummaries, strategies, themeLine, or actionItems.<n>.text.' }) field: string;
  @Field(() => PersonalDataKind) kind: PersonalDataKind;
  @Field({ description: 'The text that looks personal.' }) match: string;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  @Field() message: string;
}

@ObjectType({ description: 'A save of the notes: saved, or held back until the warnings are acknowledged.' })
export class SaveSessionNotesResult {
  @Field() saved: boolean;
  @Field(() => [NoteWarning]) warnings: NoteWarning[];
  @Field(() => SessionNotes, { nullable: true, description: 'The notes as stored now (unchanged when not saved).' }) notes: SessionNotes | null;
}

@ObjectType({ description: 'Everything the facilitator needs to run a session: its run sheet, register and notes.' })
export class SessionDelivery {
  @Field(() => ID) sessionId: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field(() => ID) programmeId: string;
  @Field() programmeTitle: string;
  @Field(() => ServiceTypeEnum) serviceType: ServiceType;
  @Field(() => Int) sequence: number;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field({ description: 'The programme’s IANA time zone.' }) timeZone: string;
  @Field(() => GroupSessionStatus) status: GroupSessionStatus;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Until when it can be reopened, once delivered.' }) reopenUntil: Date | null;
  @Field(() => [DeliveryAction]) availableActions: DeliveryAction[];
  @Field(() => [RunSheetStep]) runSheet: RunSheetStep[];
  @Field(() => [AttendanceEntry]) register: AttendanceEntry[];
  @Field(() => SessionNotes, { nullable: true, description: 'Null until notes are first saved.' }) notes: SessionNotes | null;
  @Field(() => [GrpThemeOption], { description: 'The themes a GRP note can use (empty for GTS).' }) themeOptions: GrpThemeOption[];
}

@ObjectType({ description: 'An action item its facilitator shared with the group, as the people enrolled see it.' })
export class SharedActionItem {
  @Field(() => ID) id: string;
  @Field() text: string;
  @Field(() => ID) programmeId: string;
  @Field() programmeTitle: string;
  @Field(() => Int) sequence: number;
  @Field() startsAt: Date;
}
