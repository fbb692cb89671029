import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PlatformRole, TenantRole } from '@lena/domain';
import '../../common/graphql-enums';
import { Tenant } from '../../tenancy/dtos/tenant.type';

@ObjectType()
export class Membership {
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field() tenantSlug: string;
  @Field(() => TenantRole) role: TenantRole;
}

@ObjectType({ description: 'The signed-in person and where they are acting.' })
export class Viewer {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => [PlatformRole]) platformRoles: PlatformRole[];
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => TenantRole, { nullable: true }) tenantRole: TenantRole | null;
  @Field(() => Tenant, { nullable: true }) tenant: Tenant | null;
  @Field(() => [Membership]) memberships: Membership[];
}

@ObjectType()
export class AuthPayload {
  @Field(() => Viewer) viewer: Viewer;
}
