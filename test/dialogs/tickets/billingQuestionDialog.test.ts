import { describe, expect, it } from 'vitest';
import { BillingQuestionDialog } from '../../../dialogs/billingQuestionDialog.js';
import { createDirectory, DEMO_DIRECTORY } from '../../../src/tickets/directory.js';
import { openTicketStore } from '../../../src/tickets/lowdbTicketStore.js';
import { tempDir } from '../../tickets/fixtures.js';
import { articleLink, converse, fakeKnowledge } from './harness.js';

const NOW = new Date('2026-03-18T09:00:00Z');
const clock = () => NOW;
const directory = createDirectory(DEMO_DIRECTORY);
const knowledge = fakeKnowledge({ pay: [{ slug: 'payment-methods', title: 'Payment methods' }] });
const billingAdmin = { userId: 'demo-billing', tenantId: 'tenant-contoso' };

async function setup() {
  const tickets = await openTicketStore(await tempDir());
  return {
    tickets,
    dialog: new BillingQuestionDialog({ tickets, directory, knowledge, clock, articleLink }),
  };
}

describe('BillingQuestionDialog', () => {
  it('en-US: an article first; then invoice, period, amount → a billing ticket', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'en-US',
      [
        [
          'Why did I pay twice this month?',
          ['Payment methods', 'Did one of these articles solve your problem?'],
        ],
        ['no', ['What is the invoice number?']],
        ['G012345678', ['Which billing period']],
        ['March 2026', ['What amount']],
        [
          '1,250.00 CNY',
          [
            'bianca@contoso.cn',
            ['Billing question summary', 'G012345678', '2026-03', '1250'],
            'Shall I file this billing question?',
          ],
        ],
        ['yes', ['SR-000001']],
      ],
      { who: billingAdmin },
    );
    expect(await tickets.get('SR-000001')).toMatchObject({
      category: 'billing',
      partnerTenantId: 'tenant-contoso',
      billing: { invoiceNumber: 'G012345678', period: '2026-03' },
      requester: { email: 'bianca@contoso.cn' },
      articlesShown: ['payment-methods'],
    });
    // The engineer sees what the user asked and which articles did not answer it.
    const transcript = (await tickets.get('SR-000001'))?.transcript ?? [];
    expect(transcript.slice(0, 2)).toMatchObject([
      { from: 'user', text: 'Why did I pay twice this month?' },
      { from: 'bot', text: 'Payment methods' },
    ]);
  });

  it('it-IT: the invoice in the first message is not asked again; "sì" files it', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'it-IT',
      [
        ['La fattura G000123456 ha un importo sbagliato', ['A quale periodo di fatturazione']],
        ['marzo 2026', ['Di quale importo si tratta']],
        [
          'Salta',
          [
            'bianca@contoso.cn',
            ['Riepilogo della domanda sulla fatturazione', 'G000123456'],
            'Apro questa domanda sulla fatturazione?',
          ],
        ],
        ['sì', ['SR-000001']],
      ],
      { who: billingAdmin },
    );
    expect((await tickets.get('SR-000001'))?.billing).toEqual({
      invoiceNumber: 'G000123456',
      period: '2026-03',
    });
  });

  it('ru-RU: a helpdesk agent is refused an account question, naming the roles needed', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'ru-RU',
      [
        [
          'Вопрос по счёту за март',
          ['Нужна роль «Глобальный администратор или Администратор выставления счетов»'],
        ],
      ],
      { who: { userId: 'demo-helpdesk', tenantId: 'tenant-contoso' } },
    );
    expect(await tickets.list({ requesterId: 'demo-helpdesk' })).toEqual([]);
  });

  it('zh-CN: a customer files a billing question; "不" at the end files nothing', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'zh-CN',
      [
        ['账单金额不对', ['发票编号是多少？']],
        ['跳过', ['涉及哪个账单周期？']],
        ['2026年3月', ['涉及的金额和币种是多少？']],
        ['1250元', ['支持工程师该如何联系您？']],
        ['li@fabrikam.cn', [['账单问题摘要', '2026-03'], '要提交这个账单问题吗？']],
        ['不', ['好的，我没有提交任何内容。']],
      ],
      { who: { userId: 'someone-new' } },
    );
    expect(await tickets.list({ requesterId: 'someone-new' })).toEqual([]);
  });
});
