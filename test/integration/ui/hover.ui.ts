// UI steps acting as a user: open the fixture CSV, hover a coded cell, read the hover widget.
import type { UiStep } from './types';

export const steps: UiStep[] = [
  {
    name: 'hovering EndCode 46 in an IDS101 CSV shows its meaning',
    async run(ui) {
      await ui.openFile('IDS101_referral.csv');
      const text = await ui.hoverCell('LP0001', '46', 'Mutually agreed completion of treatment');
      ui.log(`hover text: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
      await ui.screenshot('hover');
    },
  },
];
