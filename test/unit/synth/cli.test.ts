// `iapt generate` front end: argument checking and a small run.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs, UsageError } from '../../../src/cli/args';
import command from '../../../src/cli/generate';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough(); const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => { out += String(c); });
  const code = await command.run(parseArgs(argv, command.options), { stdout, stderr });
  return { code, out };
}

describe('iapt generate (CLI)', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'iapt-synth-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [argv, message] of [
    [['--referrals', '10'], /--out/],
    [['--out', dir], /--referrals/],
    [['--out', dir, '--referrals', '0'], /--referrals/],
    [['--out', dir, '--referrals', '1e3'], /--referrals/],
    [['--out', dir, '--referrals', '10', '--layout', 'csv'], /nhs or ukllc/],
    [['--out', dir, '--referrals', '10', '--defects', '2'], /between 0 and 1/],
    [['--out', dir, '--referrals', '10', '--corrupt-derived', 'x'], /between 0 and 1/],
  ] as [string[], RegExp][]) {
    it(`rejects ${argv.join(' ')}`, async () => {
      await assert.rejects(run(argv), (err: unknown) => err instanceof UsageError && message.test(err.message));
    });
  }

  it('writes the tables and the manifest and reports what it wrote', async () => {
    const out = join(dir, 'x');
    const r = await run(['--out', out, '--referrals', '30', '--seed', '5', '--layout', 'ukllc']);
    assert.equal(r.code, 0);
    assert.match(r.out, /30 referrals/);
    assert.ok(existsSync(join(out, 'manifest.json')));
    assert.ok(existsSync(join(out, 'IAPT_demographics_and_referral.csv')));
    assert.ok(!existsSync(join(out, '.manifest-pathways.tmp')), 'temporary files removed');
  });
});
