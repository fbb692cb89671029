import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@lena/domain';
import { CurrentPrincipal } from '../common/auth.decorators';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { AccountSession } from './dtos/account-session.type';
import { ChangePasswordInput, UpdateMyProfileInput } from './dtos/account.inputs';
import { Viewer } from './dtos/viewer.type';

/** Every signed-in person's own account, whatever their role (no @Roles: a principal is enough). */
@Resolver()
export class AccountResolver {
  constructor(
    private readonly account: AccountService,
    private readonly auth: AuthService,
  ) {}

  @Query(() => [AccountSession], { description: 'Where the signed-in person is signed in, this session first.' })
  mySessions(@CurrentPrincipal() principal: Principal): Promise<AccountSession[]> {
    return this.account.sessions(principal);
  }

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

  @Mutation(() => Boolean, { description: 'Ends one of the signed-in person’s other sessions.' })
  async endSession(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.account.endSession(principal, id);
    return true;
  }

  @Mutation(() => Int, { description: 'Ends every session of the signed-in person but this one; returns how many ended.' })
  endOtherSessions(@CurrentPrincipal() principal: Principal): Promise<number> {
    return this.account.endOtherSessions(principal);
  }
}
