import { describe, expect, it } from 'vitest';
import { ReportProblemDialog } from '../../../dialogs/reportProblemDialog.js';
import { createDirectory, DEMO_DIRECTORY } from '../../../src/tickets/directory.js';
import { openTicketStore } from '../../../src/tickets/lowdbTicketStore.js';
import { TicketStoreUnavailableError, type TicketStore } from '../../../src/tickets/types.js';
import { tempDir } from '../../tickets/fixtures.js';
import { articleLink, converse, fakeKnowledge, type Turn } from './harness.js';

const NOW = new Date('2026-03-18T09:00:00Z');
const clock = () => NOW;
const directory = createDirectory(DEMO_DIRECTORY);
const knowledge = fakeKnowledge({
  'sign in': [{ slug: 'sign-in-troubleshooting', title: 'Troubleshoot sign-in' }],
});
const customer = { userId: 'someone-new' };

async function setup() {
  const tickets = await openTicketStore(await tempDir());
  return { tickets, dialog: new ReportProblemDialog({ tickets, directory, knowledge, clock, articleLink }) };
}

describe('ReportProblemDialog', () => {
  it('en-US: articles first, then every question, a summary card, and the id once it is on disk', async () => {
    const { tickets, dialog } = await setup();
    const turns: Turn[] = [
      ['hi', ['Please describe the problem']],
      [
        'I cannot sign in to Partner Center since the update',
        ['these articles may already answer it', 'Did one of these articles solve your problem?'],
      ],
      ['no', ['What is the problem about?']],
      ['Account and access', ['How serious is it?']],
      ['A – Critical', ['How can the support engineer reach you?']],
      ['my email is not-an-email', ["That doesn't look like an email address"]],
      ['ada@contoso.com', ['Since when has this been happening?']],
      ['2026-03-16', ['Support request summary', 'Shall I file this support request?']],
      ['yes', ['SR-000001']],
    ];
    await converse(dialog, 'en-US', turns, { who: customer, start: {} });
    const [ticket] = await tickets.list({ requesterId: 'someone-new' });
    expect(ticket).toMatchObject({
      id: 'SR-000001',
      category: 'account',
      severity: 'A',
      since: '2026-03-16',
      requester: { userId: 'someone-new', email: 'ada@contoso.com', channelId: 'msteams' },
      articlesShown: ['sign-in-troubleshooting'],
      locale: 'en-US',
      status: 'new',
    });
    expect(ticket?.partnerTenantId).toBeUndefined();
    expect(ticket?.conversationReference?.conversation?.id).toBe('conv-1');
  });

  it('it-IT: pre-fills the email of the first message, asks for more detail, answers "sì"', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'it-IT',
      [
        ['Aiuto, gao@contoso.cn', ['Di che tipo di problema si tratta?']],
        ['Fatturazione', ['Quanto è grave?']],
        ['C – Minima', ['Raccontami qualcosa in più']],
        ['breve', ["È un po' breve"]],
        [
          'La fattura di marzo mostra un importo doppio rispetto al previsto',
          ['gao@contoso.cn', 'Da quando succede?'],
        ],
        ['ieri', ['Riepilogo della richiesta di assistenza', 'Apro questa richiesta di assistenza?']],
        ['sì', ['la tua richiesta di assistenza **SR-000001** è stata aperta']],
      ],
      { who: { userId: 'demo-global-admin', tenantId: 'tenant-contoso' } },
    );
    const ticket = await tickets.get('SR-000001');
    expect(ticket).toMatchObject({
      partnerTenantId: 'tenant-contoso',
      category: 'billing',
      severity: 'C',
      since: '2026-03-17',
      requester: { email: 'gao@contoso.cn' },
    });
    expect(ticket?.description).toContain('importo doppio');
  });

  it('ru-RU: skips the contact politely after three wrong tries, "нет" files nothing', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'ru-RU',
      [
        [
          'Не могу назначить лицензии пользователям клиента, страница выдаёт ошибку',
          ['К чему относится проблема?'],
        ],
        ['Подписки и лицензии', ['Насколько это серьёзно?']],
        ['B – Средняя', ['Как инженеру связаться с вами?']],
        ['не знаю', ['Это не похоже']],
        ['123', ['Это не похоже']],
        ['почта', ['не удалось распознать адрес почты', 'С какого времени это происходит?']],
        ['Пропустить', ['Сводка по заявке', 'Создать эту заявку?']],
        ['нет', ['Хорошо, я ничего не создавал.']],
      ],
      { who: customer },
    );
    expect(await tickets.list({ requesterId: 'someone-new' })).toEqual([]);
  });

  it('zh-CN: "好的" files the ticket, a date like "昨天" is understood', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'zh-CN',
      [
        ['无法在合作伙伴中心为客户创建新订阅，一直提示错误', ['这个问题属于哪一类？']],
        ['技术问题', ['问题有多严重？']],
        ['B – 中等', ['支持工程师该如何联系您？']],
        ['+86 10 1234 5678', ['这个问题从什么时候开始的？']],
        ['昨天', ['支持请求摘要', '要提交这个支持请求吗？']],
        ['好的', ['SR-000001']],
      ],
      { who: customer },
    );
    expect(await tickets.get('SR-000001')).toMatchObject({
      requester: { phone: '+861012345678' },
      since: '2026-03-17',
      locale: 'zh-CN',
    });
  });

  it('en-US: an article that answers ends the dialog without a ticket', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'en-US',
      [
        ['I cannot sign in', ['Troubleshoot sign-in', 'Did one of these articles solve your problem?']],
        ['yes', ["glad it's solved"]],
      ],
      { who: customer, start: { question: 'I cannot sign in' } },
    );
    expect(await tickets.list({ requesterId: 'someone-new' })).toEqual([]);
  });

  it('en-US: a description handed over by self-support does not offer the same articles again', async () => {
    const { dialog } = await setup();
    await converse(dialog, 'en-US', [['yes', ['What is the problem about?']]], {
      who: customer,
      start: { description: 'I cannot sign in to Partner Center since the update' },
    });
  });

  it('de-DE: a sales agent is refused politely, naming the roles needed', async () => {
    const { dialog } = await setup();
    await converse(
      dialog,
      'de-DE',
      [
        [
          'Hallo',
          [
            'Rolle Globaler Administrator oder Administrator-Agent oder Helpdesk-Agent oder Abrechnungsadministrator',
          ],
        ],
      ],
      {
        who: { userId: 'demo-sales', tenantId: 'tenant-contoso' },
      },
    );
  });

  it('es-ES: a cancelled dialog leaves no half ticket', async () => {
    const { tickets, dialog } = await setup();
    await converse(
      dialog,
      'es-ES',
      [
        ['No puedo crear pedidos para mis clientes desde esta mañana', ['¿De qué trata el problema?']],
        ['Problema técnico', ['¿Cómo de grave es?']],
        ['cancelar', ['No se ha guardado nada']],
      ],
      { who: customer },
    );
    expect(await tickets.list({ requesterId: 'someone-new' })).toEqual([]);
  });

  it('pt-BR: an unwritable store gives a localized error and files nothing', async () => {
    const failing: TicketStore = {
      create: async () => {
        throw new TicketStoreUnavailableError('/data/tickets/partition-000000.json', new Error('ENOSPC'));
      },
      get: async () => undefined,
      list: async () => [],
      addComment: async () => {
        throw new Error('unused');
      },
      setStatus: async () => {
        throw new Error('unused');
      },
      close: async () => undefined,
    };
    const dialog = new ReportProblemDialog({ tickets: failing, directory, knowledge, clock, articleLink });
    await converse(
      dialog,
      'pt-BR',
      [
        ['Não consigo acessar o painel de clientes desde ontem à tarde', ['Sobre o que é o problema?']],
        ['Conta e acesso', ['Qual é a gravidade?']],
        ['B – Moderada', ['Como o técnico pode falar com você?']],
        ['Pular', ['Resumo do chamado', 'Posso abrir este chamado?']],
        ['sim', ['não consigo salvar chamados agora']],
      ],
      { who: customer },
    );
  });

  it('trims an over-long description with a notice', async () => {
    const { dialog } = await setup();
    const long = `The export of the customer list fails ${'again and again '.repeat(200)}`;
    await converse(
      dialog,
      'en-US',
      [
        [long, ['What is the problem about?']],
        ['Something else', ['How serious is it?']],
        ['C – Minimal', ['kept the first 2000 characters', 'How can the support engineer reach you?']],
      ],
      { who: customer },
    );
  });
});
