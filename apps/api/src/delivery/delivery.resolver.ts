import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { DeliveryService } from './delivery.service';
import { MarkAttendanceInput, SaveSessionNotesInput, SessionDeliveryInput, SessionNotesInput, ShareActionItemInput } from './dtos/delivery.inputs';
import { ActionItem, AttendanceEntry, NoteWarning, SaveSessionNotesResult, SessionDelivery } from './dtos/delivery.types';

/** Running a session: for the programme's assigned facilitators only (anyone else's session is NOT_FOUND). */
@Resolver()
export class DeliveryResolver {
  constructor(private readonly delivery: DeliveryService) {}

  @Roles(PlatformRole.FACILITATOR)
  @Query(() => SessionDelivery, { description: 'A session of one of the signed-in facilitator’s programmes: run sheet, register and notes.' })
  sessionDelivery(@CurrentPrincipal() principal: Principal, @Args('sessionId', { type: () => ID }) sessionId: string): Promise<SessionDelivery> {
    return this.delivery.delivery(principal, sessionId);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Query(() => [NoteWarning], { description: 'What in these notes looks like personal data (names, emails, phone numbers, dates of birth), before saving.' })
  checkSessionNotes(@CurrentPrincipal() principal: Principal, @Args('input') input: SessionNotesInput): Promise<NoteWarning[]> {
    return this.delivery.checkNotes(principal, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => AttendanceEntry, { description: 'Marks one person on the register. Marking the same again changes nothing, so a retry is safe.' })
  markAttendance(@CurrentPrincipal() principal: Principal, @Args('input') input: MarkAttendanceInput): Promise<AttendanceEntry> {
    return this.delivery.markAttendance(principal, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => SaveSessionNotesResult, {
    description: 'Saves the notes made on `version`. When the text looks like personal data, nothing is saved until acknowledgeWarnings is true. CONFLICT on a stale version.',
  })
  saveSessionNotes(@CurrentPrincipal() principal: Principal, @Args('input') input: SaveSessionNotesInput): Promise<SaveSessionNotesResult> {
    return this.delivery.saveNotes(principal, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => ActionItem, { description: 'Shares an action item with the people enrolled in the programme, or stops sharing it.' })
  shareActionItem(@CurrentPrincipal() principal: Principal, @Args('input') input: ShareActionItemInput): Promise<ActionItem> {
    return this.delivery.shareActionItem(principal, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => SessionDelivery, { description: 'Completes a session that has begun: it becomes DELIVERED.' })
  completeSession(@CurrentPrincipal() principal: Principal, @Args('input') input: SessionDeliveryInput): Promise<SessionDelivery> {
    return this.delivery.complete(principal, input.sessionId);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => SessionDelivery, { description: 'Reopens a delivered session within 48 hours of its delivery, to correct attendance. CONFLICT after that.' })
  reopenSession(@CurrentPrincipal() principal: Principal, @Args('input') input: SessionDeliveryInput): Promise<SessionDelivery> {
    return this.delivery.reopen(principal, input.sessionId);
  }
}
