import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context';

/**
 * The two halves of a pseudonym, neither in a tenant row: a programme's pairing key
 * (`outcome_pairing_secret()`, in the programme's own organisation) and a person's salt
 * (`outcome_own_pairing_salt()` for the signed-in person; through a link's secret in
 * `OutcomeLinkRepository`). And erasing a salt (`outcome_erase_pairing()`).
 */
@Injectable()
export class OutcomePairingRepository {
  /** The programme's pairing key: `candidate` (fresh random bytes) the first time, the kept key after; null outside its organisation. */
  async programmeKey(programmeId: string, candidate: Buffer): Promise<Buffer | null> {
    const [row] = await requestContext().uow.query<{ secret: Buffer | null }>('SELECT outcome_pairing_secret($1, $2) AS secret', [programmeId, candidate]);
    return row?.secret ?? null;
  }

  /** The signed-in person's own salt (app.user_id); null if they have never answered (or erased it). */
  async ownSalt(): Promise<Buffer | null> {
    const [row] = await requestContext().uow.query<{ salt: Buffer | null }>('SELECT outcome_own_pairing_salt() AS salt');
    return row?.salt ?? null;
  }

  /** Erases `userId`'s salt (their own, or anyone's for a platform admin); true when there was one. */
  async erase(userId: string): Promise<boolean> {
    const [row] = await requestContext().uow.query<{ erased: boolean }>('SELECT outcome_erase_pairing($1) AS erased', [userId]);
    return row?.erased ?? false;
  }
}
