import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { requestContext } from '../common/request-context';
import { OutcomeReportFileError, OutcomeReportService } from './outcome-report.service';

const CONTENT_TYPE = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

/**
 * A ready outcome report's files: `GET /outcomes/reports/<id>/report.pdf` and `…/report.csv`,
 * signed in as the API's GraphQL requests are (the access cookie or bearer token, read by the
 * request lifecycle, which runs for these paths too): the organisation's admins, or a platform
 * admin naming the organisation (`?tenantId=`). Past its 30 days: 410 Gone with a message; not
 * there for this reader (another organisation's, not ready, signed out, another role): 404, as
 * a random id. Never cached.
 */
@Controller('outcomes/reports')
export class OutcomeReportController {
  constructor(private readonly reports: OutcomeReportService) {}

  @Get(':id/report.pdf')
  pdf(@Param('id') id: string, @Query('tenantId') tenantId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.send(id, 'pdf', tenantId, reply);
  }

  @Get(':id/report.csv')
  csv(@Param('id') id: string, @Query('tenantId') tenantId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.send(id, 'csv', tenantId, reply);
  }

  private async send(id: string, kind: 'pdf' | 'csv', tenantId: string | undefined, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff');
    try {
      const file = await this.reports.file(requestContext().principal, id, kind, tenantId ?? null);
      await reply.code(200).header('content-type', CONTENT_TYPE[kind]).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
    } catch (error) {
      if (!(error instanceof OutcomeReportFileError)) throw error;
      await reply
        .code(error.gone ? 410 : 404)
        .header('content-type', 'text/plain; charset=utf-8')
        .send(error.message);
    }
  }
}
