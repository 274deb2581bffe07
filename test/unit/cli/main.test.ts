// The `iapt` entry point as a user meets it: help, --version, exit codes, one-line errors, colour only on a terminal,
// and the README's CLI table kept true to every command's --help.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMANDS } from '../../../src/cli/main';
import { runMain } from './run';

const ROOT = path.join(__dirname, '..', '..', '..');
const ESC = '\u001b';
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

async function loadAll() {
  return Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => ({ name, command: (await load()).default })));
}

describe('cli/main: the iapt entry point', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-main-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runMain([flag]);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${pkg.version}\n`, '']);
    }
  });

  it('--help lists every command; no argument is a usage error on stderr', async () => {
    const r = await runMain(['--help']);
    assert.equal(r.code, 0);
    for (const name of Object.keys(COMMANDS)) assert.match(r.stdout, new RegExp(`^  iapt ${name} `, 'm'), name);
    assert.match(r.stdout, /iapt --version/);
    const none = await runMain([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /Usage:/);
    const unknown = await runMain(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^iapt: unknown command 'frobnicate'/);
  });

  it('every command has --help with usage, options, examples and exit codes (0, 2 and 3 at least)', async () => {
    for (const { name, command } of await loadAll()) {
      for (const flag of ['--help', '-h']) {
        const r = await runMain([name, flag]);
        assert.equal(r.code, 0, name);
        assert.equal(r.stdout, `${command.usage}\n`);
      }
      const help = command.usage;
      assert.match(help, new RegExp(`^Usage: iapt ${name} `), name);
      assert.match(help, /\nExamples:\n  iapt /, name);
      for (const o of command.options) assert.ok(help.includes(`--${o.name}`), `${name} --help lists --${o.name}`);
      const codes = help.slice(help.indexOf('Exit codes:')).split('\n').slice(1).map((l) => Number(l.trim().split(/\s+/)[0]));
      for (const c of [0, 2, 3]) assert.ok(codes.includes(c), `${name} lists exit code ${c}: ${codes}`);
    }
  });

  it('the README CLI table lists every command, every option --help lists, and the file types read', async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const { name, command } of await loadAll()) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`iapt ${name}`));
      assert.ok(row, `README has a row for iapt ${name}`);
      for (const o of command.options) assert.ok(row.includes(`--${o.name}`), `README row of iapt ${name} lists --${o.name}`);
      const exit = /Exit ([^|]*)\|?\s*$/.exec(row);
      assert.ok(exit, `README row of iapt ${name} gives its exit codes`);
      const helpCodes = command.usage.slice(command.usage.indexOf('Exit codes:')).split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0]);
      for (const c of helpCodes) assert.ok(new RegExp(`\\b${c}\\b`).test(exit[1]), `README row of iapt ${name} lists exit code ${c}`);
    }
    assert.ok(readme.includes('`iapt --version`'));
    assert.match(readme, /\.csv, \.tsv and \.txt/);
  });

  it('usage errors: one message and a pointer to --help, exit 2', async () => {
    const r = await runMain(['outcomes', '--nope']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "iapt outcomes: unknown option --nope\n(run 'iapt outcomes --help' for usage)\n");
  });

  it('file errors are one line naming the path and what is wrong, exit 2, no temporary file left', async () => {
    const nhs = path.join(ROOT, 'test', 'fixtures', 'outcomes', 'nhs');
    const missingDir = path.join(tmp, 'no', 'such', 'dir', 's.json');
    const cases: [string[], string][] = [
      [['outcomes', nhs, '--summary', missingDir], `iapt outcomes: cannot write ${missingDir}: folder does not exist\n`],
      [['outcomes', nhs, '--out', tmp], `iapt outcomes: cannot write ${tmp}: is a folder (give a file name)\n`],
      [['outcomes', nhs, '--thresholds', path.join(tmp, 'no.json')], `iapt outcomes: cannot read ${path.join(tmp, 'no.json')}: no such file or folder\n`],
      [['outcomes', path.join(tmp, 'nonexistent')], `iapt outcomes: cannot read ${path.join(tmp, 'nonexistent')}: no such file or folder\n`],
      [['tables', path.join(tmp, 'nonexistent')], `iapt tables: cannot read ${path.join(tmp, 'nonexistent')}: no such file or folder\n`],
      [['outcomes', nhs, '--out', path.join(nhs, 'IDS101.csv')], `iapt outcomes: cannot write ${path.join(nhs, 'IDS101.csv')}: it is one of the input files (your data files are never overwritten)\n`],
      [['outcomes', nhs, '--out', path.join(tmp, 'a.csv'), '--disagreements', path.join(tmp, 'a.csv')], `iapt outcomes: cannot write ${path.join(tmp, 'a.csv')} twice (given for two outputs)\n`],
      [['generate', '--out', path.join(nhs, 'IDS101.csv'), '--referrals', '2'], `iapt generate: cannot write ${path.join(nhs, 'IDS101.csv')}: it is a file, not a folder\n`],
    ];
    const before = fs.readdirSync(nhs).sort();
    for (const [argv, message] of cases) {
      const r = await runMain(argv);
      assert.equal(r.stderr, message, argv.join(' '));
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(fs.readdirSync(nhs).sort(), before, 'no file added to the input folder');
    assert.deepEqual(fs.readdirSync(tmp), [], 'nothing written, no temporary file left');
  });

  it('a folder that becomes unwritable during the run: the error names the target, not the temporary file', async function () {
    if (process.getuid?.() === 0) this.skip(); // root writes anywhere
    const ro = path.join(tmp, 'ro');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      const target = path.join(ro, 'o.csv');
      const r = await runMain(['outcomes', path.join(ROOT, 'test', 'fixtures', 'outcomes', 'nhs'), '--out', target]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `iapt outcomes: cannot write ${target}: permission denied\n`);
    } finally {
      fs.chmodSync(ro, 0o700);
      fs.rmSync(ro, { recursive: true });
    }
  });

  it('colour only on a terminal without NO_COLOR', async () => {
    const tty = await runMain(['outcomes', '--nope'], { tty: true, env: {} });
    assert.ok(tty.stderr.includes(`${ESC}[`), 'a terminal gets colour');
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
      const r = await runMain(['outcomes', '--nope'], { tty: true, env });
      assert.ok(!r.stderr.includes(ESC), JSON.stringify(env));
      assert.equal(r.stderr, "iapt outcomes: unknown option --nope\n(run 'iapt outcomes --help' for usage)\n");
    }
    const piped = await runMain(['outcomes', '--nope'], { env: {} });
    assert.ok(!piped.stderr.includes(ESC), 'not a terminal: no escapes');
  });

  it('as a child process (stdout and stderr are pipes): no escapes anywhere, exit codes as documented', () => {
    const run = (...argv: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts'), ...argv], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1', TERM: 'xterm-256color' },
    });
    const ok = run('tables', path.join(ROOT, 'sample', 'nhs', 'IDS101.csv'));
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(!ok.stdout.includes(ESC) && !ok.stderr.includes(ESC));
    const bad = run('outcomes', path.join(ROOT, 'sample'));
    assert.equal(bad.status, 2);
    assert.ok(!bad.stderr.includes(ESC));
    assert.match(bad.stderr, /^iapt outcomes: the paths hold 3 separate extracts/);
    assert.equal(run('--version').stdout, `${pkg.version}\n`);
  });
});
