import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import {
  extractEntities,
  extractMaskableEntities,
  formatTicketId,
  normalizePhone,
  parseLocalizedNumber,
} from '../../src/nlu/entities.js';
import type { EntityType } from '../../src/nlu/types.js';

/** Wednesday 18 March 2026, late evening in UTC: dates follow the UTC calendar day. */
const NOW = new Date(Date.UTC(2026, 2, 18, 23, 30));

function values(text: string, type: EntityType, locale: Locale = 'en-US'): string[] {
  return extractEntities(text, { locale, now: NOW })
    .filter((e) => e.type === type)
    .map((e) => e.value);
}

describe('ticket ids', () => {
  it.each<[Locale, string, string]>([
    ['en-US', 'status of SR-000123?', 'SR-000123'],
    ['en-US', 'what about SR123', 'SR-000123'],
    ['en-US', 'sr 7 please', 'SR-000007'],
    ['en-US', 'any news on #123', 'SR-000123'],
    ['en-US', 'ticket 42 is still open', 'SR-000042'],
    ['en-US', 'case no. 42', 'SR-000042'],
    ['ru-RU', 'когда будет готов мой тикет 42?', 'SR-000042'],
    ['ru-RU', 'заявка №42', 'SR-000042'],
    ['ru-RU', 'по обращению 42', 'SR-000042'],
    ['zh-CN', '工单42怎么样了', 'SR-000042'],
    ['zh-CN', '工单号：42', 'SR-000042'],
    ['it-IT', 'il caso 42', 'SR-000042'],
    ['it-IT', 'la richiesta n. 42', 'SR-000042'],
    ['pt-BR', 'o chamado 42', 'SR-000042'],
    ['es-ES', 'la solicitud 42', 'SR-000042'],
    ['de-DE', 'Ticket 42', 'SR-000042'],
    ['de-DE', 'meine Anfrage Nr. 42', 'SR-000042'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'ticket_id', locale)).toEqual([expected]);
  });

  it.each([
    ['7', 'SR-000007'],
    ['000123', 'SR-000123'],
    ['1234567', 'SR-1234567'],
  ])('formats %s as %s', (digits, expected) => {
    expect(formatTicketId(digits)).toBe(expected);
  });

  it('does not take an amount or an invoice for a ticket', () => {
    expect(values('invoice 12345 for $20', 'ticket_id')).toEqual([]);
  });
});

describe('emails and GUIDs', () => {
  it.each([
    ['write to Mario.Rossi@Contoso.CN please', 'mario.rossi@contoso.cn'],
    ['почта: ivan@romashka.ru', 'ivan@romashka.ru'],
    ['邮箱是zhang.san@example.com.cn', 'zhang.san@example.com.cn'],
  ])('%s → %s', (text, expected) => {
    expect(values(text, 'email')).toEqual([expected]);
  });

  it.each([
    [
      'subscription 3F2504E0-4F89-11D3-9A0C-0305E82C3301 is suspended',
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    ],
    ['tenant {6ba7b810-9dad-11d1-80b4-00c04fd430c8}', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
  ])('%s → %s', (text, expected) => {
    expect(values(text, 'guid')).toEqual([expected]);
  });
});

describe('phone numbers', () => {
  it.each<[Locale, string, string]>([
    ['zh-CN', '电话 +86 10 1234 5678', '+861012345678'],
    ['zh-CN', '手机 138-0013-8000', '+8613800138000'],
    ['en-US', 'call 13800138000', '+8613800138000'],
    ['it-IT', 'chiamami al +39 06 1234567', '+39061234567'],
    ['it-IT', 'il mio numero è 06 1234 5678', '+390612345678'],
    ['de-DE', 'Telefon 030 1234567', '+49301234567'],
    ['ru-RU', 'мой телефон 8 (495) 123-45-67', '+74951234567'],
    ['en-US', 'reach me at 0044 20 7946 0958', '+442079460958'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'phone', locale)).toEqual([expected]);
  });

  it.each(['2026-03-18', '12345', 'version 1.2.3'])('%s is not a phone number', (text) => {
    expect(values(text, 'phone')).toEqual([]);
  });

  it('normalizes without a text around it', () => {
    expect(normalizePhone('(010) 1234-5678', 'zh-CN')).toBe('+861012345678');
  });
});

