import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { answerAnonymousLinkCall, bodyField } from '../common/anonymous-link-route';
import { FeedbackSubmissionService } from './feedback-submission.service';

/**
 * The feedback page's two calls (plain JSON, no GraphQL, no sign-in): `POST /feedback/form` reads
 * the form a link opens, `POST /feedback/responses` answers it (`{ token, form: { key, version },
 * answers }`, the form being the one the page was shown). The token travels in the body, never in
 * the address, so no access log can keep it; refusals are JSON with a code (and for a link that
 * cannot be used, `linkState`: SPENT, EXPIRED or UNKNOWN).
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
    await answerAnonymousLinkCall(this.dataSource, request, reply, 200, async () => {
      const form = await this.submissions.form(bodyField(body, 'token'));
      return { form: form.instrument, programmeTitle: form.programmeTitle, startsAt: form.startsAt.toISOString(), closesAt: form.closesAt.toISOString() };
    });
  }

  @Post('responses')
  @HttpCode(201)
  async respond(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await answerAnonymousLinkCall(this.dataSource, request, reply, 201, async () => {
      await this.submissions.submit(bodyField(body, 'token'), bodyField(body, 'form'), bodyField(body, 'answers'));
      return { stored: true };
    });
  }
}
