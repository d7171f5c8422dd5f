import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { CorruptDataFileError, isPlainObject } from '../storage/jsonFile.js';
import { foldAccents, normalizeReply } from '../language/normalize.js';

/**
 * DATA_DIR/directory.json — who is who. Seeded with demo data when absent; edit it (or replace it
 * with your own export) and restart the bot. Format (see docs/directory.md):
 *
 * {
 *   "version": 1,
 *   "partners":  [{ "tenantId": "…", "name": "Contoso Partner", "customerIds": ["…"] }],
 *   "customers": [{ "id": "…", "name": "Fabrikam", "domains": ["fabrikam.cn"] }],
 *   "users": [
 *     { "id": "<AAD object id or Web Chat user id>", "tenantId": "<partner tenant>", "name": "…",
 *       "email": "…", "roles": ["global_admin" | "admin_agent" | "helpdesk_agent" | "billing_admin" | "sales_agent"] },
 *     { "id": "…", "name": "…", "customerId": "<customer id>" }
 *   ]
 * }
 *
 * A partner's `customerIds` are its reseller relationships. A user with `roles` is a partner user of
 * `tenantId`; a user with `customerId` (or anyone not listed) is a customer user.
 */
export const PARTNER_ROLES = [
  'global_admin',
  'admin_agent',
  'helpdesk_agent',
  'billing_admin',
  'sales_agent',
] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export interface Partner {
  tenantId: string;
  name: string;
  customerIds: string[];
}

export interface Customer {
  id: string;
  name: string;
  domains: string[];
}

export interface DirectoryUser {
  id: string;
  tenantId?: string;
  name?: string;
  email?: string;
  roles?: PartnerRole[];
  customerId?: string;
}

export interface DirectoryData {
  version: 1;
  partners: Partner[];
  customers: Customer[];
  users: DirectoryUser[];
}

/** Who the channel says the user is. */
export interface ChannelIdentity {
  channelId: string;
  userId: string;
  tenantId?: string;
  name?: string;
}

/** Who the directory says the user is. */
export type Identity =
  | {
      kind: 'partner';
      channel: ChannelIdentity;
      name?: string;
      email?: string;
      partner: Partner;
      roles: PartnerRole[];
    }
  | { kind: 'customer'; channel: ChannelIdentity; name?: string; email?: string; customerId?: string };

export interface Directory {
  identify(channel: ChannelIdentity): Identity;
  customer(id: string): Customer | undefined;
  /** The partner's customers matching a name or domain, best first. */
  findCustomers(partnerTenantId: string, query: string): Customer[];
  /** The best match among every customer, with or without a relationship (to explain a refusal). */
  findAnyCustomer(query: string): Customer | undefined;
}

