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
  {
    name: 'the IAPT view opens from the activity bar',
    async run(ui) {
      const containers: { id: string; title: string }[] = ui.manifest.contributes?.viewsContainers?.activitybar ?? [];
      const iapt = containers.find((c) => /iapt/i.test(`${c.id} ${c.title}`));
      if (!iapt) return ui.skip('no IAPT view container is contributed in package.json yet');
      if (!(await ui.openViewContainer(iapt.title))) throw new Error(`view container "${iapt.title}" did not open`);
      await ui.screenshot('iapt-view');
    },
  },
];
