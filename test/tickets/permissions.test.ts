import { describe, expect, it } from 'vitest';
import { createDirectory, DEMO_DIRECTORY, type Identity } from '../../src/tickets/directory.js';
import {
  canAskBillingQuestion,
  canCloseTicket,
  canFileSupportRequest,
  canReportOnBehalf,
  canViewTicket,
} from '../../src/tickets/permissions.js';
import type { Ticket } from '../../src/tickets/types.js';

const directory = createDirectory(DEMO_DIRECTORY);
const who = (userId: string): Identity =>
  directory.identify({ channelId: 'msteams', userId, tenantId: 'tenant-contoso' });
const fabrikam = directory.customer('cust-fabrikam');
const northwind = directory.customer('cust-northwind'); // no relationship with Contoso

const users = {
  globalAdmin: who('demo-global-admin'),
  adminAgent: who('demo-admin-agent'),
  helpdesk: who('demo-helpdesk'),
  billing: who('demo-billing'),
  sales: who('demo-sales'),
  customer: who('demo-customer'),
  unknown: who('somebody-new'),
};
type User = keyof typeof users;

const ticket = (
  requester: string,
  tenant: string | undefined,
  category: Ticket['category'] = 'technical',
): Ticket => ({
  id: 'SR-000001',
  ...(tenant ? { partnerTenantId: tenant } : {}),
  requester: { channelId: 'msteams', userId: requester },
  category,
  severity: 'B',
  title: 't',
  description: 'd',
  locale: 'en-US',
  articlesShown: [],
  transcript: [],
  status: 'new',
  history: [],
  createdAt: '',
  updatedAt: '',
});

describe('permission matrix', () => {
  it.each<[User, boolean, boolean, 'ok' | 'role' | 'no_relationship', boolean]>([
    // user          files own  billing  on behalf of Fabrikam  (Northwind → no relationship unless refused by role)
    ['globalAdmin', true, true, 'ok', true],
    ['adminAgent', true, false, 'ok', true],
    ['helpdesk', true, false, 'ok', true],
    ['billing', true, true, 'role', false],
    ['sales', false, false, 'role', false],
    ['customer', true, true, 'role', false],
    ['unknown', true, true, 'role', false],
  ])(
    '%s: files=%s billing=%s onBehalf=%s',
    (user, files, billing, onBehalf, northwindIsRelationshipProblem) => {
      const identity = users[user];
      expect(canFileSupportRequest(identity).ok).toBe(files);
      expect(canAskBillingQuestion(identity).ok).toBe(billing);
      const decision = canReportOnBehalf(identity, fabrikam);
      expect(decision.ok ? 'ok' : decision.reason).toBe(onBehalf);
      const other = canReportOnBehalf(identity, northwind);
      expect(!other.ok && other.reason === 'no_relationship').toBe(northwindIsRelationshipProblem);
    },
  );

  it('names the roles needed in a refusal', () => {
    expect(canFileSupportRequest(users.sales)).toEqual({
      ok: false,
      reason: 'role',
      needed: ['global_admin', 'admin_agent', 'helpdesk_agent', 'billing_admin'],
    });
    expect(canAskBillingQuestion(users.helpdesk)).toEqual({
      ok: false,
      reason: 'role',
      needed: ['global_admin', 'billing_admin'],
    });
  });

  it.each<[User, string, string | undefined, Ticket['category'], boolean]>([
    ['customer', 'demo-customer', undefined, 'technical', true],
    ['customer', 'somebody-else', undefined, 'technical', false],
    ['unknown', 'demo-customer', undefined, 'technical', false],
    ['globalAdmin', 'demo-helpdesk', 'tenant-contoso', 'technical', true],
    ['adminAgent', 'demo-helpdesk', 'tenant-contoso', 'technical', true],
    ['helpdesk', 'demo-global-admin', 'tenant-contoso', 'technical', true],
    ['helpdesk', 'someone', 'tenant-other', 'technical', false],
    ['billing', 'demo-global-admin', 'tenant-contoso', 'technical', false],
    ['billing', 'demo-global-admin', 'tenant-contoso', 'billing', true],
    ['sales', 'demo-global-admin', 'tenant-contoso', 'technical', false],
    ['sales', 'demo-sales', 'tenant-contoso', 'technical', true],
  ])('%s views a ticket of %s (%s, %s): %s', (user, requester, tenant, category, visible) => {
    expect(canViewTicket(users[user], ticket(requester, tenant, category))).toBe(visible);
  });

  it('lets only the requester close a ticket, once', () => {
    expect(canCloseTicket(users.helpdesk, ticket('demo-helpdesk', 'tenant-contoso'))).toBe(true);
    expect(canCloseTicket(users.globalAdmin, ticket('demo-helpdesk', 'tenant-contoso'))).toBe(false);
    expect(
      canCloseTicket(users.helpdesk, { ...ticket('demo-helpdesk', 'tenant-contoso'), status: 'closed' }),
    ).toBe(false);
  });
});
