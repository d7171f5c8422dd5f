import { describe, expect, it } from 'vitest';
import { decideRoute, type Route } from '../../src/bot/router.js';
import type { Intent, Recognition } from '../../src/nlu/types.js';

function rec(...ranked: Array<[Intent, number]>): Recognition {
  const [top] = ranked;
  return {
    intent: top?.[0] ?? 'none',
    score: top?.[1] ?? 0,
    ranked: ranked.map(([intent, score]) => ({ intent, score })),
    entities: [],
    language: undefined,
  };
}

describe('decideRoute', () => {
  it.each<[string, Recognition, Route]>([
    ['a confident report', rec(['report_problem', 0.9], ['kb_lookup', 0.05]), { kind: 'start', intent: 'report_problem' }],
    ['a confident status request', rec(['ticket_status', 0.8]), { kind: 'start', intent: 'ticket_status' }],
    ['help', rec(['help', 0.95]), { kind: 'help' }],
    ['a greeting counts as help', rec(['greeting', 0.9]), { kind: 'help' }],
    ['cancel', rec(['cancel', 0.9]), { kind: 'cancel' }],
    ['change language', rec(['change_language', 0.9]), { kind: 'language' }],
    ['two close actionable intents', rec(['report_problem', 0.46], ['report_on_behalf', 0.4]), { kind: 'clarify', options: ['report_problem', 'report_on_behalf'] }],
    ['a confident top with a close second', rec(['billing_question', 0.55], ['kb_lookup', 0.45]), { kind: 'clarify', options: ['billing_question', 'kb_lookup'] }],
    ['nothing confident goes to the knowledge base', rec(['report_problem', 0.3], ['help', 0.1]), { kind: 'knowledge' }],
    ['no intent goes to the knowledge base', rec(['none', 0.9]), { kind: 'knowledge' }],
    ['an empty ranking goes to the knowledge base', rec(), { kind: 'knowledge' }],
  ])('%s', (_what, recognition, expected) => {
    expect(decideRoute(recognition)).toEqual(expected);
  });
});
