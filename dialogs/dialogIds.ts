/** Every dialog and prompt id, in one table. */
export const DialogIds = {
  main: 'main',
  selfSupport: 'selfSupport',
  topics: 'topics',
  reportProblem: 'reportProblem',
  reportOnBehalf: 'reportOnBehalf',
  billing: 'billingQuestion',
  ticketStatus: 'ticketStatus',
} as const;
export type DialogId = (typeof DialogIds)[keyof typeof DialogIds];

export const PromptIds = {
  text: 'textPrompt',
  yesNo: 'yesNoPrompt',
  choice: 'choicePrompt',
} as const;
