import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
  ) {}

  /** The process is up. */
  @Get('healthz')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** The process can serve: PostgreSQL and Redis both answer. */
  @Get('readyz')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: string; redis: string }> {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'ok',
        () => 'unreachable',
      ),
      this.redis.ping().then(
        () => 'ok',
        () => 'unreachable',
      ),
    ]);
    const ready = database === 'ok' && redis === 'ok';
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', database, redis };
  }
}
