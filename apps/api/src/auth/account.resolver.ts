import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Principal } from '@lena/domain';
import { CurrentPrincipal } from '../common/auth.decorators';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { ChangePasswordInput, UpdateMyProfileInput } from './dtos/account.inputs';
import { Viewer } from './dtos/viewer.type';

/** Every signed-in person's own name and password, whatever their role (no @Roles: a principal is enough). */
@Resolver()
export class AccountResolver {
  constructor(
    private readonly account: AccountService,
    private readonly auth: AuthService,
  ) {}

  @Mutation(() => Viewer, { description: 'Changes the signed-in person’s own name.' })
  async updateMyProfile(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateMyProfileInput): Promise<Viewer> {
    await this.account.updateProfile(principal, input);
    return this.auth.viewer(principal);
  }

  @Mutation(() => Boolean, { description: 'Needs the current password; signs the person out everywhere else, this session stays.' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Args('input') input: ChangePasswordInput): Promise<boolean> {
    await this.account.changePassword(principal, input);
    return true;
  }
}
