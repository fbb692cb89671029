import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ScoreDirection } from './outcome-instrument.type';

@InputType()
export class ResponseOptionInput {
  @Field(() => Int) value: number;
  @Field() label: string;
}

@InputType()
export class ResponseScaleInput {
  @Field() key: string;
  @Field(() => [ResponseOptionInput]) options: ResponseOptionInput[];
}

@InputType()
export class OutcomeItemInput {
  @Field() key: string;
  @Field() text: string;
  @Field({ description: 'The key of the item’s response scale.' }) scale: string;
  @Field({ defaultValue: false }) reversed: boolean;
}

@InputType()
export class OutcomeSubscaleInput {
  @Field() key: string;
  @Field() title: string;
  @Field(() => [String]) items: string[];
  @Field({ description: 'MEAN or SUM.' }) method: string;
  @Field(() => Int) minimumAnswered: number;
  @Field(() => ScoreDirection) direction: string;
  @Field(() => Float, { nullable: true }) reliability: number | null;
}

@InputType()
export class InstrumentLicenceInput {
  @Field() holder: string;
  @Field() terms: string;
  @Field(() => String, { nullable: true }) attribution: string | null;
  @Field() wordingMayChange: boolean;
}

@InputType({ description: 'An organisation’s own instrument: a new key (version 1), or a new version of one it has (supersede).' })
export class TenantInstrumentInput {
  @Field(() => ID) tenantId: string;
  @Field() key: string;
  @Field() title: string;
  @Field() instructions: string;
  @Field(() => InstrumentLicenceInput) licence: InstrumentLicenceInput;
  @Field(() => [ResponseScaleInput]) scales: ResponseScaleInput[];
  @Field(() => [OutcomeItemInput]) items: OutcomeItemInput[];
  @Field(() => [OutcomeSubscaleInput]) subscales: OutcomeSubscaleInput[];
}

@InputType()
export class SetProgrammeOutcomePlanInput {
  @Field(() => ID) programmeId: string;
  @Field(() => [String], { description: 'Instrument keys; each is asked at its newest version.' }) instrumentKeys: string[];
  @Field() midpoint: boolean;
  @Field(() => Int, { nullable: true }) followUpMonths: number | null;
}
