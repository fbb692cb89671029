import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Module({
  providers: [AuditService, AuditQueryService, AuditResolver],
  exports: [AuditService],
})
export class AuditModule {}
