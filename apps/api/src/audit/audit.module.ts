import { Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Module({
  providers: [AuditEventRepository, AuditService, AuditQueryService, AuditResolver],
  exports: [AuditQueryService, AuditService],
})
export class AuditModule {}
