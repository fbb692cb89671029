import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode } from '@lena/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { inPlainRouteUnitOfWork } from '../common/plain-route-work';
import { FeedbackLinkError, FeedbackSubmissionService } from './feedback-submission.service';

/** The HTTP status for each refusal the feedback page can meet. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

/**
 * The feedback page's two calls (plain JSON, no GraphQL, no sign-in): `POST /feedback/form` reads
 * the form a link opens, `POST /feedback/responses` answers it (`{ token, form: { key, version }, answers }`:
 * the form is the one the page was shown). The token travels in the body,
 * never in the address, so no access log can keep it; refusals are JSON with a code (and for a
 * link that cannot be used, `linkState`: SPENT, EXPIRED or UNKNOWN).
 */
@Controller('feedback')
export class FeedbackLinkController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: FeedbackSubmissionService,
  ) {}

  @Post('form')
  @HttpCode(200)
  async form(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(request, reply, 200, async () => {
      const form = await this.submissions.form(field(body, 'token'));
      return { form: form.instrument, programmeTitle: form.programmeTitle, startsAt: form.startsAt.toISOString(), closesAt: form.closesAt.toISOString() };
    });
  }

  @Post('responses')
  @HttpCode(201)
  async respond(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(request, reply, 201, async () => {
      await this.submissions.submit(field(body, 'token'), field(body, 'form'), field(body, 'answers'));
      return { stored: true };
    });
  }

  private async answer(request: FastifyRequest, reply: FastifyReply, status: number, work: () => Promise<object>): Promise<void> {
    // Nothing a shared cache, or a page opened from this one, may keep.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    let payload: object;
    try {
      payload = await inPlainRouteUnitOfWork(this.dataSource, request, reply, work);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const linkState = error instanceof FeedbackLinkError ? { linkState: error.linkState } : {};
      await reply.code(STATUS[error.code] ?? 400).send({ error: { code: error.code, message: error.message, fieldProblems: error.fieldProblems, ...linkState } });
      return;
    }
    await reply.code(status).send(payload);
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
