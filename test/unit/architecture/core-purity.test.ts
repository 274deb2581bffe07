import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('src/core never imports the vscode API', () => {
    const offenders = tsFiles(join(__dirname, '../../../src/core')).filter((f) =>
      /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('src/cli never imports the vscode API', () => {
    const offenders = tsFiles(join(__dirname, '../../../src/cli')).filter((f) => /['"]vscode['"]/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
