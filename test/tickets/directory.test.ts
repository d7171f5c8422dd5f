import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptDataFileError } from '../../src/storage/jsonFile.js';
import {
  createDirectory,
  DEMO_DIRECTORY,
  identityFromActivity,
  openDirectory,
} from '../../src/tickets/directory.js';
import { tempDir } from './fixtures.js';

describe('identityFromActivity', () => {
  it.each([
    [
      'Teams, tenant on the conversation',
      {
        channelId: 'msteams',
        from: { id: '29:x', name: 'Ana', aadObjectId: 'aad-1' },
        conversation: { id: 'c', isGroup: false, name: '', conversationType: 'personal', tenantId: 't-1' },
      },
      { channelId: 'msteams', userId: 'aad-1', tenantId: 't-1', name: 'Ana' },
    ],
    [
      'Teams, tenant in channelData',
      {
        channelId: 'msteams',
        from: { id: '29:x', name: '', aadObjectId: 'aad-2' },
        channelData: { tenant: { id: 't-2' } },
      },
      { channelId: 'msteams', userId: 'aad-2', tenantId: 't-2' },
    ],
    [
      'Web Chat',
      { channelId: 'webchat', from: { id: 'dl_user42', name: '' } },
      { channelId: 'webchat', userId: 'dl_user42' },
    ],
  ])('%s', (_, activity, expected) => {
    expect(identityFromActivity(activity as Parameters<typeof identityFromActivity>[0])).toEqual(expected);
  });
});

describe('directory', () => {
  const directory = createDirectory(DEMO_DIRECTORY);

  it('knows partner users with their roles and treats anyone else as a customer of no partner', () => {
    const admin = directory.identify({
      channelId: 'msteams',
      userId: 'demo-global-admin',
      tenantId: 'tenant-contoso',
    });
    expect(admin).toMatchObject({
      kind: 'partner',
      roles: ['global_admin'],
      partner: { name: 'Contoso Partner' },
    });
    expect(directory.identify({ channelId: 'webchat', userId: 'who-knows' })).toMatchObject({
      kind: 'customer',
    });
    expect(directory.identify({ channelId: 'webchat', userId: 'who-knows' })).not.toHaveProperty(
      'customerId',
    );
  });

  it.each([
    ['Fabrikam', ['Fabrikam']],
    ['fabrikam.cn', ['Fabrikam']],
    ['fabrikm', ['Fabrikam']],
    ['fabrik', ['Fabrikam', 'Fabrikam Retail']],
    ['fabrikamretail.cn', ['Fabrikam Retail']],
    ['fourth', ['Fourth Coffee']],
    ['Northwind', []], // no reseller relationship
    ['zzz', []],
  ])('finds %j among the partner’s customers', (query, names) => {
    expect(directory.findCustomers('tenant-contoso', query).map((c) => c.name)).toEqual(names);
  });

  it('seeds demo data when the file is absent and refuses a damaged one', async () => {
    const dir = await tempDir();
    await openDirectory(dir);
    const seeded = JSON.parse(await readFile(path.join(dir, 'directory.json'), 'utf8')) as unknown;
    expect(seeded).toEqual(DEMO_DIRECTORY);
    await writeFile(path.join(dir, 'directory.json'), '{"version":1,"partners":{}}');
    await expect(openDirectory(dir)).rejects.toBeInstanceOf(CorruptDataFileError);
    expect(await readFile(path.join(dir, 'directory.json'), 'utf8')).toBe('{"version":1,"partners":{}}');
  });
});
