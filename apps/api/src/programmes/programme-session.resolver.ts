import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { CancelSessionInput, ProgrammeSession, RescheduleSessionInput } from './dtos/programme-session.dtos';
import { Programme } from './dtos/programme.type';
import type { ProgrammesLoaders } from './programmes.loaders';
import { SessionEditService } from './session-edit.service';

/** A programme's stored sessions, and the provider's changes to them. */
@Resolver(() => Programme)
export class ProgrammeSessionResolver {
  constructor(private readonly sessionEdits: SessionEditService) {}

  @ResolveField(() => [ProgrammeSession], { description: 'The sessions written for the programme once it was accepted, in order; none before.' })
  sessions(@Parent() programme: Programme, @Context('loaders') loaders: ProgrammesLoaders): Promise<ProgrammeSession[]> {
    return loaders.programmeSessions.load(programme);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme, {
    description:
      'Moves one session, this and the following ones, or the series. CONFLICT with `extensions.conflicts` when a facilitator has a clash, unless overrideReason is given.',
  })
  rescheduleSession(@CurrentPrincipal() principal: Principal, @Args('input') input: RescheduleSessionInput): Promise<Programme> {
    return this.sessionEdits.reschedule(principal, input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme, { description: 'Cancels one session, this and the following ones, or the rest of the series.' })
  cancelSession(@CurrentPrincipal() principal: Principal, @Args('input') input: CancelSessionInput): Promise<Programme> {
    return this.sessionEdits.cancel(principal, input);
  }
}
