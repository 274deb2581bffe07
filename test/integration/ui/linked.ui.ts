// UI step acting as a user: open the IAPT view, choose a pathway in the quick pick, expand a table, click a row,
// and see the file opened at that line.
import type { UiStep } from './types';

export const steps: UiStep[] = [
  {
    name: 'IAPT view: choose a pathway, the tree shows it, clicking a row reveals its line',
    async run(ui) {
      if (!(await ui.openViewContainer('IAPT'))) return ui.skip('no IAPT view container contributed');
      const sidebar = ui.page.locator('.part.sidebar');
      await ui.runCommand('IAPT: Inspect Participant or Pathway…');
      const input = ui.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 60_000 });
      await input.fill('PW000000003');
      await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'PW000000003' }).first().waitFor({ timeout: 60_000 });
      await ui.page.keyboard.press('Enter');
      await sidebar.getByText(/^PW000000003: /).first().waitFor({ timeout: 60_000 });
      await sidebar.locator('.monaco-list-row', { hasText: 'IDS201' }).first().click();
      const row = sidebar.locator('.monaco-list-row', { hasText: 'IDS201.csv:' }).first();
      await row.waitFor({ timeout: 30_000 });
      const where = (await row.locator('.label-description').first().textContent()) ?? '';
      const line = Number(/IDS201\.csv:(\d+)/.exec(where)?.[1]);
      if (!line) throw new Error(`no file:line in the row's description: ${where}`);
      await row.click();
      await ui.page.locator('.tabs-container .tab', { hasText: 'IDS201.csv' }).first().waitFor({ timeout: 30_000 });
      // the status bar shows the cursor's line: the row's line
      await ui.page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line},`) }).first().waitFor({ timeout: 30_000 });
      await ui.screenshot('linked-tables');
    },
  },
];
