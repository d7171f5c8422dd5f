import type { Locale } from '../../i18n/locales.js';
import type { Entity } from '../types.js';
import { addDays, isoDate, monthsAgo, startOfMonth, startOfWeek, startOfYear } from './calendar.js';
import { WORD_END, WORD_START, alternatives, entity } from './span.js';

/**
 * Relative dates said the same way in all seven languages ("yesterday", "3 days ago", "last week"),
 * with one meaning everywhere: a day for days, the first day of the period for "last week/month".
 * chrono-node reads absolute dates and weekdays; its locales miss many of these (Spanish "hace 3
 * días", Portuguese "semana passada", Chinese "上个月") and read "last week" as "7 days ago".
 */
interface RelativeLexicon {
  /** Days relative to today: 0 today, -1 yesterday, -2 the day before. */
  days: Record<'0' | '-1' | '-2', string[]>;
  /** Regex sources of the time units. */
  units: Record<Unit, string>;
  numbers: Record<string, number>;
  /** "hace N días" / "vor N Tagen" (before the number) and "N days ago" (after the unit). */
  agoBefore: string[];
  agoAfter: string[];
  /** Regex sources of "last week", "this month"… */
  periods: Record<Period, string>;
}

type Unit = 'day' | 'week' | 'month' | 'year';
type Period = 'lastWeek' | 'lastMonth' | 'lastYear' | 'thisWeek' | 'thisMonth' | 'thisYear';

