import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { answerAnonymousLinkCall, bodyField } from '../common/anonymous-link-route';
import { OutcomeSubmissionService } from './outcome-submission.service';

/**
 * The measures page's two calls (plain JSON, no GraphQL, no sign-in), as the feedback page's:
 * `POST /outcomes/form` reads the questionnaire a link opens, `POST /outcomes/responses` answers
 * it. The token travels in the body, never in the address; refusals are JSON with a code (and for
 * a link that cannot be used, `linkState`: SPENT, EXPIRED or UNKNOWN).
 */
@Controller('outcomes')
export class OutcomeLinkController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: OutcomeSubmissionService,
  ) {}

  @Post('form')
  @HttpCode(200)
  async form(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await answerAnonymousLinkCall(this.dataSource, request, reply, 200, async () => {
      const form = await this.submissions.form(bodyField(body, 'token'));
      return { programmeTitle: form.programmeTitle, point: form.point, closesAt: form.closesAt.toISOString(), instruments: form.instruments };
    });
  }

  @Post('responses')
  @HttpCode(201)
  async respond(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await answerAnonymousLinkCall(this.dataSource, request, reply, 201, async () => {
      await this.submissions.submit(bodyField(body, 'token'), bodyField(body, 'answers'));
      return { stored: true };
    });
  }
}
