import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import type { MeasurementPoint as MeasurementPointValue, ScoreDirection as ScoreDirectionValue } from '@lena/domain';
import { MeasurementPoint, ScoreDirection } from './outcome-instrument.type';

@ObjectType({ description: 'One of the signed-in person’s own scores: when it was asked and what it came to.' })
export class MyMeasureScore {
  @Field(() => MeasurementPoint) point: MeasurementPointValue;
  @Field({ description: 'When this point’s questionnaire went out (the same for everyone in the programme).' }) askedAt: Date;
  @Field(() => Float) score: number;
}

@ObjectType({ description: 'One scale of one instrument (a subscale): the person’s own scores over time, and what they mean in plain English.' })
export class MyMeasureScale {
  @Field() instrumentKey: string;
  @Field() instrumentTitle: string;
  @Field(() => String, { nullable: true, description: 'The instrument’s licence attribution line, shown wherever its results appear.' }) attribution: string | null;
  @Field() subscaleKey: string;
  @Field() title: string;
  @Field(() => ScoreDirection) direction: ScoreDirectionValue;
  @Field(() => Float, { description: 'The lowest score the scale can give.' }) minimum: number;
  @Field(() => Float, { description: 'The highest score the scale can give.' }) maximum: number;
  @Field(() => [MyMeasureScore], { description: 'In time order; empty before the person has answered.' }) scores: MyMeasureScore[];
  @Field({ description: 'What the numbers mean, in plain English.' }) reading: string;
}

@ObjectType({ description: 'A programme the signed-in person is in that measures outcomes, with their own scores. Nobody else can read this.' })
export class MyMeasuresProgramme {
  @Field(() => ID) programmeId: string;
  @Field() programmeTitle: string;
  @Field(() => [MyMeasureScale]) scales: MyMeasureScale[];
}
