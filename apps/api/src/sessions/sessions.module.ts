import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RoleRepository } from './role.repository';
import { SessionRepository } from './session.repository';
import { SessionResolver } from './session.resolver';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/** Sessions (one sign-in each), their refresh tokens and access tokens, and ending them. */
@Module({
  imports: [AuditModule],
  providers: [RoleRepository, SessionRepository, SessionResolver, SessionService, TokenService],
  exports: [SessionService, TokenService],
})
export class SessionsModule {}