const LEXICONS: Record<Locale, RelativeLexicon> = {
  'en-US': {
    days: { '0': ['today'], '-1': ['yesterday'], '-2': ['the day before yesterday', 'day before yesterday'] },
    units: { day: 'days?', week: 'weeks?', month: 'months?', year: 'years?' },
    numbers: {
      a: 1,
      an: 1,
      one: 1,
      two: 2,
      three: 3,
      four: 4,
      five: 5,
      six: 6,
      seven: 7,
      eight: 8,
      nine: 9,
      ten: 10,
      'a couple of': 2,
      'a few': 3,
    },
    agoBefore: [],
    agoAfter: ['ago', 'back'],
    periods: {
      lastWeek: '(?:last|past|previous) week',
      lastMonth: '(?:last|past|previous) month',
      lastYear: '(?:last|previous) year',
      thisWeek: 'this week',
      thisMonth: 'this month',
      thisYear: 'this year',
    },
  },
  'it-IT': {
    days: {
      '0': ['oggi'],
      '-1': ['ieri'],
      '-2': [
        "l'altro ieri",
        'l’altro ieri',
        'altro ieri',
        "l'altroieri",
        'l’altroieri',
        'altroieri',
        "ieri l'altro",
      ],
    },
    units: { day: 'giorn[oi]', week: 'settiman[ae]', month: 'mes[ei]', year: 'ann[oi]' },
    numbers: {
      un: 1,
      una: 1,
      uno: 1,
      due: 2,
      tre: 3,
      quattro: 4,
      cinque: 5,
      sei: 6,
      sette: 7,
      otto: 8,
      nove: 9,
      dieci: 10,
      'un paio di': 2,
      qualche: 3,
    },
    agoBefore: [],
    agoAfter: ['fa', 'orsono'],
    periods: {
      lastWeek: '(?:settimana (?:scorsa|passata)|(?:scorsa|ultima) settimana)',
      lastMonth: '(?:mese (?:scorso|passato)|scorso mese)',
      lastYear: '(?:anno (?:scorso|passato)|scorso anno)',
      thisWeek: 'questa settimana',
      thisMonth: 'questo mese',
      thisYear: "quest[' ’]?anno",
    },
  },
  'pt-BR': {
    days: { '0': ['hoje'], '-1': ['ontem'], '-2': ['anteontem', 'antes de ontem'] },
    units: { day: 'dias?', week: 'semanas?', month: 'm[eê]s(?:es)?', year: 'anos?' },
    numbers: {
      um: 1,
      uma: 1,
      dois: 2,
      duas: 2,
      três: 3,
      tres: 3,
      quatro: 4,
      cinco: 5,
      seis: 6,
      sete: 7,
      oito: 8,
      nove: 9,
      dez: 10,
      alguns: 3,
      algumas: 3,
    },
    agoBefore: ['há', 'ha', 'faz'],
    agoAfter: ['atrás', 'atras'],
    periods: {
      lastWeek: '(?:semana passada|[uú]ltima semana)',
      lastMonth: '(?:m[eê]s passado|[uú]ltimo m[eê]s)',
      lastYear: '(?:ano passado|[uú]ltimo ano)',
      thisWeek: '(?:esta|nesta) semana',
      thisMonth: '(?:este|neste) m[eê]s',
      thisYear: '(?:este|neste) ano',
    },
  },
  'es-ES': {
    days: { '0': ['hoy'], '-1': ['ayer'], '-2': ['anteayer', 'antes de ayer', 'antier'] },
    units: { day: 'd[ií]as?', week: 'semanas?', month: 'mes(?:es)?', year: 'a[ñn]os?' },
    numbers: {
      un: 1,
      una: 1,
      uno: 1,
      dos: 2,
      tres: 3,
      cuatro: 4,
      cinco: 5,
      seis: 6,
      siete: 7,
      ocho: 8,
      nueve: 9,
      diez: 10,
      'un par de': 2,
      unos: 3,
      unas: 3,
    },
    agoBefore: ['hace'],
    agoAfter: ['atrás', 'atras'],
    periods: {
      lastWeek: '(?:semana pasada|[uú]ltima semana)',
      lastMonth: '(?:mes pasado|[uú]ltimo mes)',
      lastYear: '(?:a[ñn]o pasado|[uú]ltimo a[ñn]o)',
      thisWeek: 'esta semana',
      thisMonth: 'este mes',
      thisYear: 'este a[ñn]o',
    },
  },
  'de-DE': {
    days: { '0': ['heute'], '-1': ['gestern'], '-2': ['vorgestern'] },
    units: { day: 'tag(?:e|en)?', week: 'wochen?', month: 'monat(?:e|en)?', year: 'jahr(?:e|en)?' },
    numbers: {
      ein: 1,
      einem: 1,
      einer: 1,
      zwei: 2,
      drei: 3,
      vier: 4,
      fünf: 5,
      fuenf: 5,
      sechs: 6,
      sieben: 7,
      acht: 8,
      neun: 9,
      zehn: 10,
      'ein paar': 3,
      einigen: 3,
    },
    agoBefore: ['vor'],
    agoAfter: [],
    periods: {
      lastWeek: '(?:letzt|vorig|vergangen)(?:e|en|er|em)? woche',
      lastMonth: '(?:letzt|vorig|vergangen)(?:e|en|er|em)? monat',
      lastYear: '(?:letzt|vorig|vergangen)(?:e|en|er|es|em)? jahr',
      thisWeek: 'diese[rn]? woche',
      thisMonth: 'diese[nm]? monat',
      thisYear: 'diese[sm]? jahr',
    },
  },
  'ru-RU': {
    days: { '0': ['сегодня', 'сегодняшнего дня'], '-1': ['вчера', 'вчерашнего дня'], '-2': ['позавчера'] },
    units: {
      day: '(?:день|дня|дней|сутки|суток)',
      week: 'недел[юиья]',
      month: 'месяц(?:а|ев)?',
      year: '(?:год|года|лет)',
    },
    numbers: {
      один: 1,
      одну: 1,
      одна: 1,
      два: 2,
      две: 2,
      пару: 2,
      три: 3,
      четыре: 4,
      пять: 5,
      шесть: 6,
      семь: 7,
      восемь: 8,
      девять: 9,
      десять: 10,
      несколько: 3,
    },
    agoBefore: [],
    agoAfter: ['назад', 'тому назад'],
    periods: {
      lastWeek: '(?:прошл|предыдущ)\\p{L}* недел\\p{L}*',
      lastMonth: '(?:прошл|предыдущ)\\p{L}* месяц\\p{L}*',
      lastYear: '(?:прошл|предыдущ)\\p{L}* год\\p{L}*',
      thisWeek: 'эт\\p{L}* недел\\p{L}*',
      thisMonth: 'эт\\p{L}* месяц\\p{L}*',
      thisYear: 'эт\\p{L}* год\\p{L}*',
    },
  },
  'zh-CN': {
    days: { '0': ['今天', '今日'], '-1': ['昨天', '昨日'], '-2': ['前天'] },
    units: { day: '(?:天|日)', week: '(?:周|个?星期|个?礼拜)', month: '个?月', year: '年' },
    numbers: { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 几: 3 },
    agoBefore: [],
    agoAfter: ['前', '之前', '以前'],
    periods: {
      lastWeek: '(?:上周|上个?星期|上个?礼拜)',
      lastMonth: '上个?月',
      lastYear: '去年',
      thisWeek: '(?:本周|这周|这个?星期)',
      thisMonth: '(?:本月|这个月)',
      thisYear: '今年',
    },
  },
};

