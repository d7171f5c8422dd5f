import { describe, expect, it } from 'vitest';
import { createTicketDialogs, openDirectory, openTicketStore } from '../../../dialogs/tickets/index.js';
import { DialogIds } from '../../../dialogs/dialogIds.js';
import { tempDir } from '../../tickets/fixtures.js';
import { articleLink, fakeKnowledge } from './harness.js';

describe('createTicketDialogs', () => {
  it('builds the four ticket dialogs under the ids MainDialog routes to', async () => {
    const dataDir = await tempDir();
    const dialogs = createTicketDialogs({
      tickets: await openTicketStore(dataDir),
      directory: await openDirectory(dataDir),
      knowledge: fakeKnowledge(),
      articleLink,
    });
    expect(dialogs.map((d) => d.id).sort()).toEqual(
      [DialogIds.reportProblem, DialogIds.reportOnBehalf, DialogIds.billing, DialogIds.ticketStatus].sort(),
    );
  });
});
