// "IAPT: Compute Outcomes" command (first minimal version; the real implementation follows).
import * as vscode from 'vscode';

export const COMPUTE_OUTCOMES_COMMAND = 'iapt.computeOutcomes';

export function registerOutcomeCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMPUTE_OUTCOMES_COMMAND, async () => {
      log.info('IAPT: Compute Outcomes is not ready yet in this build.');
      void vscode.window.showInformationMessage('IAPT: Compute Outcomes is not ready yet in this build.');
    }),
  );
}