const PERIOD_START: Record<Period, (now: Date) => Date> = {
  lastWeek: (now) => startOfWeek(now, 1),
  lastMonth: (now) => startOfMonth(now, 1),
  lastYear: (now) => startOfYear(now, 1),
  thisWeek: (now) => startOfWeek(now, 0),
  thisMonth: (now) => startOfMonth(now, 0),
  thisYear: (now) => startOfYear(now, 0),
};

const UNIT_BACK: Record<Unit, (now: Date, n: number) => Date> = {
  day: (now, n) => addDays(now, -n),
  week: (now, n) => addDays(now, -7 * n),
  month: (now, n) => monthsAgo(now, n),
  year: (now, n) => monthsAgo(now, 12 * n),
};

interface Rule {
  pattern: RegExp;
  resolve: (match: RegExpMatchArray, now: Date) => Date | undefined;
}

function bounded(source: string, locale: Locale): RegExp {
  // Chinese has no spaces between words, so no word boundaries either.
  return locale === 'zh-CN'
    ? new RegExp(source, 'gu')
    : new RegExp(`${WORD_START}(?:${source})${WORD_END}`, 'giu');
}

function unitOf(word: string, lexicon: RelativeLexicon): Unit | undefined {
  return (Object.keys(lexicon.units) as Unit[]).find((u) =>
    new RegExp(`^(?:${lexicon.units[u]})$`, 'iu').test(word),
  );
}

function countOf(word: string | undefined, lexicon: RelativeLexicon): number | undefined {
  if (word === undefined || word === '') return 1;
  const trimmed = word.trim().toLowerCase();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : lexicon.numbers[trimmed];
}

function rulesFor(locale: Locale): Rule[] {
  const lexicon = LEXICONS[locale];
  const gap = locale === 'zh-CN' ? '\\s*' : '\\s+';
  const count = `(\\d{1,3}|${alternatives(Object.keys(lexicon.numbers))})`;
  const unit = `(${Object.values(lexicon.units).join('|')})`;
  const back = (m: RegExpMatchArray, now: Date, countAt: number, unitAt: number): Date | undefined => {
    const n = countOf(m[countAt], lexicon);
    const u = unitOf(m[unitAt] ?? '', lexicon);
    return n === undefined || !u ? undefined : UNIT_BACK[u](now, n);
  };
  const rules: Rule[] = [];
  for (const [offset, words] of Object.entries(lexicon.days)) {
    rules.push({
      pattern: bounded(alternatives(words), locale),
      resolve: (_m, now) => addDays(now, Number(offset)),
    });
  }
  for (const [period, source] of Object.entries(lexicon.periods) as [Period, string][]) {
    rules.push({ pattern: bounded(source, locale), resolve: (_m, now) => PERIOD_START[period](now) });
  }
  if (lexicon.agoBefore.length > 0) {
    const source = `(?:${alternatives(lexicon.agoBefore)})\\s+${count}\\s+${unit}`;
    rules.push({ pattern: bounded(source, locale), resolve: (m, now) => back(m, now, 1, 2) });
  }
  if (lexicon.agoAfter.length > 0) {
    // The count is optional: "неделю назад", "месяц назад" mean one.
    const source = `(?:${count}${gap})?${unit}${gap}(?:${alternatives(lexicon.agoAfter)})`;
    rules.push({ pattern: bounded(source, locale), resolve: (m, now) => back(m, now, 1, 2) });
  }
  return rules;
}

const RULES = new Map<Locale, Rule[]>();

/** Relative dates in one language, valued against `now`'s UTC calendar day. */
export function extractRelativeDates(text: string, locale: Locale, now: Date): Entity[] {
  let rules = RULES.get(locale);
  if (!rules) {
    rules = rulesFor(locale);
    RULES.set(locale, rules);
  }
  const found: Entity[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule.pattern)) {
      const date = rule.resolve(match, now);
      if (date && match.index !== undefined) found.push(entity('date', match[0], match.index, isoDate(date)));
    }
  }
  return found;
}
