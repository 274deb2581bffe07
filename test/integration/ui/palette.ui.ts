// UI step acting as a user: run an IAPT command from the Command Palette and see its result.
import type { UiStep } from './types';

export const steps: UiStep[] = [
  {
    name: 'IAPT: Describe Table from the Command Palette opens the description',
    async run(ui) {
      await ui.openFile('IDS101_referral.csv');
      await ui.runCommand('IAPT: Describe Table');
      const tab = ui.page.locator('.tabs-container .tab', { hasText: '(IAPT table)' }).first();
      await tab.waitFor({ timeout: 30_000 });
      const editor = ui.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'IDS101' }).first();
      await editor.waitFor({ timeout: 30_000 });
      await ui.screenshot('describe-table');
      await ui.page.keyboard.press('Escape');
    },
  },
];
