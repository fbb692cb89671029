import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutcomeInstrumentRepository } from './outcome-instrument.repository';
import { OutcomeInstrumentResolver } from './outcome-instrument.resolver';
import { OutcomeInstrumentService } from './outcome-instrument.service';
import { OutcomePlanRepository } from './outcome-plan.repository';
import { OutcomePlanResolver } from './outcome-plan.resolver';
import { OutcomePlanService } from './outcome-plan.service';

/**
 * Outcome measures: the instrument library (the platform's, organisations' own, licence
 * confirmations) and each programme's measurement plan. Sending measures, pairing answers and
 * rollups come later.
 */
@Module({
  imports: [AuditModule],
  providers: [OutcomeInstrumentRepository, OutcomeInstrumentService, OutcomeInstrumentResolver, OutcomePlanRepository, OutcomePlanService, OutcomePlanResolver],
  exports: [OutcomePlanService],
})
export class OutcomesModule {}
