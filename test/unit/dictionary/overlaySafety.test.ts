// Issue 12 item 5: user dictionaries cannot hang or break the extension. A pattern with catastrophic
// backtracking is refused at load (with its JSON path), an invalid regex or an id such as 'constructor' never
// makes the merge throw, and the good overlay files still apply.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinDictionary, dictionaryWithOverlays } from '../../../src/core/dictionary';
import { MAX_PATTERN_INPUT, unsafePatternReason } from '../../../src/core/dictionary/safeRegex';
import { FileTooLargeError, NotRegularFileError, readTextFileCapped } from '../../../src/core/files';

const overlay = (o: unknown) => JSON.stringify({ schema_version: 1, ...(o as object) });
const GOOD = { file: 'good.json', text: overlay({ codelists: { end_code: { source: ['local'], codes: [{ code: '77', meaning: 'Local pilot', versions: ['2.1'] }] } } }) };
const withPattern = (regex: string) => overlay({ codelists: { end_code: { source: ['local'], codes: [], pattern: { regex, description: 'mine' } } } });

describe('dictionary overlays: hostile user files', () => {
  it('refuses catastrophic-backtracking patterns at load, naming the JSON path; the good file still applies', () => {
    for (const regex of ['^(a+)+$', '^(a*)*b$', '^(a|aa)+$', '^(\\w+\\s?)*$', '(x+x+)+y', '^(.*a){20}$', '(a)\\1']) {
      const t0 = Date.now();
      const { dictionary, errors } = dictionaryWithOverlays([{ file: 'evil.json', text: withPattern(regex) }, GOOD]);
      assert.equal(errors.length, 1, regex);
      assert.equal(errors[0].path, '$.codelists.end_code.pattern.regex', regex);
      assert.match(errors[0].message, /evil\.json: \$\.codelists\.end_code\.pattern\.regex: /);
      assert.equal(dictionary.decode('EndCode', '77').meaning, 'Local pilot', 'the good file applies');
      // the evil pattern is not used: a 29-char cell (1.7 s before, doubling per char) answers at once
      assert.equal(dictionary.decode('EndCode', `${'a'.repeat(29)}!`).status, 'not-in-codelist');
      assert.ok(Date.now() - t0 < 2000, regex);
    }
  });

  it('accepts ordinary code patterns and uses them, but never on an over-long cell', () => {
    for (const regex of ['^[A-Z]\\d{2}(\\.\\d{1,2})?$', '^(F3[2-3]|F4[0-1])$', '^[0-9]{6,18}$', '^(?:ab)+$', '^([A-Z]\\d)+$']) assert.equal(unsafePatternReason(regex), null, regex);
    const { dictionary, errors } = dictionaryWithOverlays([{ file: 'ok.json', text: withPattern('^X[a-z]*$') }]);
    assert.deepEqual(errors, []);
    assert.equal(dictionary.decode('EndCode', 'Xabc').status, 'valid-no-meaning');
    assert.equal(dictionary.decode('EndCode', `X${'a'.repeat(MAX_PATTERN_INPUT - 1)}`).status, 'valid-no-meaning');
    assert.equal(dictionary.decode('EndCode', `X${'a'.repeat(MAX_PATTERN_INPUT)}`).status, 'not-in-codelist');
  });

  it('reports an invalid regex with its path instead of throwing; other files are kept', () => {
    const { dictionary, errors } = dictionaryWithOverlays([GOOD, { file: 'bad.json', text: withPattern('([') }]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, 'bad.json');
    assert.equal(errors[0].path, '$.codelists.end_code.pattern.regex');
    assert.match(errors[0].message, /not a valid regular expression/);
    assert.equal(dictionary.decode('EndCode', '77').meaning, 'Local pilot');
  });

  it("treats 'constructor', 'toString' and '__proto__' as ordinary code-list ids", () => {
    for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const field = { name: 'LocalFlag', ukllc_name: 'localflag', ukllc_name_status: 'inferred', label: 'Local flag', type: 'code', codelist: id, range: null, mandatory: null, versions: ['2.1'], origin: 'derived', source: ['local'] };
      // a field naming a list that does not exist: reported, not mistaken for Object.prototype's member
      const missing = dictionaryWithOverlays([{ file: 'ref.json', text: overlay({ tables: [{ id: 'IDS101', source: ['local'], fields: [field] }] }) }, GOOD]);
      assert.equal(missing.errors.length, 1, id);
      assert.match(missing.errors[0].message, new RegExp(`code list '${id}' of field IDS101.LocalFlag does not exist`));
      assert.equal(missing.dictionary.decode('EndCode', '77').meaning, 'Local pilot');
      // a list with that id: works like any other (JSON.parse keeps '__proto__' as an own key)
      const text = `{"schema_version":1,"tables":[{"id":"IDS101","source":["local"],"fields":[${JSON.stringify(field)}]}],"codelists":{${JSON.stringify(id)}:{"source":["local"],"codes":[{"code":"Y","meaning":"Yes here","versions":["2.1"]}]}}}`;
      const made = dictionaryWithOverlays([{ file: 'list.json', text }]);
      if (id === '__proto__') {
        // zod's record parser drops a '__proto__' key: the reference to it is then reported; nothing throws and
        // no prototype is touched
        assert.equal(made.errors.length, 1);
        assert.match(made.errors[0].message, /code list '__proto__' of field IDS101\.LocalFlag does not exist/);
        assert.equal(({} as Record<string, unknown>).codes, undefined);
      } else {
        assert.deepEqual(made.errors, [], id);
        assert.equal(made.dictionary.decode('LocalFlag', 'Y').meaning, 'Yes here', id);
      }
    }
    assert.equal(builtinDictionary().decode('EndCode', '77').status, 'not-in-codelist');
  });

  describe('reading a dictionary file', () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-dict-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('caps the size read: a link to /dev/zero and an over-long file are refused, not read forever', async () => {
      const zero = path.join(dir, 'zero.json');
      fs.symlinkSync('/dev/zero', zero);
      await assert.rejects(readTextFileCapped(zero, 1 << 20), (e: unknown) => e instanceof NotRegularFileError && /character device/.test(e.message));
      const big = path.join(dir, 'big.json');
      fs.writeFileSync(big, 'x'.repeat(2048));
      await assert.rejects(readTextFileCapped(big, 1024), FileTooLargeError);
      assert.equal(await readTextFileCapped(big, 2048), 'x'.repeat(2048));
    });

    it('refuses a FIFO at once instead of blocking', async function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, 'fifo.json');
      const { status } = require('node:child_process').spawnSync('mkfifo', [fifo]);
      assert.equal(status, 0);
      await assert.rejects(readTextFileCapped(fifo, 1024), (e: unknown) => e instanceof NotRegularFileError && /FIFO/.test(e.message));
    });
  });
});
