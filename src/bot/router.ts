import type { Intent, Recognition } from '../nlu/types.js';

/** What the main dialog does with a message when no dialog is waiting for an answer. */
export type Route =
  | { kind: 'start'; intent: Exclude<Intent, 'help' | 'cancel' | 'change_language' | 'greeting' | 'none'> }
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'language' }
  | { kind: 'clarify'; options: [Intent, Intent] }
  | { kind: 'knowledge' };

export interface RouterThresholds {
  /** Below this, the top intent is not trusted on its own. */
  confident: number;
  /** When the runner-up is within this margin of the top, ask the user which one. */
  ambiguousMargin: number;
}

export const DEFAULT_THRESHOLDS: RouterThresholds = { confident: 0.5, ambiguousMargin: 0.15 };

const ACTIONABLE = new Set<Intent>(['report_problem', 'report_on_behalf', 'billing_question', 'ticket_status', 'kb_lookup']);

/**
 * Decides where a message goes. Pure: the same recognition always routes the same way.
 * A question nobody claims goes to the knowledge base, which says so when it has no answer.
 */
export function decideRoute(r: Recognition, th: RouterThresholds = DEFAULT_THRESHOLDS): Route {
  const [top, second] = r.ranked;
  if (!top || r.intent === 'none') return { kind: 'knowledge' };
  const close = second && ACTIONABLE.has(second.intent) && top.score - second.score < th.ambiguousMargin;
  if (r.score < th.confident || close) {
    if (second && ACTIONABLE.has(top.intent) && ACTIONABLE.has(second.intent) && top.score - second.score < th.ambiguousMargin) {
      return { kind: 'clarify', options: [top.intent, second.intent] };
    }
    if (r.score < th.confident) return { kind: 'knowledge' };
  }
  switch (r.intent) {
    case 'help':
    case 'greeting':
      return { kind: 'help' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'change_language':
      return { kind: 'language' };
    case 'kb_lookup':
    case 'report_problem':
    case 'report_on_behalf':
    case 'billing_question':
    case 'ticket_status':
      return { kind: 'start', intent: r.intent };
    default:
      return assertNever(r.intent);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected intent: ${String(value)}`);
}
