import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AuditResolver } from './audit/audit.resolver';
import { AuthResolver } from './identity/auth.resolver';
import { FacilitatorResolver } from './identity/facilitator.resolver';
import { MemberResolver } from './tenancy/member.resolver';
import { TeamResolver } from './tenancy/team.resolver';
import { TenantResolver } from './tenancy/tenant.resolver';

/** Writes the code-first schema to a file for the portals' code generation; needs no database. */
async function printTo(path: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create([AuditResolver, AuthResolver, FacilitatorResolver, MemberResolver, TeamResolver, TenantResolver]);
  writeFileSync(path, `${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
}

printTo(process.argv[2] ?? 'schema.graphql').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
