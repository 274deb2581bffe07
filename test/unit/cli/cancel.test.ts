// Issue 12 item 2: Ctrl-C works during long steps. `iapt outcomes` runs in a child process on a folder holding a
// 100,000-column header (a quadratic step took minutes there) and a ~40 MB referral table; SIGINT is sent while
// it runs. It must stop with exit 130 ("cancelled", nothing written) within a few seconds of the signal.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('iapt outcomes: Ctrl-C during long steps', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-cancel-'));
    fs.writeFileSync(path.join(dir, 'a-wide.csv'), `${Array(100_000).fill('PathwayID').join(',')}\n1\n`);
    const header = 'PathwayID,ServiceRequestId,Person_ID,LocalPatientId,ReferralRequestReceivedDate,ServDischDate,TreatmentCareContact_Count,CompletedTreatment_Flag\n';
    const rows: string[] = [];
    for (let i = 0; i < 20_000; i++) rows.push(`PW${i},SR${i},P${i},L${i},2024-01-02,2024-04-30,2,True\n`);
    const block = rows.join('');
    const fd = fs.openSync(path.join(dir, 'IDS101.csv'), 'w');
    fs.writeSync(fd, header);
    for (let k = 0; k < 30; k++) fs.writeSync(fd, block.replace(/PW(\d+),SR/g, `PW${k}x$1,SR`));
    fs.closeSync(fd);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops within seconds of SIGINT with exit 130 and writes nothing', async () => {
    const out = path.join(dir, 'never.csv');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'outcomes', dir, '--out', out], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (c) => { stderr += String(c); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // wait until the child reads the folder's files (its SIGINT handler is installed by then), polling its open
    // files where /proc exists; else a fixed delay
    const started = Date.now();
    const readingInput = () => {
      try {
        return fs.readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
          try { return fs.readlinkSync(`/proc/${child.pid}/fd/${fd}`).startsWith(dir); } catch { return false; }
        });
      } catch { return Date.now() - started > 4000; }
    };
    while (!readingInput() && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    const after = Date.now() - signalled;
    assert.equal(code, 130, `exit ${code} (0 means the run finished before the signal: make the input bigger); ${stderr}`);
    assert.match(stderr, /cancelled; no output file written/);
    assert.ok(after < 10_000, `stopped ${after} ms after SIGINT`);
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  });
});
