import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { groupAgreementFor, TenantRole, type Principal, type ServiceType as ServiceTypeValue } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { ServiceType } from '../common/graphql-enums';
import { ChangeGroupSizeInput, EnrolmentInput } from './dtos/programme.inputs';
import { GroupAgreement, MyEnrolment, Programme } from './dtos/programme.type';
import { EnrolmentService } from './enrolment.service';

@Resolver()
export class EnrolmentResolver {
  constructor(private readonly enrolments: EnrolmentService) {}

  @Query(() => GroupAgreement, { description: 'The ground rules participants of this service accept before their first session.' })
  groupAgreement(@Args('serviceType', { type: () => ServiceType }) serviceType: ServiceTypeValue): GroupAgreement {
    const agreement = groupAgreementFor(serviceType);
    return { ...agreement, rules: [...agreement.rules] };
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme, { description: 'Enrols a member of the programme’s team, up to its largest group size.' })
  enrolMember(@CurrentTenant() tenantId: string, @Args('input') input: EnrolmentInput): Promise<Programme> {
    return this.enrolments.enrol(tenantId, input);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme)
  withdrawMember(@CurrentTenant() tenantId: string, @Args('input') input: EnrolmentInput): Promise<Programme> {
    return this.enrolments.withdraw(tenantId, input);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme, { description: 'Never below the people already enrolled.' })
  changeProgrammeGroupSize(@CurrentTenant() tenantId: string, @Args('input') input: ChangeGroupSizeInput): Promise<Programme> {
    return this.enrolments.changeGroupSize(tenantId, input);
  }

  @Roles(TenantRole.PARTICIPANT, TenantRole.ORG_ADMIN)
  @Mutation(() => MyEnrolment, { description: 'The signed-in person accepts the group agreement of a programme they are enrolled in.' })
  acceptGroupAgreement(
    @CurrentPrincipal() principal: Principal,
    @CurrentTenant() tenantId: string,
    @Args('programmeId', { type: () => ID }) programmeId: string,
  ): Promise<MyEnrolment> {
    return this.enrolments.acceptAgreement(principal, tenantId, programmeId);
  }
}
