// UI check layer: Playwright steps acting as a user in the workbench page (see test/integration/ui/types.ts).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { log } from './steps.mjs';

const require = createRequire(import.meta.url);

class SkipStep extends Error {}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Finds the centre of the first character of a cell in the rendered editor line containing `marker`. */
async function cellPoint(page, marker, cell) {
  return page.evaluate(
    ({ marker, cell }) => {
      const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
      const line = lines.find((element) => (element.textContent ?? '').replace(/\u00a0/g, ' ').includes(marker));
      if (!line) return { error: `no rendered editor line contains "${marker}"` };
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      let offset = 0;
      let start = -1;
      for (const field of text.split(/[,;|\t]/)) {
        if (field.trim() === cell) {
          start = offset + field.indexOf(cell);
          break;
        }
        offset += field.length + 1;
      }
      if (start < 0) return { error: `no cell "${cell}" in rendered line: ${text}` };
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let position = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = (node.textContent ?? '').length;
        if (start < position + length) {
          const range = document.createRange();
          range.setStart(node, start - position);
          range.setEnd(node, start - position + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        position += length;
      }
      return { error: `could not measure cell "${cell}"` };
    },
    { marker, cell },
  );
}

export function makeUiContext({ page, workspace, manifest, screenshotsDir }) {
  const ui = {
    page,
    workspace,
    manifest,
    log: (message) => log(`  ui: ${message}`),
    skip(reason) {
      throw new SkipStep(reason);
    },
    async screenshot(name) {
      mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async openFile(relativePath) {
      // As a user would: expand the folders in the Explorer, then double-click the file (a pinned editor).
      // (Clicking the Explorer icon while the Explorer is shown would hide the side bar: only click when hidden.)
      if (!(await page.locator('.explorer-folders-view').isVisible())) {
        await page.locator('.part.activitybar .action-label[aria-label^="Explorer"]').first().click();
        await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
      }
      await page.mouse.move(700, 400); // away from the activity bar, so no tooltip covers the tree
      const parts = relativePath.split('/');
      for (const [i, part] of parts.entries()) {
        const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${part}"]`).first();
        await row.waitFor({ timeout: 30_000 });
        if (i < parts.length - 1) {
          if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
        } else {
          await row.dblclick();
        }
      }
      const name = parts[parts.length - 1];
      await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
      await page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor({ timeout: 30_000 });
    },
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 30_000 });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Enter');
    },
    async hoverCell(lineMarker, cellText, expect) {
      const hover = page.locator('.monaco-hover:visible');
      const deadline = Date.now() + 60_000;
      let lastText = '';
      // Retry: the extension may still be activating when the mouse first arrives (the hover is then empty).
      while (Date.now() < deadline) {
        const point = await cellPoint(page, lineMarker, cellText);
        if (point.error) throw new Error(point.error);
        await page.mouse.move(5, 5);
        await page.mouse.move(point.x, point.y, { steps: 5 });
        try {
          await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
          await page.waitForTimeout(500); // let the hover finish rendering its markdown
          lastText = (await hover.first().innerText()).trim();
          const ok = expect === undefined ? lastText.length > 0 : typeof expect === 'string' ? lastText.includes(expect) : expect.test(lastText);
          if (ok) return lastText;
        } catch {
          /* no hover yet: move away and try again */
        }
        await page.waitForTimeout(1_000);
      }
      throw new Error(`no hover over "${cellText}" (line with "${lineMarker}") containing ${expect ?? 'text'}; last hover text: ${JSON.stringify(lastText)}`);
    },
    async openViewContainer(title) {
      const containers = manifest.contributes?.viewsContainers?.activitybar ?? [];
      if (!containers.some((c) => c.title === title)) return false;
      const item = page.locator(`.part.activitybar .action-item .action-label[aria-label^="${title}"]`).first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      await page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor({ timeout: 30_000 });
      return true;
    },
  };
  return ui;
}

/** Loads compiled *.ui.js files and runs their steps in order. Returns [{ name, state, error? }]. */
export async function runUiSteps({ files, ui, stepTimeoutMs = 120_000 }) {
  const results = [];
  for (const file of files) {
    let steps;
    try {
      steps = require(file).steps;
      if (!Array.isArray(steps)) throw new Error('it does not export `steps: UiStep[]`');
    } catch (error) {
      results.push({ name: path.basename(file), state: 'failed', error: `could not load: ${error.message}` });
      log(`  ✗ FAIL ui ${path.basename(file)}: could not load: ${error.message}`);
      continue;
    }
    for (const step of steps) {
      const title = `ui › ${path.basename(file, '.ui.js')} › ${step.name}`;
      // Each step starts from a clean editor area (steps share one page).
      try {
        await ui.page.keyboard.press('Escape');
        await withTimeout(ui.runCommand('View: Close All Editors'), 40_000, 'close all editors');
        await ui.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
      } catch (error) {
        log(`  note: could not close the editors before "${step.name}": ${String(error.message).split('\n')[0]}`);
      }
      try {
        await withTimeout(step.run(ui), stepTimeoutMs, title);
        results.push({ name: title, state: 'passed' });
        process.stdout.write(`  ✓ PASS ${title}\n`);
      } catch (error) {
        if (error instanceof SkipStep) {
          results.push({ name: title, state: 'pending', error: error.message });
          process.stdout.write(`  - SKIP ${title} (${error.message})\n`);
          continue;
        }
        // eslint-disable-next-line no-control-regex
        const message = String(error.message).replace(/\u001b\[[0-9;]*m/g, '');
        results.push({ name: title, state: 'failed', error: message });
        process.stdout.write(`  ✗ FAIL ${title}\n      ${message.split('\n').join('\n      ')}\n`);
        await ui.screenshot(`failed-${path.basename(file, '.ui.js')}-${step.name}`).catch(() => undefined);
        await ui.page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  }
  return results;
}
