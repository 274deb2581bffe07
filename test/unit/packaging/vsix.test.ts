// The VSIX a user installs: `npm run package` is run as a user runs it, and the file list read from the package.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = path.join(__dirname, '..', '..', '..');
const VSIX = path.join(ROOT, 'dist', 'iapt-explorer.vsix');

/** Entries of a zip file from its central directory (name → contents). */
function readZip(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28); const extraLen = buf.readUInt16LE(p + 30); const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('packaging: the VSIX (npm run package)', function () {
  this.timeout(240_000);
  let files: Map<string, Buffer>;
  before(() => {
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe' });
    files = readZip(VSIX);
  });

  it('ships exactly what the extension uses', () => {
    const expected = [
      '[Content_Types].xml', 'extension.vsixmanifest',
      'extension/LICENSE.txt', 'extension/changelog.md', 'extension/readme.md', 'extension/package.json',
      'extension/language-configuration.json',
      'extension/dist/extension.js', 'extension/dist/outcomesWorker.js', 'extension/dist/linkingWorker.js', 'extension/dist/validateWorker.js',
      'extension/docs/validation-rules.md',
      'extension/media/icon.png', 'extension/media/iapt.svg', 'extension/media/screenshots/hover.png',
      'extension/media/chart.svg', 'extension/media/screenshots/chart.png',
      'extension/dist/webview/chart.js', 'extension/dist/webview/chart.css',
      'extension/syntaxes/iapt-csv.tmLanguage.json', 'extension/syntaxes/iapt-tsv.tmLanguage.json',
    ];
    // webview pages and their styles, when the build has any (dist/media/<page>.js, media/**/*.css)
    const optional = (n: string) => /^extension\/dist\/media\/[\w-]+\.js$/.test(n) || /^extension\/media\/[\w/-]+\.css$/.test(n);
    assert.deepEqual([...files.keys()].filter((n) => !optional(n)).sort(), expected.sort());
  });

  it('holds no source map, no CLI, no data file already bundled, no source or test', () => {
    for (const name of files.keys()) {
      assert.ok(!name.endsWith('.map'), name);
      assert.ok(!/\/(src|test|sample|data|scripts|node_modules)\//.test(name), name);
      assert.notEqual(name, 'extension/dist/cli.js');
    }
    assert.deepEqual(fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.map')), [], 'no stale map beside the production build');
    // the dictionary is in the bundle (the extension reads no data/ file at run time)
    assert.ok(files.get('extension/dist/extension.js')!.toString('utf8').includes('Mutually agreed completion of treatment'));
  });

  it('has a user-facing README (no developer steps, links only to shipped files), an icon, a CHANGELOG and the repository', () => {
    const readme = files.get('extension/readme.md')!.toString('utf8');
    assert.match(readme, /^# IAPT Explorer\n/);
    for (const dev of ['npm ci', 'npm test', 'npm run', 'ARCHITECTURE.md', 'git clone']) assert.ok(!readme.includes(dev), dev);
    for (const section of ['## Commands', '## Settings', '## Privacy']) assert.ok(readme.includes(section), section);
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `README names setting ${key}`);
    for (const c of manifest.contributes.commands) assert.ok(readme.includes(`${c.category}: ${c.title}`), `README names command ${c.title}`);
    for (const [, link] of readme.matchAll(/\]\(([^)]+)\)/g)) {
      if (/^https?:/.test(link)) continue;
      assert.ok(files.has(`extension/${link.split('#')[0]}`), `README link ${link} is shipped`);
    }
    assert.equal(manifest.icon, 'media/icon.png');
    const icon = files.get('extension/media/icon.png')!;
    assert.deepEqual([icon.subarray(1, 4).toString(), icon.readUInt32BE(16), icon.readUInt32BE(20)], ['PNG', 128, 128]);
    assert.match(manifest.repository.url, /^https:\/\//);
    assert.match(files.get('extension/changelog.md')!.toString('utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
  });
});
