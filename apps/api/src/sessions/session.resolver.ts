import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@lena/domain';
import { CurrentPrincipal } from '../common/auth.decorators';
import { AccountSession } from './dtos/account-session.type';
import { SessionService } from './session.service';

/** Where every signed-in person is signed in, whatever their role (no @Roles: a principal is enough). */
@Resolver()
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Query(() => [AccountSession], { description: 'Where the signed-in person is signed in, this session first.' })
  mySessions(@CurrentPrincipal() principal: Principal): Promise<AccountSession[]> {
    return this.sessions.listOwn(principal);
  }

  @Mutation(() => Boolean, { description: 'Ends one of the signed-in person’s other sessions.' })
  async endSession(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.sessions.endSession(principal, id);
    return true;
  }

  @Mutation(() => Int, { description: 'Ends every session of the signed-in person but this one; returns how many ended.' })
  endOtherSessions(@CurrentPrincipal() principal: Principal): Promise<number> {
    return this.sessions.endOtherSessions(principal);
  }
}