describe('dates and periods', () => {
  it.each<[Locale, string, string]>([
    ['en-US', 'since yesterday', '2026-03-17'],
    ['en-US', '3 days ago', '2026-03-15'],
    ['en-US', 'the day before yesterday', '2026-03-16'],
    ['en-US', 'since last week', '2026-03-09'],
    ['en-US', 'last month', '2026-02-01'],
    ['en-US', 'on March 3', '2026-03-03'],
    ['en-US', 'since Monday', '2026-03-16'],
    ['it-IT', 'da ieri', '2026-03-17'],
    ['it-IT', "dall'altro ieri", '2026-03-16'],
    ['it-IT', 'dalla settimana scorsa', '2026-03-09'],
    ['it-IT', '2 settimane fa', '2026-03-04'],
    ['it-IT', 'il 3 marzo', '2026-03-03'],
    ['ru-RU', 'с позавчера', '2026-03-16'],
    ['ru-RU', 'с прошлой недели', '2026-03-09'],
    ['ru-RU', 'неделю назад', '2026-03-11'],
    ['ru-RU', '5 марта', '2026-03-05'],
    ['de-DE', 'seit letzter Woche', '2026-03-09'],
    ['de-DE', 'seit vorgestern', '2026-03-16'],
    ['de-DE', 'vor 3 Tagen', '2026-03-15'],
    ['de-DE', 'am 3. März', '2026-03-03'],
    ['zh-CN', '上个月', '2026-02-01'],
    ['zh-CN', '从昨天开始', '2026-03-17'],
    ['zh-CN', '3天前', '2026-03-15'],
    ['zh-CN', '三天前', '2026-03-15'],
    ['zh-CN', '3月5日', '2026-03-05'],
    ['pt-BR', 'desde ontem', '2026-03-17'],
    ['pt-BR', 'há 3 dias', '2026-03-15'],
    ['pt-BR', 'desde a semana passada', '2026-03-09'],
    ['pt-BR', 'anteontem', '2026-03-16'],
    ['es-ES', 'desde la semana pasada', '2026-03-09'],
    ['es-ES', 'hace 3 días', '2026-03-15'],
    ['es-ES', 'desde anteayer', '2026-03-16'],
    ['es-ES', 'el mes pasado', '2026-02-01'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'date', locale)).toEqual([expected]);
  });

  it('reads "now" from the parameter, never from the clock', () => {
    const now = new Date(Date.UTC(2030, 0, 1, 12));
    expect(extractEntities('since yesterday', { locale: 'en-US', now }).map((e) => e.value)).toEqual([
      '2029-12-31',
    ]);
  });

  it('ignores a time alone', () => {
    expect(values('call me at 10', 'date')).toEqual([]);
  });
});

describe('billing periods', () => {
  it.each<[Locale, string, string]>([
    ['en-US', 'the invoice for March 2026', '2026-03'],
    ['it-IT', 'la fattura di marzo 2026', '2026-03'],
    ['de-DE', 'Rechnung März 2026', '2026-03'],
    ['zh-CN', '2026年3月的账单', '2026-03'],
    ['ru-RU', 'счёт за март 2026', '2026-03'],
    ['ru-RU', 'за марта 2026 года', '2026-03'],
    ['pt-BR', 'fatura de março de 2026', '2026-03'],
    ['es-ES', 'factura de diciembre de 2025', '2025-12'],
    ['en-US', 'billing period 03/2026', '2026-03'],
    ['en-US', 'period 2026-03', '2026-03'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'billing_period', locale)).toEqual([expected]);
  });
});

