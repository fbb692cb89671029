import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Is the process up (/healthz), and can it serve (/readyz). Queue health is in notifications. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
