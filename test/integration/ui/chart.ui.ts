// UI steps acting as a user: "IAPT: Plot Scores" from the Command Palette, type-to-search the pathway, read the
// chart in the webview (dark and light themes), switch to the table and move through it with the keyboard, then
// reload the window and see the panel restored.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { generateExtract, type PathwayTruth } from '../../../src/core/synth';
import type { UiContext, UiStep } from './types';

const DEMO = 'chart-demo';

function chartFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Light ⇄ dark, as a user would from the palette (the workbench of the UI steps starts in a light theme). */
async function toggleTheme(ui: UiContext): Promise<void> {
  await ui.runCommand('Toggle between Light/Dark Themes');
  await ui.page.waitForTimeout(1_500);
}

/** Runs a command from the palette once the extension host has registered the extension (it loads after the page). */
async function runWhenRegistered(ui: UiContext, title: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await ui.page.keyboard.press('F1');
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(`>${title}`);
    const row = ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 3_000 });
      await ui.page.keyboard.press('Enter');
      return;
    } catch (err) {
      await ui.page.keyboard.press('Escape');
      if (Date.now() > deadline) throw err;
      await ui.page.waitForTimeout(2_000);
    }
  }
}

export const steps: UiStep[] = [
  {
    name: 'IAPT: Plot Scores draws a generated pathway (dark and light), table view by keyboard, restored after reload',
    async run(ui) {
      if (!ui.manifest.contributes?.commands?.some((c: { command: string }) => c.command === 'iapt.plotScores')) return ui.skip('no Plot Scores command');
      const dir = path.join(ui.workspace, DEMO);
      let dark = false;
      mkdirSync(dir, { recursive: true });
      try {
        await generateExtract({ out: dir, referrals: 30, seed: 'chart-ui', layout: 'nhs' });
        const truth = (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { pathways: PathwayTruth[] }).pathways
          .find((p) => p.finished_course && p.phq9_last !== null && p.anxiety_last !== null && p.reliable_improvement);
        if (!truth) throw new Error('no finished, improved pathway in the generated extract');
        const id = truth.pathway_id;
        ui.log(`pathway ${id}: PHQ-9 ${truth.phq9_first} → ${truth.phq9_last}`);

        await runWhenRegistered(ui, 'IAPT: Plot Scores');
        const input = ui.page.locator('.quick-input-widget input');
        await ui.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 60_000 });
        await input.fill(id);
        // the ID of this extract (the same ID may be in another extract of the workspace)
        const row = ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: id }).filter({ hasText: DEMO }).first();
        await row.waitFor({ timeout: 30_000 });
        await row.click();
        await ui.page.locator('.tabs-container .tab', { hasText: `Scores: ${id}` }).first().waitFor({ timeout: 30_000 });

        const frame = chartFrame(ui.page);
        await frame.locator('svg.panel g.pt').first().waitFor({ timeout: 60_000 });
        const first = await frame.locator('svg.panel[data-measure="PHQ-9"] g.pt.first').getAttribute('data-raw');
        const last = await frame.locator('svg.panel[data-measure="PHQ-9"] g.pt.last').getAttribute('data-raw');
        if (Number(first) !== truth.phq9_first || Number(last) !== truth.phq9_last) {
          throw new Error(`PHQ-9 first/last drawn ${first}/${last}, expected ${truth.phq9_first}/${truth.phq9_last}`);
        }
        await frame.getByText('Reliable improvement: yes').first().waitFor({ timeout: 10_000 });
        await ui.page.mouse.move(5, 5);
        await ui.screenshot('chart-light');
        await toggleTheme(ui);
        dark = true;
        await ui.screenshot('chart-dark');

        // table view: one row per point, arrow keys move between cells
        const points = await frame.locator('[data-point]').count();
        await frame.getByRole('button', { name: 'Table view' }).click();
        await frame.locator('table.data').first().waitFor({ timeout: 10_000 });
        const rows = await frame.locator('table.data tbody tr').count();
        if (rows !== points) throw new Error(`table has ${rows} rows for ${points} points`);
        await frame.locator('table.data thead th').first().focus();
        await ui.page.keyboard.press('ArrowDown');
        await ui.page.keyboard.press('ArrowRight');
        await ui.page.keyboard.press('ArrowRight');
        const focused = await frame.locator(':focus').innerText();
        const expected = await frame.locator('table.data tbody tr').first().locator('td').nth(1).innerText();
        if (focused !== expected) throw new Error(`keyboard focus on "${focused}", expected the first row's date "${expected}"`);
        await ui.screenshot('chart-table');
        await frame.getByRole('button', { name: 'Chart view' }).click();
        await frame.locator('svg.panel').first().waitFor({ timeout: 10_000 });

        // reload the window: the serializer restores the panel and the chart is drawn again
        await ui.runCommand('Developer: Reload Window');
        await ui.page.waitForTimeout(3_000);
        await ui.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await ui.page.locator('.tabs-container .tab', { hasText: `Scores: ${id}` }).first().waitFor({ timeout: 60_000 });
        await chartFrame(ui.page).locator('svg.panel g.pt').first().waitFor({ timeout: 90_000 });
        const restored = await chartFrame(ui.page).locator('h2', { hasText: id }).count();
        if (restored !== 1) throw new Error(`the restored panel does not show pathway ${id}`);
        await ui.screenshot('chart-restored');
      } finally {
        if (dark) await toggleTheme(ui).catch(() => undefined);
        await ui.runCommand('View: Close All Editors').catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
        // leave the linked-tables index as the next steps expect it: without this step's extract
        await ui.runCommand('IAPT: Rebuild Linked-Tables Index').catch(() => undefined);
        await ui.page.waitForTimeout(3_000);
      }
    },
  },
];
