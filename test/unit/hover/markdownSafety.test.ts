// Issue 12 item 10: the hover check parses the rendered markdown (markdown-it, configured like VS Code's
// renderer: html and linkify on) instead of pattern-matching it. For every hostile value, the hover's token
// structure must be exactly that of a benign value (no link, image, code span, emphasis, HTML, heading… comes
// from data), and its visible text must hold the value itself.
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { describeCell, renderHoverMarkdown } from '../../../src/core/hover';
import { dict, NEVER_RAW, nhsTable } from './fixtures';

const md = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<MarkdownIt['parse']>[number];

/** Token types (nested into inline children), the skeleton of a document. */
function skeleton(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'inline' && t.children) out.push(...skeleton(t.children).filter((x) => x !== 'text' && x !== 'text_special'));
    else if (t.type !== 'text' && t.type !== 'text_special') out.push(t.type);
  }
  return out;
}

function plainText(tokens: Token[]): string {
  return tokens.map((t) => (t.children ? plainText(t.children) : t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline' ? t.content : ' ')).join('');
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1103515245 + 12345) >>> 0; return s / 2 ** 32; };
}

const PUNCT = '\\`*_{}[]()#+-.!|<>~"\'&$%/:;=?@^,';
const PIECES = ['[x](command:workbench.action.terminal.new)', '![i](https://e.example/x.png)', '<img src=x>', '<!-- c -->',
  '`c`', '**b**', '_e_', '~~s~~', 'https://evil.example', 'www.evil.example', 'a@b.example', '&lt;', '&#91;', '$(zap)',
  '\\[x](y)', '\\\\[x](y)', '[x]: https://e', '<https://e>', '# h', '- l', '> q', '1. n', '---', '| a | b |', '\u202e', 'x'];

/** The generated corpus: fixed attacks, every punctuation char alone and doubled, random mixtures. */
function corpus(): string[] {
  const out = [...PIECES];
  for (const c of PUNCT) out.push(c, c + c, `a${c}b${c}c`);
  const r = rng(12);
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = 1 + Math.floor(r() * 6);
    for (let k = 0; k < n; k++) {
      const pick = r();
      s += pick < 0.4 ? PIECES[Math.floor(r() * PIECES.length)] : pick < 0.8 ? PUNCT[Math.floor(r() * PUNCT.length)] : 'ab '[Math.floor(r() * 3)];
    }
    out.push(s);
  }
  return out;
}

/** Every string in a hover model with `value` replaced by a benign placeholder (same meaning, harmless text). */
function defanged<T>(model: T, value: string): T {
  const swap = (x: unknown): unknown => {
    // the value itself, or inside prose (a string with a space); never inside enum-like strings ('not-in-codelist')
    if (typeof x === 'string') return x === value ? 'zzz' : value.length >= 3 && x.includes(' ') ? x.split(value).join('zzz') : x;
    if (Array.isArray(x)) return x.map(swap);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, swap(v)]));
    return x;
  };
  return swap(model) as T;
}

/**
 * The hover models of one value: as a code of a coded column, in an unknown column (also as its header) and as a
 * score; each with its defanged twin (what the same hover would be with harmless text).
 */
function hovers(value: string): { hostile: string; benign: string }[] {
  const header = ['ServiceRequestId', 'EndCode', value, 'PHQ9_FirstScore'];
  const table = nhsTable('IDS101', header);
  const row = ['SR1', value, value, value];
  const models = [1, 2, 3].map((column) => describeCell(dict, { table, header, row, column })!)
    .concat(describeCell(dict, { table, header, row: null, column: 2 })!);
  return models.map((m) => ({ hostile: renderHoverMarkdown(m), benign: renderHoverMarkdown(defanged(m, value)) }));
}

describe('hover: rendered markdown parsed by markdown-it holds no markup from data', () => {
  it('benign and hostile values give the same token structure; the text shows the value', () => {
    let checked = 0;
    for (const value of corpus().filter((v) => v.trim() !== '')) { // blank values have their own hover
      const got = hovers(value);
      got.forEach(({ hostile: h, benign }, k) => {
        const tokens = md.parse(h, {});
        assert.deepEqual(skeleton(tokens), skeleton(md.parse(benign, {})), `value ${JSON.stringify(value)} hover ${k}:\n${h}`);
        const text = plainText(tokens);
        const shown = value.replace(/\u202e/g, '⟨U+202E⟩');
        if (shown.length <= 100) assert.ok(text.includes(shown.trim()), `value ${JSON.stringify(value)} not shown as itself in ${JSON.stringify(text)}`);
        assert.doesNotMatch(md.render(h), /<(a|img|h\d|script|code)[\s>]|<!--/i, h);
        checked++;
      });
    }
    assert.ok(checked > 1000, `${checked} hovers checked`);
    console.log(`      (${checked} hovers checked)`);
  });

  it('the text-level check (NEVER_RAW) sees a live bracket after an escaped backslash', () => {
    assert.match('\\\\[x](y)', NEVER_RAW);
    assert.doesNotMatch('\\[x\\](y)', NEVER_RAW);
    assert.match('a]', NEVER_RAW);
  });

  it('shows a right-to-left override by name instead of applying it', () => {
    const h = hovers('abc\u202edef')[1].hostile;
    assert.ok(!h.includes('\u202e'));
    assert.match(h, /abc⟨U\+202E⟩def/);
  });
});
