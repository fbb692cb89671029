import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { QueueHealthResolver } from './queue-health.resolver';
import { QueueHealthService } from './queue-health.service';

/** Is the platform up (/healthz, /readyz), and are its queues keeping up (queueHealth). */
@Module({ controllers: [HealthController], providers: [QueueHealthService, QueueHealthResolver] })
export class HealthModule {}
