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
    name: 'the IAPT view opens',
    async run(ui) {
      const contributes = ui.manifest.contributes ?? {};
      const containers: { id: string; title: string }[] = contributes.viewsContainers?.activitybar ?? [];
      const container = containers.find((c) => /iapt/i.test(`${c.id} ${c.title}`));
      if (container) {
        if (!(await ui.openViewContainer(container.title))) throw new Error(`view container "${container.title}" did not open`);
        await ui.screenshot('iapt-view');
        return;
      }
      // A view placed in a built-in container (e.g. the Explorer): use its "Focus on <name> View" command.
      const views = Object.values((contributes.views ?? {}) as Record<string, { id: string; name: string }[]>).flat();
      const view = views.find((v) => /iapt/i.test(`${v.id} ${v.name}`));
      if (!view) return ui.skip('no IAPT view or view container is contributed in package.json yet');
      await ui.openFile('IDS101_referral.csv');
      await ui.runCommand(`Focus on ${view.name} View`);
      await ui.page.locator('.pane-header', { hasText: view.name }).first().waitFor({ timeout: 30_000 });
      await ui.screenshot('iapt-view');
    },
  },
];
