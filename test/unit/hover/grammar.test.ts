// The rainbow-column grammars (syntaxes/iapt-*.tmLanguage.json) run through the same scan TextMate does:
// the column regex is applied again from where the last match ended until the line is consumed.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const load = (name: string) => JSON.parse(readFileSync(path.join(root, 'syntaxes', name), 'utf8'));

interface Token { text: string; scope: string }

/** Tokenises one line (with the '\n' TextMate appends) into column tokens. */
function columns(grammar: any, line: string): Token[] {
  const rule = grammar.repository.columns;
  const re = new RegExp(rule.match, 'gm'); // 'm': like Oniguruma, $ is the end of the line (before the appended '\n')
  const text = line + '\n';
  const out: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    assert.ok(m[0].length > 0, `empty match at ${m.index} in ${JSON.stringify(line)}`);
    for (let g = 1; g < m.length; g++) if (m[g] !== undefined) out.push({ text: m[g], scope: rule.captures[String(g)].name });
    pos = m.index + m[0].length;
  }
  return out;
}

describe('grammar: rainbow columns', () => {
  const csv = load('iapt-csv.tmLanguage.json');
  const tsv = load('iapt-tsv.tmLanguage.json');

  it('splits plain CSV fields and gives neighbours different scopes', () => {
    const t = columns(csv, 'PathwayID,EndCode,ReferralRequestReceivedDate');
    assert.deepEqual(t.map((x) => x.text), ['PathwayID', 'EndCode', 'ReferralRequestReceivedDate']);
    assert.equal(new Set(t.map((x) => x.scope)).size, 3);
  });

  it('does not split on a delimiter inside quotes, with doubled quotes', () => {
    const t = columns(csv, 'P1,"Smith, ""Jo""",46,"a,b,c"');
    assert.deepEqual(t.map((x) => x.text), ['P1', '"Smith, ""Jo"""', '46', '"a,b,c"']);
  });

  it('keeps empty fields in place so colours stay aligned with the header', () => {
    const t = columns(csv, 'a,,c,');
    assert.deepEqual(t.map((x) => x.text), ['a', '', 'c']);
    assert.equal(t[2].scope, columns(csv, 'x,y,z')[2].scope);
  });

  it('cycles the 8 column scopes along long rows', () => {
    const t = columns(csv, Array.from({ length: 20 }, (_, i) => `c${i}`).join(','));
    assert.equal(t.length, 20);
    assert.equal(t[8].scope, t[0].scope);
    assert.equal(t[17].scope, t[9].scope);
    assert.equal(new Set(t.slice(0, 8).map((x) => x.scope)).size, 8);
  });

  it('colours an unclosed quoted cell to the end of its line without an empty match', () => {
    const t = columns(csv, 'P1,"starts here, continues');
    assert.deepEqual(t.map((x) => x.text), ['P1', '"starts here, continues']);
    assert.deepEqual(columns(csv, ''), []);
  });

  it('splits TSV on tabs, not commas', () => {
    const t = columns(tsv, 'a,b\t"c\td"\te');
    assert.deepEqual(t.map((x) => x.text), ['a,b', '"c\td"', 'e']);
  });

  it('uses standard theme scopes, so any colour theme colours the columns', () => {
    const scopes = Object.values(csv.repository.columns.captures).map((c: any) => c.name as string);
    for (const s of scopes) assert.match(s, /^(entity|keyword|string|constant|variable|support|storage)\./);
  });

  it('is contributed only for the csv and tsv language ids, with matching scope names', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const grammars = pkg.contributes.grammars as { language: string; scopeName: string; path: string }[];
    assert.deepEqual(grammars.map((g) => g.language).sort(), ['csv', 'tsv']);
    for (const g of grammars) {
      assert.ok(existsSync(path.join(root, g.path)), g.path);
      assert.equal(load(path.basename(g.path)).scopeName, g.scopeName);
    }
  });
});
