import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { OutcomeInstrument } from './dtos/outcome-instrument.type';
import { TenantInstrumentInput } from './dtos/outcome.inputs';
import { OutcomeInstrumentService } from './outcome-instrument.service';

@Resolver(() => OutcomeInstrument)
export class OutcomeInstrumentResolver {
  constructor(private readonly instruments: OutcomeInstrumentService) {}

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Query(() => [OutcomeInstrument], {
    description:
      'The outcome instruments (newest versions) an organisation may choose: the platform’s, its own, and licence entries with its confirmation. Org admins: their organisation. Platform admins: the organisation named, or the platform’s alone.',
  })
  outcomeInstruments(@CurrentPrincipal() principal: Principal, @Args('tenantId', { type: () => ID, nullable: true }) tenantId: string | null): Promise<OutcomeInstrument[]> {
    return this.instruments.list(principal, tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => OutcomeInstrument, {
    description: 'Confirms, for the organisation, the licence terms of an instrument that asks for it (ProQOL). Audited; the first confirmation stands.',
  })
  confirmInstrumentLicence(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('instrumentKey') instrumentKey: string): Promise<OutcomeInstrument> {
    return this.instruments.confirmLicence(principal, tenantId, instrumentKey);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => OutcomeInstrument, { description: 'Adds an organisation’s own instrument at version 1. BAD_USER_INPUT lists what does not hang together.' })
  addTenantInstrument(@CurrentPrincipal() principal: Principal, @Args('input') input: TenantInstrumentInput): Promise<OutcomeInstrument> {
    return this.instruments.addOwn(principal, input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => OutcomeInstrument, { description: 'Supersedes an organisation’s own instrument with a new version; earlier versions stay exactly as they were answered.' })
  supersedeTenantInstrument(@CurrentPrincipal() principal: Principal, @Args('input') input: TenantInstrumentInput): Promise<OutcomeInstrument> {
    return this.instruments.supersedeOwn(principal, input);
  }
}
