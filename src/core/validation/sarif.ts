// SARIF 2.1.0 log of validation findings, for code-scanning tools (types from @types/sarif).
import type * as Sarif from 'sarif';
import type { Catalogue } from './catalogue';
import type { Finding, Severity } from './types';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note' };

/** The rule's anchor in docs/validation-rules.md (GitHub-style: the id in lower case). */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase();
}

export function toSarif(findings: readonly Finding[], cat: Catalogue, tool: { name: string; version: string }, uriOf: (file: string) => string): Sarif.Log {
  const used = [...new Set(findings.map((f) => f.rule))].sort();
  const describe = (id: string): Sarif.ReportingDescriptor => {
    const rule = cat.rules.find((r) => r.id === id);
    if (rule) {
      return { id, name: rule.catalogueKind, shortDescription: { text: rule.officialMessage }, properties: { catalogueSeverity: rule.catalogueSeverity, table: rule.table, group: rule.group, source: 'NHS England IAPT v2.0 validation catalogue' }, defaultConfiguration: { level: LEVEL[rule.severity] } };
    }
    const check = cat.checks.project_checks.find((c) => c.id === id);
    return { id, name: check?.title ?? id, shortDescription: { text: check?.title ?? id }, fullDescription: check ? { text: check.description } : undefined, properties: { group: check?.group ?? '', source: 'IAPT Explorer project check' }, defaultConfiguration: { level: LEVEL[check?.severity ?? 'warning'] } };
  };
  const index = new Map(used.map((id, i) => [id, i]));
  const location = (file: string, line: number, column: number, message?: string): Sarif.Location => ({
    physicalLocation: { artifactLocation: { uri: uriOf(file) }, region: { startLine: Math.max(1, line), ...(column > 0 ? { startColumn: column } : {}) } },
    ...(message ? { message: { text: message } } : {}),
  });
  const results: Sarif.Result[] = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    // SARIF columns count characters; a finding's column is the field's position, kept as a property
    locations: [location(f.file, f.line, 0)],
    properties: { field: f.field, fieldPosition: f.column, value: f.value, ...(f.fix ? { fix: f.fix.value } : {}) },
    ...(f.related ? { relatedLocations: f.related.map((r, i) => ({ ...location(r.file, r.line, 0, r.message), id: i })) } : {}),
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: tool.name, version: tool.version, rules: used.map(describe) } }, results, columnKind: 'utf16CodeUnits' }],
  };
}
