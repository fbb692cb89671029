import { registerEnumType } from '@nestjs/graphql';
import { DeliveryMode, GroupSessionStatus, InvitationStatus, PlatformRole, QueueState, TenantRole, TenantStatus } from '@lena/domain';

export const Role = { ...PlatformRole, ...TenantRole } as const;
export const ServiceType = { GRP: 'GRP', GTS: 'GTS' } as const;
export { InvitationStatus };

registerEnumType(PlatformRole, { name: 'PlatformRole', description: 'Roles of provider staff, across tenants.' });
registerEnumType(TenantRole, { name: 'TenantRole', description: 'Roles of client staff within one organisation.' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(TenantStatus, { name: 'TenantStatus' });
registerEnumType(ServiceType, { name: 'ServiceType', description: 'GRP: Group Reflective Practice. GTS: Group Therapeutic Support / Group Supervision.' });
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });
registerEnumType(DeliveryMode, {
  name: 'DeliveryMode',
  description: 'ONLINE: by video (a link is needed). IN_PERSON: in a room (a location is needed). HYBRID: in a room, with some joining by video (both).',
});
registerEnumType(GroupSessionStatus, { name: 'GroupSessionStatus' });
registerEnumType(QueueState, {
  name: 'QueueState',
  description: 'HEALTHY: consumed and keeping up. BACKLOGGED: a job has waited longer than QueueHealth.backlogAfterSeconds. NO_WORKERS: nothing consumes the queue.',
});
