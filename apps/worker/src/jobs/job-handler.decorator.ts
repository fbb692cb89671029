import type { JobName } from '@lena/jobs';
import { DiscoveryService } from '@nestjs/core';

/** Marks a provider as the one handler of a job name; the job runner discovers it at start. */
export const JobHandler = DiscoveryService.createDecorator<JobName>();
