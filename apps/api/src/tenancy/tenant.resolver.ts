import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { OrganisationSettings, OrganisationSettingsInput } from './dtos/organisation-settings.type';
import { Member } from './dtos/team.type';
import { Tenant } from './dtos/tenant.type';
import { CreateTenantInput, UpdateTenantInput } from './dtos/tenant.inputs';
import { MemberService } from './member.service';
import { TenantService } from './tenant.service';

@Resolver(() => Tenant)
export class TenantResolver {
  constructor(
    private readonly tenantService: TenantService,
    private readonly memberService: MemberService,
  ) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Tenant])
  tenants(): Promise<Tenant[]> {
    return this.tenantService.list();
  }

  @Roles(PlatformRole.PLATFORM_ADMIN, TenantRole.ORG_ADMIN)
  @Query(() => Tenant)
  tenant(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Tenant> {
    return this.tenantService.get(principal, id);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Tenant)
  createTenant(@Args('input') input: CreateTenantInput): Promise<Tenant> {
    return this.tenantService.create(input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Tenant)
  updateTenant(@Args('input') input: UpdateTenantInput): Promise<Tenant> {
    return this.tenantService.update(input);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Tenant, {
    description: 'When the organisation’s people are reminded of each session: minutes before it (none, or up to three). Every session to come is re-planned.',
  })
  setReminderOffsets(@CurrentTenant() tenantId: string, @Args('offsetsMinutes', { type: () => [Int] }) offsetsMinutes: number[]): Promise<Tenant> {
    return this.tenantService.setReminderOffsets(tenantId, offsetsMinutes);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => OrganisationSettings, { description: 'The organisation’s feedback and note-retention settings, for its admins.' })
  organisationSettings(@CurrentTenant() tenantId: string): Promise<OrganisationSettings> {
    return this.tenantService.organisationSettings(tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => OrganisationSettings, {
    description: 'Changes the organisation’s feedback window, reminder delay, comments on reflective practice, comment threshold and note retention (audited).',
  })
  updateOrganisationSettings(@CurrentTenant() tenantId: string, @Args('input') input: OrganisationSettingsInput): Promise<OrganisationSettings> {
    return this.tenantService.updateOrganisationSettings(tenantId, input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Tenant, { description: 'Keeps every record; the organisation’s people are signed out and cannot sign in.' })
  suspendTenant(@Args('id', { type: () => ID }) id: string): Promise<Tenant> {
    return this.tenantService.suspend(id);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Tenant)
  reactivateTenant(@Args('id', { type: () => ID }) id: string): Promise<Tenant> {
    return this.tenantService.reactivate(id);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Member], { description: 'The organisation’s people and their roles, for platform admins.' })
  async tenantMembers(@CurrentPrincipal() principal: Principal, @Args('tenantId', { type: () => ID }) tenantId: string): Promise<Member[]> {
    const tenant = await this.tenantService.get(principal, tenantId);
    return this.memberService.listAsPlatformAdmin(tenant.id);
  }
}
