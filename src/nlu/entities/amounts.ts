import type { Entity } from '../types.js';
import { alternatives, entity } from './span.js';
import { NUMBER_SOURCE, parseLocalizedNumber } from './numbers.js';

type Currency = 'CNY' | 'USD' | 'EUR' | 'BRL' | 'RUB';

const CURRENCY_WORDS: Record<Currency, string[]> = {
  CNY: ['¥', '￥', 'CNY', 'RMB', '元', '人民币', '块', 'yuan', 'юаней', 'юаня', 'юань', 'юани'],
  USD: [
    'US$',
    '$',
    'USD',
    'dollars',
    'dollar',
    'dollari',
    'dólares',
    'dolares',
    'dólar',
    'Dollar',
    'долларов',
    'доллара',
    'доллар',
    '美元',
  ],
  EUR: ['€', 'EUR', 'euros', 'euro', 'Euro', 'евро', '欧元'],
  BRL: ['R$', 'BRL', 'reais'],
  RUB: ['₽', 'RUB', 'руб.', 'рублей', 'рубля', 'рубль'],
};

const CURRENCY_BY_WORD = new Map<string, Currency>(
  (Object.entries(CURRENCY_WORDS) as [Currency, string[]][]).flatMap(([c, words]) =>
    words.map((w) => [w.toLowerCase(), c] as const),
  ),
);
const ANY_CURRENCY = alternatives([...CURRENCY_BY_WORD.keys()]);

const BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ANY_CURRENCY})\\s?(${NUMBER_SOURCE})(?![\\p{N}]|[.,]\\d)`,
  'giu',
);
const AFTER = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(${NUMBER_SOURCE})\\s?(${ANY_CURRENCY})(?![\\p{Script=Latin}\\p{Script=Cyrillic}])`,
  'giu',
);

function amountValue(number: string | undefined, currency: string | undefined): string | undefined {
  const value = number === undefined ? undefined : parseLocalizedNumber(number);
  const code = currency === undefined ? undefined : CURRENCY_BY_WORD.get(currency.toLowerCase());
  return value === undefined || !code ? undefined : `${value.toFixed(2)} ${code}`;
}

/** "¥1,200", "1.234,50 €", "USD 20", "300元" → '1200.00 CNY', '1234.50 EUR', … */
export function extractAmounts(text: string): Entity[] {
  const found: Entity[] = [];
  for (const m of text.matchAll(BEFORE)) {
    const value = amountValue(m[2], m[1]);
    if (value && m.index !== undefined) found.push(entity('amount', m[0], m.index, value));
  }
  for (const m of text.matchAll(AFTER)) {
    const value = amountValue(m[1], m[2]);
    if (value && m.index !== undefined) found.push(entity('amount', m[0], m.index, value));
  }
  return found;
}
