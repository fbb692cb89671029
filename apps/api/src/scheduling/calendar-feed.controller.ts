import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { inPlainRouteUnitOfWork } from '../common/plain-route-work';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * `GET /calendar/<token>.ics`: a person's sessions for their calendar app, which cannot sign in,
 * so the secret in the address is the only credential. Unknown, malformed and revoked addresses
 * all answer the same bare 404.
 */
@Controller('calendar')
export class CalendarFeedController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const calendar = await inPlainRouteUnitOfWork(this.dataSource, request, reply, () => this.calendarFeeds.render(file));
    // The address is a secret: no shared cache may keep the feed, and no page it opens learns it.
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    if (calendar === null) {
      await reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    await reply.code(200).type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="sessions.ics"').send(calendar);
  }
}
