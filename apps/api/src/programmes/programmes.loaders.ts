import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { requestContext } from '../common/request-context';
import type { ProgrammeSession } from './dtos/programme-session.dtos';
import type { Enrolment, MyEnrolment, Programme, ProgrammeHistoryEntry } from './dtos/programme.type';
import { EnrolmentService } from './enrolment.service';
import { ProgrammeHistoryService } from './programme-history.service';
import { SessionEditService } from './session-edit.service';

/** The programmes context's per-request loaders, as the GraphQL context carries them. */
export interface ProgrammesLoaders {
  /** `Programme.enrolments`: the programmes of one answer share one statement. */
  programmeEnrolments: DataLoader<Programme, Enrolment[], string>;
  /** `Programme.myEnrolment`: the signed-in person's own enrolments, one statement for the lot. */
  myEnrolments: DataLoader<Programme, MyEnrolment | null, string>;
  /** `Programme.sessions`: the stored sessions of every programme in the answer, in one statement. */
  programmeSessions: DataLoader<Programme, ProgrammeSession[], string>;
  /** `Programme.history`: every programme's steps from the audit log, in one statement. */
  programmeHistory: DataLoader<Programme, ProgrammeHistoryEntry[], string>;
}

/**
 * Fresh loaders for each GraphQL request, built by the context factory (as tenancy's are). Keyed by
 * the programme object (cached by its id) because what a field shows depends on the programme's
 * organisation as well as its id; the principal is read when the batch runs, inside the request.
 */
@Injectable()
export class ProgrammesLoaderFactory {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly sessionEdits: SessionEditService,
    private readonly histories: ProgrammeHistoryService,
  ) {}

  create(): ProgrammesLoaders {
    const byId = { cacheKeyFn: (programme: Programme) => programme.id };
    return {
      programmeEnrolments: new DataLoader<Programme, Enrolment[], string>((programmes) => this.enrolments.listByProgrammes(requestContext().requirePrincipal(), programmes), byId),
      myEnrolments: new DataLoader<Programme, MyEnrolment | null, string>((programmes) => this.enrolments.mineByProgrammes(requestContext().requirePrincipal(), programmes), byId),
      programmeSessions: new DataLoader<Programme, ProgrammeSession[], string>((programmes) => this.sessionEdits.listSessionsOf(programmes), byId),
      programmeHistory: new DataLoader<Programme, ProgrammeHistoryEntry[], string>(
        (programmes) => this.histories.historiesOf(requestContext().requirePrincipal(), programmes),
        byId,
      ),
    };
  }
}
