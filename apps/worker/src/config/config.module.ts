import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { WorkerConfig } from './worker-config';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: WORKER_CONFIG, useValue: config }], exports: [WORKER_CONFIG] };
  }
}
