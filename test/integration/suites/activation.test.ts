import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, manifest } from '../util';

describe('activation', () => {
  it('loads and activates the extension under test', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true, `${EXTENSION_ID} did not become active`);
  });

  it('measures its own activation time (figure for the README; no timing assertion)', () => {
    const api = extension().exports as { activationTime(): { activateMs: number; withModuleLoadMs: number } };
    const t = api.activationTime();
    assert.ok(Number.isFinite(t.activateMs) && t.activateMs > 0, `activateMs ${t.activateMs}`);
    // loading the modules comes before activate() runs: the total includes the body
    assert.ok(t.withModuleLoadMs >= t.activateMs, `withModuleLoadMs ${t.withModuleLoadMs} < activateMs ${t.activateMs}`);
    console.log(`      IAPT Explorer activated in ${t.activateMs.toFixed(1)} ms (${t.withModuleLoadMs.toFixed(1)} ms including module load)`);
  });

  it('registers every command it contributes in package.json', async () => {
    const contributed: string[] = (manifest().contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered at activation: ${missing.join(', ')}`);
  });
});
