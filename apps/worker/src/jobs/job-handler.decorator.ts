import type { JobDefinition } from '@lena/jobs';
import { DiscoveryService } from '@nestjs/core';

/** Marks a provider as the one handler of a job (`@JobHandler(Jobs.relayOutbox)`); the job runner discovers it at start. */
export const JobHandler = DiscoveryService.createDecorator<JobDefinition>();
