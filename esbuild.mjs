// Bundles the extension (Node, vscode external), the CLI (Node) and the webview script (browser).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/extension/outcomesWorker.ts'], outfile: 'dist/outcomesWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/extension/validateWorker.ts'], outfile: 'dist/validateWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/extension/linkingWorker.ts'], outfile: 'dist/linkingWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
];
// Score chart webview (browser script + stylesheet) into dist/webview/, the only folder its panel may load from.
builds.push(
  { ...common, entryPoints: ['src/webview/chart/main.ts'], outfile: 'dist/webview/chart.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/chart/chart.css'], outfile: 'dist/webview/chart.css', sourcemap: false },
);
// Webview page scripts (browser). Each media/<name>/main.ts becomes dist/media/<name>.js.
for (const page of ['scores']) {
  const entry = `media/${page}/main.ts`;
  if (existsSync(entry)) builds.push({ ...common, entryPoints: [entry], outfile: `dist/media/${page}.js`, platform: 'browser', format: 'iife', target: 'es2022' });
}

// A production build writes no source maps: remove those of an earlier development build, so none is left
// beside the minified files (a stale map would describe other code).
if (production) {
  for (const dir of ['dist', 'dist/media']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.map')) rmSync(join(dir, f));
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
