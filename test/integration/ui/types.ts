// Contract for UI steps: files test/integration/ui/<feature>.ui.ts export `steps: UiStep[]`.
// The offline launcher (scripts/integration/run.mjs) runs them with Playwright in a workbench page
// where the extension is loaded for development (as a user would see it), after the mocha suites.
import type { Page } from 'playwright-core';

export interface UiStep {
  /** Shown in the results, e.g. 'hover shows the decoded EndCode'. */
  name: string;
  /** Throws to fail; call ui.skip(reason) to skip with a logged note. */
  run(ui: UiContext): Promise<void>;
}

export interface UiContext {
  /** The Playwright page showing the code-server workbench. */
  page: Page;
  /** Absolute path of the scratch workspace (a copy of test/integration/fixtures). */
  workspace: string;
  /** The extension's package.json (to check what is contributed). */
  manifest: Record<string, any>;
  log(message: string): void;
  /** Ends the step as skipped with a logged reason. */
  skip(reason: string): never;
  /** Saves test-output/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Opens a workspace file ('a.csv' or 'folder/a.csv') from the Explorer (double-click), waits for its editor. */
  openFile(relativePath: string): Promise<void>;
  /** Runs a command from the Command Palette (F1) by its title, e.g. 'IAPT: Describe Table'. */
  runCommand(title: string): Promise<void>;
  /**
   * Moves the mouse over the cell `cellText` of the editor line containing `lineMarker`, waits for the
   * hover widget (.monaco-hover) and returns its text once it contains `expect` (or any text).
   */
  hoverCell(lineMarker: string, cellText: string, expect?: string | RegExp): Promise<string>;
  /** Opens a contributed view container from the activity bar by its title; false when not contributed. */
  openViewContainer(title: string): Promise<boolean>;
}
