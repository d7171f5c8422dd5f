import type { Dialog } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { Directory } from '../../src/tickets/directory.js';
import type { Clock, TicketStore } from '../../src/tickets/types.js';
import type { ArticleLink } from '../answers.js';
import { BillingQuestionDialog } from '../billingQuestionDialog.js';
import { ReportOnBehalfDialog } from '../reportOnBehalfDialog.js';
import { ReportProblemDialog } from '../reportProblemDialog.js';
import { TicketStatusDialog } from '../ticketStatusDialog.js';

export { openTicketStore } from '../../src/tickets/lowdbTicketStore.js';
export { openDirectory } from '../../src/tickets/directory.js';

export interface TicketDialogDeps {
  tickets: TicketStore;
  directory: Directory;
  knowledge: KnowledgeBase;
  articleLink: ArticleLink;
  clock?: Clock;
}

/** The four ticket dialogs, for MainDialog's `dialogs` list. */
export function createTicketDialogs(deps: TicketDialogDeps): Dialog[] {
  const withClock = { ...deps, clock: deps.clock ?? (() => new Date()) };
  return [
    new ReportProblemDialog(withClock),
    new ReportOnBehalfDialog(withClock),
    new BillingQuestionDialog(withClock),
    new TicketStatusDialog(withClock),
  ];
}
