import { makeTempDir } from '../helpers/tempDirs.js';
import type { NewTicket } from '../../src/tickets/types.js';

export function tempDir(): Promise<string> {
  return makeTempDir('helpdesk-tickets-');
}

export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    requester: { channelId: 'test', userId: 'user-1', name: 'Ada', email: 'ada@example.com' },
    category: 'technical',
    severity: 'B',
    title: 'Cannot sign in',
    description: 'I cannot sign in to Partner Center since this morning.',
    locale: 'en-US',
    articlesShown: [],
    transcript: [],
    ...overrides,
  };
}
