import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import { extractEntities } from '../../src/nlu/entities.js';
import { createRecognizer, intentsToOffer } from '../../src/nlu/recognizer.js';
import type { Intent, IntentRecognizer, Recognition } from '../../src/nlu/types.js';
import { loadUtterances } from '../../src/nlu/utterances.js';

const NLU_DIR = fileURLToPath(new URL('../../nlu', import.meta.url));
const NOW = new Date(Date.UTC(2026, 2, 18, 10));

let recognizer: IntentRecognizer;

beforeAll(async () => {
  recognizer = createRecognizer(await loadUtterances(NLU_DIR));
});

/** Sentences written for these tests: neither training utterances nor dev-set lines. */
const CASES: [Locale, string, Intent][] = [
  ['en-US', "our portal login has been failing all day, I'd like to report it", 'report_problem'],
  [
    'en-US',
    'my client Bianchi cannot get into their mailbox, please open a ticket for them',
    'report_on_behalf',
  ],
  ['en-US', 'why is the April invoice twice as much as usual?', 'billing_question'],
  ['en-US', 'how do I give a user admin permissions?', 'kb_lookup'],
  ['en-US', "what's the status of SR-000777?", 'ticket_status'],
  ['en-US', 'what can this assistant do?', 'help'],
  ['en-US', 'never mind, cancel it', 'cancel'],
  ['en-US', 'please switch to Italian', 'change_language'],
  ['en-US', 'good morning!', 'greeting'],
  ['it-IT', 'non riesco più a entrare nel portale, mi dà sempre errore', 'report_problem'],
  ['it-IT', 'il mio cliente Lombardi non riesce ad accedere, apri una richiesta per lui', 'report_on_behalf'],
  ['it-IT', 'perché la fattura di aprile è così alta?', 'billing_question'],
  ['it-IT', 'come si crea un nuovo utente?', 'kb_lookup'],
  ['it-IT', 'a che punto è la richiesta 555?', 'ticket_status'],
  ['it-IT', 'cosa puoi fare?', 'help'],
  ['it-IT', 'lascia perdere, annulla', 'cancel'],
  ['it-IT', 'parla in inglese per favore', 'change_language'],
  ['pt-BR', 'o portal não abre desde ontem, quero registrar o problema', 'report_problem'],
  ['pt-BR', 'meu cliente Almeida não consegue acessar, abre um chamado para ele', 'report_on_behalf'],
  ['pt-BR', 'por que a fatura de abril veio tão alta?', 'billing_question'],
  ['pt-BR', 'como eu crio um novo usuário?', 'kb_lookup'],
  ['pt-BR', 'qual o andamento do chamado 555?', 'ticket_status'],
  ['pt-BR', 'o que você consegue fazer?', 'help'],
  ['pt-BR', 'esquece, cancela', 'cancel'],
  ['pt-BR', 'fala em inglês por favor', 'change_language'],
  ['es-ES', 'el portal no me deja entrar desde ayer, quiero reportarlo', 'report_problem'],
  ['es-ES', 'mi cliente Ortega no puede acceder, abre un ticket para él', 'report_on_behalf'],
  ['es-ES', '¿por qué la factura de abril es tan alta?', 'billing_question'],
  ['es-ES', '¿cómo creo un usuario nuevo?', 'kb_lookup'],
  ['es-ES', '¿cómo va la solicitud 555?', 'ticket_status'],
  ['es-ES', '¿qué puedes hacer?', 'help'],
  ['es-ES', 'olvídalo, cancela', 'cancel'],
  ['es-ES', 'habla en inglés por favor', 'change_language'],
  ['ru-RU', 'не могу зайти в портал с самого утра, хочу сообщить о проблеме', 'report_problem'],
  ['ru-RU', 'мой клиент Петров не может войти, откройте для него заявку', 'report_on_behalf'],
  ['ru-RU', 'почему счёт за апрель такой большой?', 'billing_question'],
  ['ru-RU', 'как создать нового пользователя?', 'kb_lookup'],
  ['ru-RU', 'когда будет готов мой тикет 42?', 'ticket_status'],
  ['ru-RU', 'что ты можешь?', 'help'],
  ['ru-RU', 'отмена, не надо', 'cancel'],
  ['ru-RU', 'давай по-английски', 'change_language'],
  ['de-DE', 'ich komme seit heute früh nicht ins Portal, ich will das melden', 'report_problem'],
  ['de-DE', 'mein Kunde Schulz kann sich nicht anmelden, bitte ein Ticket für ihn', 'report_on_behalf'],
  ['de-DE', 'warum ist die Rechnung für April so hoch?', 'billing_question'],
  ['de-DE', 'wie lege ich einen neuen Benutzer an?', 'kb_lookup'],
  ['de-DE', 'wie ist der Stand von Anfrage 555?', 'ticket_status'],
  ['de-DE', 'was kannst du alles?', 'help'],
  ['de-DE', 'vergiss es, abbrechen', 'cancel'],
  ['de-DE', 'bitte auf Englisch', 'change_language'],
  ['zh-CN', '门户一直登录失败，我要报个问题', 'report_problem'],
  ['zh-CN', '我的客户张总登录不了，帮他们开个工单', 'report_on_behalf'],
  ['zh-CN', '为什么四月的账单这么高？', 'billing_question'],
  ['zh-CN', '怎么创建新用户？', 'kb_lookup'],
  ['zh-CN', '工单42怎么样了？', 'ticket_status'],
  ['zh-CN', '你都能做些什么？', 'help'],
  ['zh-CN', '算了，取消吧', 'cancel'],
  ['zh-CN', '请用英语回答', 'change_language'],
];

