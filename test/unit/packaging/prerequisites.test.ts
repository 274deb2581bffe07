// What `npm test` installs outside the repository is said in the README and in the message a non-root user reads.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const INSTALL = path.join(ROOT, 'scripts', 'integration', 'lib', 'install.mjs');

describe('packaging: test prerequisites', () => {
  let lib: { APT_PACKAGES: string[]; missingChromiumMessage(): string };
  before(async () => { lib = await import(INSTALL); });

  it('every package apt-get installs is listed in APT_PACKAGES', () => {
    const source = fs.readFileSync(INSTALL, 'utf8');
    const installed = [...source.matchAll(/aptInstall\(\[([^\]]*)\]\)/g)].flatMap((m) => m[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')));
    assert.ok(installed.length >= 2, 'found the apt-get calls');
    for (const p of installed) assert.ok(lib.APT_PACKAGES.includes(p), p);
  });

  it('the README test section names each package, apt-get, root and .tools/', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('npm ci && npm test'), readme.indexOf('Other commands:'));
    for (const p of lib.APT_PACKAGES) assert.ok(section.includes(`\`${p}\``), p);
    assert.match(section, /apt-get/);
    assert.match(section, /root/);
    assert.match(section, /`\.tools\/`/);
    assert.ok(section.includes(`sudo apt-get install -y ${lib.APT_PACKAGES.join(' ')}`));
  });

  it('a non-root user without Chromium is told what to install and the alternative', () => {
    const m = lib.missingChromiumMessage();
    assert.ok(m.includes(`sudo apt-get install -y ${lib.APT_PACKAGES.join(' ')}`), m);
    assert.match(m, /IAPT_CHROMIUM/);
    assert.match(m, /only when run as root/);
  });
});
