import type { Customer, Identity, PartnerRole } from './directory.js';
import type { Ticket } from './types.js';

/** Allowed, or refused with the roles that would allow it (for a polite, specific refusal). */
export type Decision =
  | { ok: true }
  | { ok: false; reason: 'role'; needed: readonly PartnerRole[] }
  | { ok: false; reason: 'no_relationship' };

const ALLOWED: Decision = { ok: true };

/** Partner Center roles allowed to file support requests (sales agents are not). */
export const SUPPORT_ROLES: readonly PartnerRole[] = [
  'global_admin',
  'admin_agent',
  'helpdesk_agent',
  'billing_admin',
];
/** Roles that may act for a customer. */
export const ON_BEHALF_ROLES: readonly PartnerRole[] = ['global_admin', 'admin_agent', 'helpdesk_agent'];
/** Roles for account-specific billing questions. */
export const BILLING_ROLES: readonly PartnerRole[] = ['global_admin', 'billing_admin'];
/** Roles that see every ticket of their tenant. */
export const TENANT_VIEW_ROLES: readonly PartnerRole[] = ['global_admin', 'admin_agent', 'helpdesk_agent'];

function hasAny(identity: Identity, roles: readonly PartnerRole[]): boolean {
  return identity.kind === 'partner' && identity.roles.some((r) => roles.includes(r));
}

function needs(identity: Identity, roles: readonly PartnerRole[]): Decision {
  return hasAny(identity, roles) ? ALLOWED : { ok: false, reason: 'role', needed: roles };
}

/** Filing one's own support request: any customer; a partner user with a support role. */
export function canFileSupportRequest(identity: Identity): Decision {
  return identity.kind === 'customer' ? ALLOWED : needs(identity, SUPPORT_ROLES);
}

/** Filing for a customer: an on-behalf role in a partner that has a reseller relationship with it. */
export function canReportOnBehalf(identity: Identity, customer?: Customer): Decision {
  const byRole = needs(identity, ON_BEHALF_ROLES);
  if (!byRole.ok || !customer || identity.kind !== 'partner') return byRole;
  return identity.partner.customerIds.includes(customer.id)
    ? ALLOWED
    : { ok: false, reason: 'no_relationship' };
}

/** An account-specific billing question: billing admin or global admin; a customer asks about their own account. */
export function canAskBillingQuestion(identity: Identity): Decision {
  return identity.kind === 'customer' ? ALLOWED : needs(identity, BILLING_ROLES);
}

function isRequester(identity: Identity, ticket: Ticket): boolean {
  return ticket.requester.userId === identity.channel.userId;
}

/** One's own tickets; a partner's tenant-wide roles see the tenant's, a billing admin its billing tickets. */
export function canViewTicket(identity: Identity, ticket: Ticket): boolean {
  if (isRequester(identity, ticket)) return true;
  if (identity.kind !== 'partner' || ticket.partnerTenantId !== identity.partner.tenantId) return false;
  if (hasAny(identity, TENANT_VIEW_ROLES)) return true;
  return ticket.category === 'billing' && hasAny(identity, BILLING_ROLES);
}

export function canCommentOnTicket(identity: Identity, ticket: Ticket): boolean {
  return canViewTicket(identity, ticket);
}

/** Only the requester closes a ticket, and only one not closed yet. */
export function canCloseTicket(identity: Identity, ticket: Ticket): boolean {
  return isRequester(identity, ticket) && ticket.status !== 'closed';
}
