import { GroupSessionStatus } from '../scheduling/agenda.js';
import { DeliveryAction, deliveryActionsFor, deliveryRefusal, dueForAutomaticDelivery, reopenDeadline, type DeliverySession } from './session-delivery.js';

const START = new Date('2027-03-17T10:00:00Z');
const END = new Date('2027-03-17T11:30:00Z');
const at = (iso: string) => new Date(iso);
const session = (overrides: Partial<DeliverySession> = {}): DeliverySession => ({
  status: GroupSessionStatus.SCHEDULED,
  startsAt: START,
  endsAt: END,
  deliveredAt: null,
  reopenedAt: null,
  ...overrides,
});

describe('what a session allows', () => {
  it('before it opens: nothing; from 30 minutes before the start: the register and notes; from the start: completing', () => {
    expect(deliveryActionsFor(session(), at('2027-03-17T09:29:00Z'))).toEqual([]);
    expect(deliveryActionsFor(session(), at('2027-03-17T09:30:00Z'))).toEqual([DeliveryAction.MARK_ATTENDANCE, DeliveryAction.WRITE_NOTES]);
    expect(deliveryActionsFor(session(), at('2027-03-17T10:00:00Z'))).toEqual([DeliveryAction.MARK_ATTENDANCE, DeliveryAction.WRITE_NOTES, DeliveryAction.COMPLETE]);
    expect(deliveryRefusal(DeliveryAction.COMPLETE, session(), at('2027-03-17T09:45:00Z'))).toBe('A session can be completed once it has started.');
  });

  it('once delivered: notes, and reopening for 48 hours, but not the register', () => {
    const delivered = session({ status: GroupSessionStatus.DELIVERED, deliveredAt: END });
    expect(deliveryActionsFor(delivered, at('2027-03-17T12:00:00Z'))).toEqual([DeliveryAction.WRITE_NOTES, DeliveryAction.REOPEN]);
    expect(deliveryRefusal(DeliveryAction.MARK_ATTENDANCE, delivered, at('2027-03-17T12:00:00Z'))).toMatch(/Reopen it/);
    expect(deliveryRefusal(DeliveryAction.REOPEN, delivered, at('2027-03-19T11:29:59Z'))).toBeNull();
    expect(deliveryRefusal(DeliveryAction.REOPEN, delivered, at('2027-03-19T11:30:00Z'))).toMatch(/within 48 hours/);
    expect(reopenDeadline(END)).toEqual(at('2027-03-19T11:30:00Z'));
  });

  it('a cancelled session allows nothing, and a scheduled one cannot be reopened', () => {
    expect(deliveryActionsFor(session({ status: GroupSessionStatus.CANCELLED }), at('2027-03-17T10:30:00Z'))).toEqual([]);
    expect(deliveryRefusal(DeliveryAction.REOPEN, session(), at('2027-03-17T10:30:00Z'))).toMatch(/not been completed/);
  });
});

describe('dueForAutomaticDelivery', () => {
  it('is due once a scheduled session has ended, and never for a cancelled or delivered one', () => {
    expect(dueForAutomaticDelivery(session(), at('2027-03-17T11:29:00Z'))).toBe(false);
    expect(dueForAutomaticDelivery(session(), at('2027-03-17T11:30:00Z'))).toBe(true);
    expect(dueForAutomaticDelivery(session({ status: GroupSessionStatus.CANCELLED }), at('2027-03-18T00:00:00Z'))).toBe(false);
    expect(dueForAutomaticDelivery(session({ status: GroupSessionStatus.DELIVERED, deliveredAt: END }), at('2027-03-18T00:00:00Z'))).toBe(false);
  });

  it('leaves a reopened session to its facilitator for 48 hours', () => {
    const reopened = session({ reopenedAt: at('2027-03-17T12:00:00Z') });
    expect(dueForAutomaticDelivery(reopened, at('2027-03-19T11:59:00Z'))).toBe(false);
    expect(dueForAutomaticDelivery(reopened, at('2027-03-19T12:00:00Z'))).toBe(true);
  });
});
