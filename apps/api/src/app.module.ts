import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { Logger } from '@nestjs/common';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './common/core.module';
import { DeliveryModule } from './delivery/delivery.module';
import { FacilitatorsModule } from './facilitators/facilitators.module';
import { FeedbackModule } from './feedback/feedback.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { formatExecutionErrors } from './common/graphql-errors';
import { GraphqlExceptionFilter } from './common/graphql-exception.filter';
import { RolesGuard } from './common/roles.guard';
import type { AppConfig } from './config/app-config';
import { HealthModule } from './health/health.module';
import { InvitationsModule } from './invitations/invitations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProgrammesLoaderFactory } from './programmes/programmes.loaders';
import { ProgrammesModule } from './programmes/programmes.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { SessionsModule } from './sessions/sessions.module';
import { TenancyLoaderFactory } from './tenancy/tenancy.loaders';
import { TenancyModule } from './tenancy/tenancy.module';

/** Limits on what one GraphQL document may ask for. */
export const GRAPHQL_LIMITS = { depth: 8, aliases: 15, cost: 5000 } as const;

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        CoreModule.forConfig(config),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [ProgrammesModule, TenancyModule],
          inject: [ProgrammesLoaderFactory, TenancyLoaderFactory],
          useFactory: (programmesLoaders: ProgrammesLoaderFactory, tenancyLoaders: TenancyLoaderFactory) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            // An IDE to explore the schema in development (GET /graphql links to it); never in production.
            graphiql: !config.production,
            // Compile a query to JavaScript once it has been seen twice (graphql-jit).
            jit: 2,
            // @Roles() on a field resolver (Team.members) is enforced by the same guard as on queries.
            fieldResolverEnhancers: ['guards'],
            queryDepth: GRAPHQL_LIMITS.depth,
            allowBatchedQueries: false,
            csrfPrevention: true,
            validationRules: [
              maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, exposeLimits: !config.production }),
              costLimitRule({ maxCost: GRAPHQL_LIMITS.cost, exposeLimits: !config.production }),
              ...(config.production ? [NoSchemaIntrospectionCustomRule] : []),
            ],
            errorFormatter: (execution, context) => {
              // Any error in the answer, including from a nested field, rolls the request back.
              context.reply.request.lenaContext?.markFailed();
              return formatExecutionErrors(execution, config.production, (error) => logger.error(error));
            },
            // Fresh DataLoaders for every request (nested fields batch their reads; caches never outlive a request).
            context: () => ({ loaders: { ...programmesLoaders.create(), ...tenancyLoaders.create() } }),
          }),
        }),
        AuditModule,
        AuthModule,
        DeliveryModule,
        FacilitatorsModule,
        FeedbackModule,
        HealthModule,
        InvitationsModule,
        NotificationsModule,
        OutcomesModule,
        ProgrammesModule,
        SchedulingModule,
        SessionsModule,
        TenancyModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
      ],
    };
  }
}
