import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Is the platform up (/healthz, /readyz). How its queues keep up is notifications' (queueHealth). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
