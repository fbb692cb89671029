export * from './errors/domain-error.js';
export * from './errors/parse-input.js';
export * from './identity/roles.js';
export * from './identity/auth-policy.js';
export * from './identity/identity-schemas.js';
export * from './tenancy/tenancy-schemas.js';
export * from './tenancy/tenant-status.js';
export * from './audit/audit-action.js';
