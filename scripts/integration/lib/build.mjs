// Builds the extension (node esbuild.mjs) and compiles the integration runner, suites and UI steps
// into out/integration/ (one bundle per file; vscode, mocha and playwright-core stay external).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { exec } from './steps.mjs';

export function repoRoot() {
  return path.resolve(import.meta.dirname, '..', '..', '..');
}

export async function buildExtension(root) {
  await exec(process.execPath, ['esbuild.mjs'], { cwd: root, timeoutMs: 5 * 60_000 });
  const main = path.join(root, 'dist', 'extension.js');
  if (!existsSync(main)) throw new Error(`the build did not produce ${main}`);
  return main;
}

function listTs(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Compiles test/integration/index.ts, every test/integration/suites/*.test.ts and every
 * test/integration/ui/*.ui.ts into outDir (default out/integration). Returns the compiled runner path and the lists of suites and UI steps.
 */
export async function compileIntegration(root, outDir = path.join(root, 'out', 'integration')) {
  const srcDir = path.join(root, 'test', 'integration');
  const suites = listTs(path.join(srcDir, 'suites'), '.test.ts');
  const uiSteps = listTs(path.join(srcDir, 'ui'), '.ui.ts');
  if (suites.length === 0) throw new Error(`no suites found in ${path.join(srcDir, 'suites')} (*.test.ts)`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(srcDir, 'index.ts'), ...suites, ...uiSteps],
    outdir: outDir,
    outbase: srcDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode'],
    plugins: [externalFromRepo(root)],
    logLevel: 'silent',
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const js = (file) => path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
  return { runner: path.join(outDir, 'index.js'), suites: suites.map(js), uiSteps: uiSteps.map(js) };
}

/**
 * mocha and playwright-core stay external but are required by absolute path (resolved from the repo), so the
 * compiled files also load from a scratch folder outside the repo.
 */
function externalFromRepo(root) {
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  return {
    name: 'external-from-repo',
    setup(build) {
      build.onResolve({ filter: /^(mocha|playwright-core)$/ }, (args) => ({ path: requireFromRoot.resolve(args.path), external: true }));
    },
  };
}

/** Copies the fixtures into a fresh workspace folder (tests never touch the repo's fixtures). */
export function prepareWorkspace(root, workspaceDir) {
  rmSync(workspaceDir, { recursive: true, force: true });
  mkdirSync(workspaceDir, { recursive: true });
  cpSync(path.join(root, 'test', 'integration', 'fixtures'), workspaceDir, { recursive: true });
  return workspaceDir;
}
