import { ActivityTypes, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { getTurnInfo } from '../src/bot/turn.js';
import { menuActions } from '../src/bot/menu.js';
import { parseYesNo } from '../src/language/yesNo.js';
import { DialogIds } from './dialogIds.js';

/**
 * Base of every feature dialog: "cancel" and "help" work from anywhere, once, here. (A change of
 * language is handled by the bot before dialogs run, because it decides the language of the turn.)
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    if (innerDc.context.activity.type !== ActivityTypes.Message) return undefined;
    const { t, recognition } = getTurnInfo(innerDc.context);
    // A short answer to the pending question ("ok", "нет", "好的") is never an interruption.
    if (parseYesNo(innerDc.context.activity.text ?? '') !== undefined) return undefined;
    switch (recognition?.intent) {
      case 'cancel':
        if (recognition.score < 0.8) return undefined;
        await innerDc.context.sendActivity(MessageFactory.suggestedActions(menuActions(t), t('cancel.done')));
        await innerDc.cancelAllDialogs(true);
        return { status: DialogTurnStatus.cancelled };
      case 'help':
        if (recognition.score < 0.8) return undefined;
        await innerDc.context.sendActivity(t('help.text'));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'ticket_status': {
        // "What's the status of SR-12?" while filing another: answer it on top of the stack; when it
        // ends, the question that was pending is asked again.
        const hasId = recognition.entities.some((e) => e.type === 'ticket_id');
        if (recognition.score < 0.6 || !hasId || this.id === DialogIds.ticketStatus) return undefined;
        if (!innerDc.findDialog(DialogIds.ticketStatus)) return undefined;
        const options = { question: innerDc.context.activity.text ?? '', entities: recognition.entities, glance: true };
        return innerDc.beginDialog(DialogIds.ticketStatus, options);
      }
      default:
        return undefined;
    }
  }
}
