import { describe, expect, it } from 'vitest';
import { ReportOnBehalfDialog } from '../../../dialogs/reportOnBehalfDialog.js';
import { ReportProblemDialog } from '../../../dialogs/reportProblemDialog.js';
import { createDirectory, DEMO_DIRECTORY } from '../../../src/tickets/directory.js';
import { openTicketStore } from '../../../src/tickets/lowdbTicketStore.js';
import { tempDir } from '../../tickets/fixtures.js';
import { articleLink, converse, fakeKnowledge } from './harness.js';

const NOW = new Date('2026-03-18T09:00:00Z');
const clock = () => NOW;
const directory = createDirectory(DEMO_DIRECTORY);
const helpdesk = { userId: 'demo-helpdesk', tenantId: 'tenant-contoso' };

async function setup() {
  const tickets = await openTicketStore(await tempDir());
  const report = new ReportProblemDialog({
    tickets,
    directory,
    knowledge: fakeKnowledge(),
    clock,
    articleLink,
  });
  return { tickets, dialog: new ReportOnBehalfDialog({ directory, clock }), alongside: [report] };
}

describe('ReportOnBehalfDialog', () => {
  it('en-US: picks the customer with buttons and files for partner and customer', async () => {
    const { tickets, dialog, alongside } = await setup();
    await converse(
      dialog,
      'en-US',
      [
        ['Report for a customer', ['Which customer is this for?']],
        ['fabrik', [['I found more than one customer', '[Fabrikam]', '[Fabrikam Retail]']]],
        [
          'Fabrikam Retail',
          ['This request will be filed for **Fabrikam Retail**', 'Please describe the problem'],
        ],
        ['Their users cannot sign in to the admin portal since Monday', ['What is the problem about?']],
        ['Account and access', ['How serious is it?']],
        ['B – Moderate', ['How can the support engineer reach you?']],
        ['hugo@contoso.cn', ['Since when']],
        ['Skip', [['Support request summary', 'Fabrikam Retail'], 'Shall I file this support request?']],
        ['yes', ['SR-000001']],
      ],
      { who: helpdesk, start: {}, alongside },
    );
    expect(await tickets.get('SR-000001')).toMatchObject({
      partnerTenantId: 'tenant-contoso',
      customer: { id: 'cust-fabrikam-retail', name: 'Fabrikam Retail' },
      requester: { userId: 'demo-helpdesk' },
    });
  });

  it('it-IT: a customer with no reseller relationship is explained, with how to request one', async () => {
    const { dialog, alongside } = await setup();
    await converse(
      dialog,
      'it-IT',
      [
        ['Segnala per un cliente', ['Per quale cliente?']],
        ['northwind.cn', ['Northwind Traders non ha una relazione di rivenditore con Contoso Partner']],
      ],
      { who: helpdesk, start: {}, alongside },
    );
  });

  it('ru-RU: a billing admin is refused, naming the roles needed', async () => {
    const { dialog, alongside } = await setup();
    await converse(
      dialog,
      'ru-RU',
      [
        [
          'Заявка для клиента',
          ['Нужна роль «Глобальный администратор или Агент-администратор или Агент службы поддержки»'],
        ],
      ],
      { who: { userId: 'demo-billing', tenantId: 'tenant-contoso' }, start: {}, alongside },
    );
  });

  it('zh-CN: an unknown name is asked again, then the dialog ends politely', async () => {
    const { dialog, alongside } = await setup();
    await converse(
      dialog,
      'zh-CN',
      [
        ['为客户提交', ['这是为哪个客户提交的？']],
        ['不存在公司', ['在您的客户中找不到“不存在公司”', '这是为哪个客户提交的？']],
        ['还是没有', ['在您的客户中找不到', '这是为哪个客户提交的？']],
        ['仍然没有', ['我仍然没有在您的客户中找到该客户']],
      ],
      { who: helpdesk, start: {}, alongside },
    );
  });
});
