export * from './generated/first-route.js';
export * from './generated/graphql.js';
// Types both generated modules declare (the same schema types): one of them, named, settles which.
export type { Incremental, Role, TenantRole, TenantStatus } from './generated/graphql.js';
export type { ApolloClient } from '@apollo/client';
export { createLenaApolloClient, createLenaCache, createSessionRefresher, type LenaApolloClientOptions } from './apollo-client.js';
export { CSRF_COOKIE, CSRF_HEADER, csrfHeaders, readCookie } from './cookies.js';
export {
  describeError,
  errorCodeOf,
  existingRecordOf,
  fieldProblemsOf,
  graphQLErrorsOf,
  hasErrorCode,
  LenaErrorCode,
  type DescribedError,
  type ExistingRecord,
  type FieldProblem,
} from './errors.js';
export * from './labels.js';
export * from './audit-labels.js';
export { toFormErrors, type FormErrorState, type ToFormErrorsOptions } from './form-errors.js';
