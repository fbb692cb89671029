import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, parseInput, uuidSchema, type Principal } from '@lena/domain';
import { z } from 'zod';
import type { FeedbackToGive, OpenedFeedbackLink } from './dtos/feedback-to-give.type';
import { FeedbackToGiveRepository } from './feedback-to-give.repository';

const openSchema = z.object({ sessionId: uuidSchema });

/**
 * A participant's side of feedback: the sessions they can still answer for, and a way in from the
 * portal. Opening one gives the link a new secret (only hashes are stored), so the portal can send
 * them to the same anonymous page the email does; the page then submits with no cookies, and the
 * answers are stored with no trace of the link, as from the email.
 */
@Injectable()
export class FeedbackToGiveService {
  constructor(private readonly links: FeedbackToGiveRepository) {}

  list(principal: Principal, tenantId: string): Promise<FeedbackToGive[]> {
    return this.links.open(tenantId, principal.userId);
  }

  async open(principal: Principal, tenantId: string, sessionId: string): Promise<OpenedFeedbackLink> {
    const input = parseInput(openSchema, { sessionId });
    const secret = randomBytes(32).toString('base64url');
    const rotated = await this.links.rotate(tenantId, principal.userId, input.sessionId, createHash('sha256').update(secret).digest());
    if (!rotated) throw DomainError.notFound('Feedback for that session');
    return { secret };
  }
}
