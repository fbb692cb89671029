import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MyMeasuresRepository } from './my-measures.repository';
import { MyMeasuresResolver } from './my-measures.resolver';
import { MyMeasuresService } from './my-measures.service';
import { OutcomeInstrumentRepository } from './outcome-instrument.repository';
import { OutcomeInstrumentResolver } from './outcome-instrument.resolver';
import { OutcomeInstrumentService } from './outcome-instrument.service';
import { OutcomeLinkController } from './outcome-link.controller';
import { OutcomeLinkRepository } from './outcome-link.repository';
import { OutcomePairingRepository } from './outcome-pairing.repository';
import { OutcomePlanRepository } from './outcome-plan.repository';
import { OutcomePlanResolver } from './outcome-plan.resolver';
import { OutcomePlanService } from './outcome-plan.service';
import { OutcomeSubmissionService } from './outcome-submission.service';

/**
 * Outcome measures: the instrument library (the platform's, organisations' own, licence
 * confirmations), each programme's measurement plan, the measures page's public calls (a
 * single-use link, no sign-in), a person's own scores ("My measures") and unpairing them.
 */
@Module({
  imports: [AuditModule],
  controllers: [OutcomeLinkController],
  providers: [
    OutcomeInstrumentRepository,
    OutcomeInstrumentService,
    OutcomeInstrumentResolver,
    OutcomePlanRepository,
    OutcomePlanService,
    OutcomePlanResolver,
    OutcomeLinkRepository,
    OutcomePairingRepository,
    OutcomeSubmissionService,
    MyMeasuresRepository,
    MyMeasuresService,
    MyMeasuresResolver,
  ],
  exports: [OutcomePlanService],
})
export class OutcomesModule {}
