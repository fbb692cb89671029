import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MeasurementPoint as MeasurementPointValues, ScoreDirection as ScoreDirectionValues, type MeasurementPoint as MeasurementPointValue } from '@lena/domain';

export const MeasurementPoint = MeasurementPointValues;
registerEnumType(MeasurementPoint, {
  name: 'MeasurementPoint',
  description: 'When in a programme a measure is asked: before the first session, halfway, after the last, or months later.',
});

export const ScoreDirection = ScoreDirectionValues;
registerEnumType(ScoreDirection, { name: 'ScoreDirection', description: 'Whether a higher score means people are doing better or worse.' });

@ObjectType({ description: 'Who may use an instrument and on what terms: shown wherever it is chosen or its results appear.' })
export class InstrumentLicence {
  @Field() holder: string;
  @Field() terms: string;
  @Field(() => String, { nullable: true, description: 'The line to show beside the instrument and its results; null when none is asked for.' }) attribution: string | null;
  @Field({ description: 'Whether the wording may be adapted; when false, items are shown exactly as published.' }) wordingMayChange: boolean;
  @Field({ description: 'Whether each organisation must confirm these terms before its programmes use the instrument.' }) tenantMustConfirm: boolean;
  @Field(() => String, { nullable: true }) url: string | null;
}

@ObjectType({ description: 'An organisation’s confirmation of an instrument’s licence terms.' })
export class LicenceConfirmation {
  @Field() confirmedAt: Date;
  @Field(() => String, { nullable: true, description: 'Who confirmed it; null if their account has since gone.' }) confirmedByName: string | null;
}

@ObjectType({ description: 'One score an instrument gives (a subscale).' })
export class OutcomeSubscale {
  @Field() key: string;
  @Field() title: string;
  @Field(() => Int) itemCount: number;
  @Field(() => ScoreDirection) direction: string;
  @Field(() => Float, { nullable: true, description: 'The published reliability its reliable-change figures use; null when it has none.' }) reliability: number | null;
}

@ObjectType({ description: 'An outcome instrument (its newest version) that an organisation’s programmes may ask.' })
export class OutcomeInstrument {
  @Field() key: string;
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'Null for a licence-only entry, whose wording the platform does not hold.' }) instructions: string | null;
  @Field(() => InstrumentLicence) licence: InstrumentLicence;
  @Field({ description: 'A licence entry only: the platform does not hold its wording yet.' }) licenceOnly: boolean;
  @Field({ description: 'Added by the provider for this organisation alone.' }) tenantSpecific: boolean;
  @Field(() => Int) itemCount: number;
  @Field(() => [OutcomeSubscale]) subscales: OutcomeSubscale[];
  @Field(() => LicenceConfirmation, { nullable: true, description: 'The organisation’s confirmation of the licence, when it has given one.' })
  confirmation: LicenceConfirmation | null;
  @Field({ description: 'Whether the organisation may choose it now: its licence needs no confirmation, or has it.' }) usable: boolean;
}

@ObjectType({ description: 'When a measure is asked: links go out when it opens; answers count until it closes.' })
export class MeasurementWindow {
  @Field(() => MeasurementPoint) point: MeasurementPointValue;
  @Field() opensAt: Date;
  @Field() closesAt: Date;
}

@ObjectType({ description: 'One instrument (key and version) a programme asks.' })
export class PlannedInstrument {
  @Field() key: string;
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field(() => String, { nullable: true }) attribution: string | null;
}

@ObjectType({ description: 'What a programme measures and when.' })
export class ProgrammeOutcomePlan {
  @Field(() => [PlannedInstrument]) instruments: PlannedInstrument[];
  @Field() midpoint: boolean;
  @Field(() => Int, { nullable: true }) followUpMonths: number | null;
  @Field(() => [MeasurementWindow], {
    nullable: true,
    description: 'From the programme’s sessions (cancelled ones left out), so moving a session moves them; null until it has sessions.',
  })
  windows: MeasurementWindow[] | null;
  @Field() updatedAt: Date;
}
