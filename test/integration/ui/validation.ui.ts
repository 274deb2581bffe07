// UI steps acting as a user: open a damaged CSV, hover the cell a spreadsheet damaged, see the problem and its
// quick fix; open the Problems panel.
import type { UiStep } from './types';

export const steps: UiStep[] = [
  {
    name: 'a spreadsheet-damaged code shows its problem and a quick fix on hover',
    async run(ui) {
      await ui.openFile('validation/IDS201.csv');
      const text = await ui.hoverCell('CC0002', '2', /lost its leading zero/);
      ui.log(`hover text: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
      await ui.screenshot('validation-quickfix');
      await ui.page.keyboard.press('Escape');
      await ui.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await ui.page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20_000 });
      await ui.screenshot('validation-problems');
    },
  },
];
