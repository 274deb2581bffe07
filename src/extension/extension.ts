// Extension entry point: creates the log channel and registers one feature per file.
// Everything is disposed through context.subscriptions.
import * as vscode from 'vscode';
import { registerOutcomeCommands } from './outcomes';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('IAPT Explorer', { log: true });
  context.subscriptions.push(log);
  log.info(`IAPT Explorer ${String(context.extension.packageJSON.version ?? '')} activating`);

  registerOutcomeCommands(context, log);

  log.info('IAPT Explorer activated');
}

export function deactivate(): void {
  // Nothing to do: every resource is disposed through context.subscriptions.
}
