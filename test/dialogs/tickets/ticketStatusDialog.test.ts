import { describe, expect, it } from 'vitest';
import { TicketStatusDialog, ticketIdIn } from '../../../dialogs/ticketStatusDialog.js';
import { createDirectory, DEMO_DIRECTORY } from '../../../src/tickets/directory.js';
import { openTicketStore } from '../../../src/tickets/lowdbTicketStore.js';
import type { Locale } from '../../../src/i18n/locales.js';
import { newTicket, tempDir } from '../../tickets/fixtures.js';
import { converse } from './harness.js';

const NOW = new Date('2026-03-18T09:00:00Z');
const clock = () => NOW;
const directory = createDirectory(DEMO_DIRECTORY);
const me = { userId: 'someone-new' };

/** SR-000001..3 are mine, SR-000004 somebody else's. */
async function setup() {
  const tickets = await openTicketStore(await tempDir());
  for (const title of ['Cannot sign in', 'Invoice is wrong', 'Export fails']) {
    await tickets.create(
      newTicket({ title, requester: { channelId: 'msteams', userId: 'someone-new' } }),
      NOW,
    );
  }
  await tickets.create(
    newTicket({ title: 'Secret', requester: { channelId: 'msteams', userId: 'other-user' } }),
    NOW,
  );
  return { tickets, dialog: new TicketStatusDialog({ tickets, directory, clock }) };
}

describe('TicketStatusDialog', () => {
  it('en-US: lists my latest tickets, opens one, adds a comment', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'en-US',
      [
        [
          'My tickets',
          [
            [
              'Your latest support requests',
              '**SR-000003** — Export fails (New, filed Mar 18, 2026)',
              '[SR-000001]',
            ],
          ],
        ],
        ['SR-000002', [['**SR-000002** — Invoice is wrong', '[Add a comment]']]],
        ['Add a comment', ['Type your comment']],
        ['The amount is still doubled', ['Your comment was added to SR-000002.']],
      ],
      { who: me, start: {} },
    );
    const ticket = await tickets.get('SR-000002');
    expect(ticket?.history.at(-1)).toMatchObject({
      action: 'comment',
      text: 'The amount is still doubled',
      by: 'someone-new',
    });
  });

  it('it-IT: opens a ticket by the id in the first message and closes it after "sì"', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'it-IT',
      [
        [
          'a che punto è la richiesta 1?',
          [['**SR-000001** — Cannot sign in', 'Stato: **Nuova**', '[Chiudi la richiesta]']],
        ],
        ['Chiudi la richiesta', ['Chiudo SR-000001?']],
        ['sì', ['SR-000001 ora è chiusa.']],
      ],
      { who: me },
    );
    expect((await tickets.get('SR-000001'))?.status).toBe('closed');
  });

  it.each<[Locale, string, string]>([
    ['ru-RU', 'заявка №4', 'Среди ваших заявок нет заявки SR-000004'],
    ['zh-CN', '工单4', '在您的支持请求中找不到 SR-000004'],
    ['en-US', 'SR-000999', "I couldn't find a support request SR-000999"],
  ])('%s: a foreign or unknown id is simply "not found" (%s)', async (locale, text, answer) => {
    const { dialog } = await setup();
    await converse(dialog, locale, [[text, [answer]]], { who: me });
  });

  it('ru-RU: "нет" keeps the ticket open', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'ru-RU',
      [
        ['Мои заявки', ['Ваши последние заявки']],
        ['3', [['**SR-000003**', '[Закрыть заявку]']]],
        ['Закрыть заявку', ['Закрыть заявку SR-000003?']],
        ['нет', ['Хорошо, заявка SR-000003 остаётся открытой.']],
      ],
      { who: me, start: {} },
    );
    expect((await tickets.get('SR-000003'))?.status).toBe('new');
  });

  it('zh-CN: a helpdesk agent sees a colleague’s ticket but cannot close it', async () => {
    const tickets = await openTicketStore(await tempDir());
    await tickets.create(
      newTicket({
        partnerTenantId: 'tenant-contoso',
        requester: { channelId: 'msteams', userId: 'demo-global-admin' },
        title: '订阅无法续订',
      }),
      NOW,
    );
    const dialog = new TicketStatusDialog({ tickets, directory, clock });
    await converse(
      dialog,
      'zh-CN',
      [
        ['我的工单', [['您最近的支持请求', 'SR-000001']]],
        ['SR-000001', [['订阅无法续订', '[添加备注]', '![关闭请求]']]],
        ['完成', ['好的。']],
      ],
      { who: { userId: 'demo-helpdesk', tenantId: 'tenant-contoso' }, start: {} },
    );
  });

  it('de-DE: says so when there are no tickets yet', async () => {
    const tickets = await openTicketStore(await tempDir());
    await converse(
      new TicketStatusDialog({ tickets, directory, clock }),
      'de-DE',
      [['Meine Tickets', ['Sie haben noch keine Supportanfragen']]],
      {
        who: me,
        start: {},
      },
    );
  });

  it.each([
    ['SR-000042', 'SR-000042'],
    ['status of ticket 42', 'SR-000042'],
    ['#42', 'SR-000042'],
    ['42', 'SR-000042'],
    ['my tickets', undefined],
  ])('reads the ticket id in %j', (text, id) => expect(ticketIdIn(text, [], 'en-US', NOW)).toBe(id));
});
