// Issue 12 items 3 and 4: a failed write is never reported as success, outputs never replace inputs nor follow
// links, and they are created 0600 (or keep the mode of the file replaced).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileWriteError, writeFileAtomic } from '../../../src/core/files';
import outcomes from '../../../src/cli/outcomes';
import generate from '../../../src/cli/generate';
import { runCli } from '../cli/run';

const ROOT = path.join(__dirname, '..', '..', '..');
const NHS_FIX = path.join(ROOT, 'test', 'fixtures', 'outcomes', 'nhs');
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const tempsIn = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

/** Copies a folder's files (bytes) into a new folder. */
function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const n of fs.readdirSync(from)) fs.copyFileSync(path.join(from, n), path.join(to, n));
}

function snapshot(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir).map((n) => [n, fs.readFileSync(path.join(dir, n), 'latin1')]));
}

describe('files/writeFileAtomic: safe outputs', function () {
  this.timeout(60_000);
  let tmp: string;
  let oldMask: number;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-write-'));
    oldMask = process.umask(0o022); // the usual umask: a plain create would give 0644
  });
  afterEach(() => {
    process.umask(oldMask);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a new output with mode 0600 and keeps the mode of a file it replaces', async () => {
    const fresh = path.join(tmp, 'new.csv');
    await writeFileAtomic(fresh, ['a,b\n', '1,2\n']);
    assert.equal(fs.readFileSync(fresh, 'utf8'), 'a,b\n1,2\n');
    assert.equal(mode(fresh).toString(8), '600');
    const old = path.join(tmp, 'old.csv');
    fs.writeFileSync(old, 'x');
    fs.chmodSync(old, 0o640);
    await writeFileAtomic(old, ['y']);
    assert.equal(fs.readFileSync(old, 'utf8'), 'y');
    assert.equal(mode(old).toString(8), '640');
    const private0600 = path.join(tmp, 'private.csv');
    fs.writeFileSync(private0600, 'x', { mode: 0o600 });
    await writeFileAtomic(private0600, ['z']);
    assert.equal(mode(private0600).toString(8), '600');
    assert.deepEqual(tempsIn(tmp), []);
  });

  it('refuses to replace an input: same path, another spelling, a hard link, a link to it', async () => {
    const input = path.join(tmp, 'IDS101.csv');
    fs.writeFileSync(input, 'PathwayID\nP1\n');
    fs.linkSync(input, path.join(tmp, 'hard.csv'));
    fs.symlinkSync(input, path.join(tmp, 'soft.csv'));
    for (const target of [input, path.join(tmp, '.', 'sub', '..', 'IDS101.csv'), path.join(tmp, 'hard.csv'), path.join(tmp, 'soft.csv')]) {
      fs.mkdirSync(path.join(tmp, 'sub'), { recursive: true });
      await assert.rejects(writeFileAtomic(target, ['clobbered'], { inputs: [input] }),
        (err: unknown) => err instanceof FileWriteError && err.reason === 'is-input' && err.message.includes(target), target);
    }
    assert.equal(fs.readFileSync(input, 'utf8'), 'PathwayID\nP1\n');
    assert.ok(fs.lstatSync(path.join(tmp, 'soft.csv')).isSymbolicLink());
    // another file next to the input is fine
    await writeFileAtomic(path.join(tmp, 'out.csv'), ['ok'], { inputs: [input] });
    assert.deepEqual(tempsIn(tmp), []);
  });

  it('names the path when the folder does not exist or the target is a folder, and leaves nothing behind', async () => {
    const target = path.join(tmp, 'no-such-folder', 'o.csv');
    await assert.rejects(writeFileAtomic(target, ['x']),
      (err: unknown) => err instanceof FileWriteError && err.reason === 'folder-missing' && err.path === target && /does not exist/.test(err.message));
    fs.mkdirSync(path.join(tmp, 'd.csv'));
    await assert.rejects(writeFileAtomic(path.join(tmp, 'd.csv'), ['x']),
      (err: unknown) => err instanceof FileWriteError && err.reason === 'not-a-file');
    assert.deepEqual(tempsIn(tmp), []);
  });

  it('removes the temp file and keeps the target when aborted mid-write', async () => {
    const target = path.join(tmp, 'o.csv');
    fs.writeFileSync(target, 'good');
    const ac = new AbortController();
    function* chunks() {
      for (let i = 0; i < 100; i++) {
        if (i === 50) ac.abort(new Error('stop'));
        yield 'x'.repeat(1 << 16);
      }
    }
    await assert.rejects(writeFileAtomic(target, chunks(), ac.signal), /stop/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'good');
    assert.deepEqual(tempsIn(tmp), []);
  });

  // A real failing disk: the child's file size limit (ulimit -f, in KiB) makes write() fail with EFBIG (Node
  // ignores SIGXFSZ), exactly like a full disk failing the write part-way.
  it('propagates a write that fails part-way (file size limit): target untouched, temp removed', () => {
    const target = path.join(tmp, 'o.csv');
    fs.writeFileSync(target, 'good\n');
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/core/files/write.ts'))}).writeFileAtomic(process.argv[1], ['x'.repeat(1 << 20)])`
      + `.then(() => { console.log('OK'); }, (e) => { console.log('ERR', e.name, e.reason, e.code, e.message); process.exitCode = 2; })`;
    const r = spawnSync('bash', ['-c', 'ulimit -f 64; exec "$0" --import tsx -e "$1" "$2"', process.execPath, script, target], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /^ERR FileWriteError write-failed EFBIG cannot write .*o\.csv: file too large/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'good\n');
    assert.deepEqual(tempsIn(tmp), []);
  });

  it('`iapt outcomes --out` exits 2 naming the path when the write fails, and keeps the old file', () => {
    const target = path.join(tmp, 'o.csv');
    fs.writeFileSync(target, 'good\n');
    const big = path.join(ROOT, 'sample', 'nhs');
    const r = spawnSync('bash', ['-c', 'ulimit -f 1; exec "$0" --import tsx src/cli/main.ts outcomes "$1" --out "$2"', process.execPath, big, target], { cwd: ROOT, encoding: 'utf8' });
    // without the limit the same run writes more than 1 KiB
    const produced = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'outcomes', big, '--out', path.join(tmp, 'full.csv')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(produced.status, 0, produced.stderr);
    assert.ok(fs.statSync(path.join(tmp, 'full.csv')).size > 1024, 'the output is bigger than the limit');
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot write .*o\.csv: file too large/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'good\n');
    assert.deepEqual(tempsIn(tmp), []);
  });

  it('`iapt outcomes` refuses --out/--summary/--disagreements that name an input table (exit 2, input unchanged)', async () => {
    const ex = path.join(tmp, 'ex');
    copyDir(NHS_FIX, ex);
    const before = snapshot(ex);
    for (const flag of ['--out', '--summary', '--disagreements']) {
      const r = await runCli(outcomes, [ex, flag, path.join(ex, 'IDS101.csv')]);
      assert.equal(r.code, 2, `${flag}: ${r.stderr}`);
      assert.match(r.stderr, /cannot write .*IDS101\.csv: it is one of the input files/);
    }
    assert.deepEqual(snapshot(ex), before);
    const ok = await runCli(outcomes, [ex, '--out', path.join(ex, 'outcomes.csv')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(mode(path.join(ex, 'outcomes.csv')).toString(8), '600');
  });

  it('`iapt generate` refuses a folder holding files (exit 2, files unchanged) and never writes through a link', async () => {
    const ex = path.join(tmp, 'extract');
    copyDir(NHS_FIX, ex);
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(victim, 'do not touch\n');
    fs.rmSync(path.join(ex, 'IDS201.csv'));
    fs.symlinkSync(victim, path.join(ex, 'IDS201.csv'));
    const before = snapshot(ex);
    const refused = await runCli(generate, ['--out', ex, '--referrals', '5']);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /cannot write .*extract: the folder is not empty .*--force/);
    assert.deepEqual(snapshot(ex), before);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'do not touch\n');
    // --force replaces the generator's own names: the link itself, never its target
    const forced = await runCli(generate, ['--out', ex, '--referrals', '5', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'do not touch\n');
    assert.ok(fs.lstatSync(path.join(ex, 'IDS201.csv')).isFile());
    for (const n of ['IDS101.csv', 'IDS201.csv', 'manifest.json']) assert.equal(mode(path.join(ex, n)).toString(8), '600', n);
    // a new folder is fine without --force
    const fresh = await runCli(generate, ['--out', path.join(tmp, 'new'), '--referrals', '5']);
    assert.equal(fresh.code, 0, fresh.stderr);
  });
});