describe('intents per locale', () => {
  it.each(CASES)('[%s] %s → %s', (locale, text, intent) => {
    expect(recognizer.recognize(text, locale, NOW).intent).toBe(intent);
  });
});

describe('recognition result', () => {
  it('ranks every intent, best first, with scores that sum to 1', () => {
    const result = recognizer.recognize('status of ticket 42', 'en-US', NOW);
    expect(result.ranked).toHaveLength(10);
    expect(result.ranked[0]).toEqual({ intent: result.intent, score: result.score });
    const scores = result.ranked.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('returns the entities and the language of the message', () => {
    const result = recognizer.recognize(
      'il mio cliente Rossi non accede da ieri, apri una richiesta per loro',
      'en-US',
      NOW,
    );
    expect(result.intent).toBe('report_on_behalf');
    expect(result.language).toBe('it-IT');
    expect(result.entities.map((e) => [e.type, e.value])).toEqual([
      ['customer', 'Rossi'],
      ['date', '2026-03-17'],
    ]);
  });

  it.each<[Locale, string]>([
    ['en-US', 'twenty licenses for contoso.cn since yesterday, ticket SR-000123, call +86 10 5555 0100'],
    ['it-IT', 'ho pagato 1.200,50 EUR il 3 marzo per la fattura G012345678, ventidue utenti'],
    ['pt-BR', 'desde ontem, cinco usuários sem acesso; e-mail ana@fabrikam.com.br'],
    ['es-ES', 'la factura de febrero 2026 trae veinte licencias de más'],
    ['ru-RU', 'счёт за март, двадцать пользователей, 3 дня назад'],
    ['de-DE', 'seit vorgestern zwölf Lizenzen zu viel, Rechnung vom 2. März'],
    ['zh-CN', '上个月的发票多收了 300 元，二十个用户'],
  ])('%s: finds, when asked, every entity of the message, read in its language', (locale, text) => {
    // The conversation's locale is English: the words are read in the language they are written in.
    const result = recognizer.recognize(text, 'en-US', NOW);
    expect(result.entities.length).toBeGreaterThan(1);
    expect(result.entities).toEqual(extractEntities(text, { locale: result.language ?? 'en-US', now: NOW }));
    expect(result.entities).toBe(result.entities);
  });

  it('gives the language entity for a change of language', () => {
    const result = recognizer.recognize('parla in italiano', 'en-US', NOW);
    expect(result.intent).toBe('change_language');
    expect(result.entities).toContainEqual(expect.objectContaining({ type: 'language', value: 'it-IT' }));
  });

  it('is deterministic: the same utterances train the same model', async () => {
    const again = createRecognizer(await loadUtterances(NLU_DIR));
    const text = 'the invoice is wrong and I cannot log in';
    expect(again.recognize(text, 'en-US', NOW).ranked).toEqual(
      recognizer.recognize(text, 'en-US', NOW).ranked,
    );
  });

  it('knows nothing when trained on nothing', () => {
    expect(createRecognizer([]).recognize('hello', 'en-US', NOW).score).toBeCloseTo(0.1, 6);
  });
});

describe('intentsToOffer', () => {
  const recognition = (scores: [Intent, number][]): Recognition => ({
    intent: scores[0]?.[0] ?? 'none',
    score: scores[0]?.[1] ?? 0,
    ranked: scores.map(([intent, score]) => ({ intent, score })),
    entities: [],
    language: undefined,
  });

  it.each<[string, [Intent, number][], [Intent, Intent] | undefined]>([
    [
      'a clear winner',
      [
        ['ticket_status', 0.9],
        ['kb_lookup', 0.05],
      ],
      undefined,
    ],
    [
      'two close intents',
      [
        ['billing_question', 0.45],
        ['kb_lookup', 0.4],
      ],
      ['billing_question', 'kb_lookup'],
    ],
    [
      'a low top score',
      [
        ['report_problem', 0.42],
        ['help', 0.1],
      ],
      ['report_problem', 'help'],
    ],
  ])('%s', (_name, scores, expected) => {
    expect(intentsToOffer(recognition(scores))).toEqual(expected);
  });
});
