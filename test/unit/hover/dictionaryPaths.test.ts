// The choice of user dictionary files by settings level and workspace trust (src/extension/dictionaryPaths.ts
// is vscode-free on purpose so this runs here).
import { strict as assert } from 'node:assert';
import { selectDictionaryPaths } from '../../../src/extension/dictionaryPaths';

describe('extension: dictionary paths by trust', () => {
  const settings = [
    { level: 'user' as const, value: ['~/dicts/mine.json', '/abs/shared.json'], base: '/ws' },
    { level: 'workspace' as const, value: ['local/project.json'], base: '/ws' },
    { level: 'folder' as const, value: ['../evil.json', '/abs/shared.json'], base: '/ws/sub' },
  ];

  it('takes every level in a trusted workspace, resolving ~ and relative paths, without duplicates', () => {
    const s = selectDictionaryPaths(settings, true, '/home/me');
    assert.deepEqual(s.paths.map((p) => [p.resolved, p.level]), [
      ['/home/me/dicts/mine.json', 'user'],
      ['/abs/shared.json', 'user'],
      ['/ws/local/project.json', 'workspace'],
      ['/ws/evil.json', 'folder'],
    ]);
    assert.equal(s.skipped, 0);
  });

  it('takes only the user value in an untrusted workspace and counts what it skipped', () => {
    const s = selectDictionaryPaths(settings, false, '/home/me');
    assert.deepEqual(s.paths.map((p) => p.level), ['user', 'user']);
    assert.equal(s.skipped, 3);
  });

  it('does not resolve a relative user path against the folder of an untrusted workspace', () => {
    const s = selectDictionaryPaths([{ level: 'user', value: ['dictionary.json', '/abs/mine.json'], base: '/ws' }], false, '/home/me');
    assert.deepEqual(s.paths.map((p) => p.resolved), ['/abs/mine.json']);
    assert.deepEqual(s.unresolved, ['dictionary.json']);
    const trusted = selectDictionaryPaths([{ level: 'user', value: ['dictionary.json'], base: '/ws' }], true, '/home/me');
    assert.deepEqual(trusted.paths.map((p) => p.resolved), ['/ws/dictionary.json']);
  });

  it('ignores non-string entries and a non-array value; reports relative paths with no folder', () => {
    const s = selectDictionaryPaths([
      { level: 'user', value: [42, '', '  ', 'rel.json'] },
      { level: 'workspace', value: 'not-an-array.json', base: '/ws' },
    ], true, '/home/me');
    assert.deepEqual(s.paths, []);
    assert.deepEqual(s.unresolved, ['rel.json']);
  });
});
