import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { commandLinkTarget } from '../../../src/core/hover';

// The hover on an ID cell offers "Inspect" / "Plot scores" command links whose arguments carry the ID and the
// extract folder, both from the user's files. Whatever they hold, the link must stay one link to our command with
// exactly those arguments.
const hostile = [
  '/data/extract (2024)/IDS101.csv',
  'PW1) [evil](command:workbench.action.terminal.new)',
  "it's ~*! odd",
  'a"b\\c`d<e>&f',
  'line\nbreak\ttab',
  '\u202Ereversed',
];

describe('hover/commandLinkTarget', () => {
  it('keeps every argument intact and makes one link to our command only', () => {
    const md = new MarkdownIt();
    for (const value of hostile) {
      const args = [{ kind: 'pathway', id: value, folder: value }];
      const target = commandLinkTarget('iapt.inspect', args);
      assert.match(target, /^command:iapt\.inspect\?[A-Za-z0-9%._-]*$/, `unsafe character in target for ${JSON.stringify(value)}`);
      const html = md.render(`[Inspect](${target} "title")`);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.equal(hrefs.length, 1, html);
      const href = hrefs[0].replace(/&amp;/g, '&');
      assert.ok(href.startsWith('command:iapt.inspect?'), href);
      assert.deepEqual(JSON.parse(decodeURIComponent(href.slice('command:iapt.inspect?'.length))), args);
    }
  });

  it('encodes the parentheses that encodeURIComponent leaves as they are', () => {
    const target = commandLinkTarget('x.y', ['(a)']);
    assert.ok(!target.includes('(') && !target.includes(')'), target);
    assert.ok(target.includes('%28') && target.includes('%29'), target);
  });
});
