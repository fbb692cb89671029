import { GROUP_AGREEMENT_VERSION, groupAgreementFor } from './group-agreement.js';
import { ServiceType } from './service-type.js';

describe('groupAgreementFor', () => {
  it.each(Object.values(ServiceType))('gives %s its own agreement, at the current version, with confidentiality first', (serviceType) => {
    const agreement = groupAgreementFor(serviceType);
    expect(agreement.serviceType).toBe(serviceType);
    expect(agreement.version).toBe(GROUP_AGREEMENT_VERSION);
    expect(agreement.rules[0]).toMatch(/stays in the group/);
    for (const line of [agreement.title, agreement.introduction, ...agreement.rules]) expect(line).toMatch(/^[A-Z].*[.:a-z]$/);
  });

  it('asks case-based groups to de-identify cases, and reflective groups to keep feelings in the group', () => {
    expect(groupAgreementFor(ServiceType.GTS).rules.join(' ')).toMatch(/de-identify every case/);
    expect(groupAgreementFor(ServiceType.GRP).rules.join(' ')).not.toMatch(/de-identify/);
    expect(groupAgreementFor(ServiceType.GRP).rules.join(' ')).toMatch(/feelings and experiences people share/);
  });
});