/** Teams: the AAD object id and the tenant; any other channel: the user id (Web Chat: from its token). */
export function identityFromActivity(activity: Partial<Activity>): ChannelIdentity {
  const from = activity.from;
  const channelId = activity.channelId ?? 'unknown';
  const channelData: unknown = activity.channelData;
  const tenantFromData =
    isPlainObject(channelData) &&
    isPlainObject(channelData.tenant) &&
    typeof channelData.tenant.id === 'string'
      ? channelData.tenant.id
      : undefined;
  const tenantId = activity.conversation?.tenantId ?? tenantFromData;
  const userId = channelId === 'msteams' && from?.aadObjectId ? from.aadObjectId : (from?.id ?? 'anonymous');
  return { channelId, userId, ...(tenantId ? { tenantId } : {}), ...(from?.name ? { name: from.name } : {}) };
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isDirectoryData(data: unknown): data is DirectoryData {
  if (!isPlainObject(data) || data.version !== 1) return false;
  const { partners, customers, users } = data;
  return (
    Array.isArray(partners) &&
    partners.every(
      (p) =>
        isPlainObject(p) &&
        typeof p.tenantId === 'string' &&
        typeof p.name === 'string' &&
        isStringArray(p.customerIds),
    ) &&
    Array.isArray(customers) &&
    customers.every(
      (c) =>
        isPlainObject(c) &&
        typeof c.id === 'string' &&
        typeof c.name === 'string' &&
        isStringArray(c.domains),
    ) &&
    Array.isArray(users) &&
    users.every(
      (u) =>
        isPlainObject(u) &&
        typeof u.id === 'string' &&
        (u.roles === undefined ||
          (isStringArray(u.roles) && u.roles.every((r) => (PARTNER_ROLES as readonly string[]).includes(r)))),
    )
  );
}

function fold(text: string): string {
  return foldAccents(normalizeReply(text));
}

/** 0..1: how well a query names a customer (exact name/domain, prefix, word, or a close spelling). */
export function customerMatchScore(customer: Customer, query: string): number {
  const q = fold(query);
  if (!q) return 0;
  const names = [
    customer.name,
    ...customer.domains,
    ...customer.domains.map((d) => d.split('.')[0] ?? ''),
  ].map(fold);
  let best = 0;
  for (const name of names) {
    if (!name) continue;
    if (name === q) return 1;
    if (name.startsWith(q) || q.startsWith(name)) best = Math.max(best, 0.85);
    else if (name.split(' ').includes(q) || q.split(' ').includes(name)) best = Math.max(best, 0.8);
    else best = Math.max(best, 1 - editDistance(name, q) / Math.max(name.length, q.length));
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const MATCH_THRESHOLD = 0.6;

/** Best first; an exact name or domain wins alone ("Fabrikam" is not also "Fabrikam Retail"). */
function rankCustomers(candidates: readonly Customer[], query: string): Customer[] {
  const ranked = candidates
    .map((c) => ({ c, score: customerMatchScore(c, query) }))
    .filter((m) => m.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name));
  const exact = ranked.filter((m) => m.score === 1);
  return (exact.length > 0 ? exact : ranked).map((m) => m.c);
}

export function createDirectory(data: DirectoryData): Directory {
  const partners = new Map(data.partners.map((p) => [p.tenantId, p]));
  const customers = new Map(data.customers.map((c) => [c.id, c]));
  return {
    identify(channel) {
      const user = data.users.find(
        (u) =>
          u.id === channel.userId && (!channel.tenantId || !u.tenantId || u.tenantId === channel.tenantId),
      );
      const partner = user?.roles && user.tenantId ? partners.get(user.tenantId) : undefined;
      const name = user?.name ?? channel.name;
      const base = { channel, ...(name ? { name } : {}), ...(user?.email ? { email: user.email } : {}) };
      if (user?.roles && partner) return { kind: 'partner', ...base, partner, roles: [...user.roles] };
      return { kind: 'customer', ...base, ...(user?.customerId ? { customerId: user.customerId } : {}) };
    },
    customer: (id) => customers.get(id),
    findCustomers(partnerTenantId, query) {
      const own = (partners.get(partnerTenantId)?.customerIds ?? [])
        .map((id) => customers.get(id))
        .filter((c): c is Customer => c !== undefined);
      return rankCustomers(own, query);
    },
    findAnyCustomer: (query) => rankCustomers(data.customers, query)[0],
  };
}

/** Demo data: one partner with a user per role, four customers (three with a relationship). */
export const DEMO_DIRECTORY: DirectoryData = {
  version: 1,
  partners: [
    {
      tenantId: 'tenant-contoso',
      name: 'Contoso Partner',
      customerIds: ['cust-fabrikam', 'cust-fabrikam-retail', 'cust-fourthcoffee'],
    },
  ],
  customers: [
    { id: 'cust-fabrikam', name: 'Fabrikam', domains: ['fabrikam.cn'] },
    { id: 'cust-fabrikam-retail', name: 'Fabrikam Retail', domains: ['fabrikamretail.cn'] },
    { id: 'cust-fourthcoffee', name: 'Fourth Coffee', domains: ['fourthcoffee.cn'] },
    { id: 'cust-northwind', name: 'Northwind Traders', domains: ['northwind.cn'] },
  ],
  users: [
    {
      id: 'demo-global-admin',
      tenantId: 'tenant-contoso',
      name: 'Gao Admin',
      email: 'gao@contoso.cn',
      roles: ['global_admin'],
    },
    {
      id: 'demo-admin-agent',
      tenantId: 'tenant-contoso',
      name: 'Anna Agent',
      email: 'anna@contoso.cn',
      roles: ['admin_agent'],
    },
    {
      id: 'demo-helpdesk',
      tenantId: 'tenant-contoso',
      name: 'Hugo Helpdesk',
      email: 'hugo@contoso.cn',
      roles: ['helpdesk_agent'],
    },
    {
      id: 'demo-billing',
      tenantId: 'tenant-contoso',
      name: 'Bianca Billing',
      email: 'bianca@contoso.cn',
      roles: ['billing_admin'],
    },
    {
      id: 'demo-sales',
      tenantId: 'tenant-contoso',
      name: 'Sam Sales',
      email: 'sam@contoso.cn',
      roles: ['sales_agent'],
    },
    { id: 'demo-customer', name: 'Fay Fabrikam', email: 'fay@fabrikam.cn', customerId: 'cust-fabrikam' },
  ],
};

/** Reads DATA_DIR/directory.json, writing the demo data first when it is absent. Never overwrites a damaged file. */
export async function openDirectory(dataDir: string): Promise<Directory> {
  const file = path.join(dataDir, 'directory.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(dataDir, { recursive: true });
    const temp = path.join(dataDir, '.directory.json.tmp');
    await writeFile(temp, `${JSON.stringify(DEMO_DIRECTORY, null, 2)}\n`);
    await rename(temp, file);
    return createDirectory(DEMO_DIRECTORY);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CorruptDataFileError(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (!isDirectoryData(data)) throw new CorruptDataFileError(file, 'not a directory (see docs/directory.md)');
  return createDirectory(data);
}