describe('numbers', () => {
  it.each<[Locale, string, string[]]>([
    ['en-US', 'I need 25 licenses', ['25']],
    ['it-IT', 'servono 3,5 ore', ['3.5']],
    ['de-DE', '1.234 Benutzer', ['1234']],
    ['en-US', 'twenty two users', ['22']],
    ['es-ES', 'necesito cuarenta y dos licencias', ['42']],
    ['pt-BR', 'preciso de duas assinaturas', ['2']],
    ['zh-CN', '我要三十个许可证', ['30']],
    ['en-US', 'I have a problem', []],
  ])('[%s] %s → %j', (locale, text, expected) => {
    expect(values(text, 'number', locale)).toEqual(expected);
  });

  it.each([
    ['1,234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['1 234,5', 1234.5],
    ['3,50', 3.5],
    ['1,234', 1234],
    ['12', 12],
  ])('parses %s as %d', (raw, expected) => {
    expect(parseLocalizedNumber(raw)).toBe(expected);
  });
});

describe('amounts', () => {
  it.each<[string, string]>([
    ['we paid ¥1,200 last week', '1200.00 CNY'],
    ['charged 300元', '300.00 CNY'],
    ['RMB 88.5', '88.50 CNY'],
    ['a charge of 500 CNY', '500.00 CNY'],
    ['$20 extra', '20.00 USD'],
    ['USD 1,000', '1000.00 USD'],
    ['addebito di 25,50 €', '25.50 EUR'],
    ['€ 1.234,56 in più', '1234.56 EUR'],
    ['30 EUR', '30.00 EUR'],
  ])('%s → %s', (text, expected) => {
    expect(values(text, 'amount')).toEqual([expected]);
  });
});

describe('invoice numbers', () => {
  it.each<[Locale, string, string]>([
    ['en-US', 'invoice G012345678 is wrong', 'G012345678'],
    ['en-US', 'about G098765432', 'G098765432'],
    ['it-IT', 'la fattura 12345', '12345'],
    ['pt-BR', 'fatura nº 98765', '98765'],
    ['es-ES', 'factura 55555', '55555'],
    ['de-DE', 'Rechnung Nr. 12345', '12345'],
    ['ru-RU', 'счёт 12345', '12345'],
    ['zh-CN', '发票号G012345678', 'G012345678'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'invoice_number', locale)).toEqual([expected]);
  });
});

describe('customers', () => {
  it.each<[Locale, string, string]>([
    ['en-US', 'open a ticket for customer Rossi', 'Rossi'],
    ['en-US', 'on behalf of Contoso Ltd, please', 'Contoso Ltd'],
    ['it-IT', 'il mio cliente Lombardi Trasporti non accede', 'Lombardi Trasporti'],
    ['en-US', 'the tenant contoso.cn is down', 'contoso.cn'],
    ['ru-RU', 'для клиента Ромашка', 'Ромашка'],
    ['ru-RU', 'от имени клиента «Вектор»', 'Вектор'],
    ['zh-CN', '客户 北京某某公司 无法登录', '北京某某公司'],
    ['zh-CN', '客户上海某某科技有限公司报错', '上海某某科技有限公司'],
    ['de-DE', 'für den Kunden Müller GmbH', 'Müller GmbH'],
    ['es-ES', 'el cliente García no puede entrar', 'García'],
    ['pt-BR', 'em nome do cliente Souza Transportes', 'Souza Transportes'],
  ])('[%s] %s → %s', (locale, text, expected) => {
    expect(values(text, 'customer', locale)).toEqual([expected]);
  });

  it('does not take an email domain or our own portal for a customer', () => {
    expect(values('mail admin@contoso.cn about portal.partner.microsoftonline.cn', 'customer')).toEqual([]);
  });
});

describe('languages', () => {
  it.each<[string, Locale]>([
    ['speak Italian', 'it-IT'],
    ['parla in italiano', 'it-IT'],
    ['по-русски, пожалуйста', 'ru-RU'],
    ['请用中文', 'zh-CN'],
    ['auf Deutsch bitte', 'de-DE'],
    ['em português', 'pt-BR'],
    ['en español', 'es-ES'],
    ['in English please', 'en-US'],
    ['на английском', 'en-US'],
  ])('%s → %s', (text, expected) => {
    expect(values(text, 'language')).toEqual([expected]);
  });
});

describe('overlaps', () => {
  it('gives each character to one entity, most specific first', () => {
    const found = extractEntities('ticket SR-000042 for customer contoso.cn, mail ops@contoso.cn, ¥500', {
      locale: 'en-US',
      now: NOW,
    });
    expect(found.map((e) => [e.type, e.value])).toEqual([
      ['ticket_id', 'SR-000042'],
      ['customer', 'contoso.cn'],
      ['email', 'ops@contoso.cn'],
      ['amount', '500.00 CNY'],
    ]);
  });
});

describe('extractMaskableEntities (what the intent classifier masks)', () => {
  it('keeps ids, amounts and customers but leaves dates and number words to be read as words', () => {
    const text = 'since yesterday twenty users of contoso.cn see SR-000123 and were charged 500 CNY';
    const all = extractEntities(text, { locale: 'en-US', now: NOW }).map((e) => e.type);
    const masked = extractMaskableEntities(text, 'en-US').map((e) => e.type);
    expect(all).toEqual(expect.arrayContaining(['date', 'number']));
    expect(masked).toEqual(['customer', 'ticket_id', 'amount']);
  });
});
