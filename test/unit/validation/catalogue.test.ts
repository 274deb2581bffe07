// The catalogue as data: every one of NHS England's rules is either applied by a rule kind or listed as left out
// with a reason, severities map as the issue says, and the generated docs table is current.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import raw from '../../../data/nhs-iapt-v2.0-validation-rules.json';
import { builtinCatalogue, namesInExpression, validationRulesMarkdown } from '../../../src/core/validation';
import { catalogueFileSchema, checksFileSchema } from '../../../src/core/validation/schema';
import checks from '../../../data/validation-checks.json';

describe('validation/catalogue', () => {
  const cat = builtinCatalogue();

  it('the data files pass their zod schemas; a rule without an id, or a comparison without values, is refused', () => {
    assert.ok(catalogueFileSchema.safeParse(raw).success);
    assert.ok(checksFileSchema.safeParse(checks).success);
    const broken = { ...raw, rules: [{ ...raw.rules[0], id: 'X1' }] };
    assert.equal(catalogueFileSchema.safeParse(broken).success, false);
    const badCmp = { ...checks, comparisons: [{ ...checks.comparisons[0], require: { field: 'IDS001.NHSNumberStatus', is: 'notIn' } }] };
    assert.equal(checksFileSchema.safeParse(badCmp).success, false);
  });

  it('accounts for all 380 catalogue rules and the 2 without a definition, each exactly once', () => {
    assert.equal(raw.rules.length, 380);
    const ids = [...cat.rules.map((r) => r.id), ...cat.leftOut.map((r) => r.id)];
    assert.equal(ids.length, 382);
    assert.equal(new Set(ids).size, 382);
    for (const r of cat.leftOut) assert.ok(r.reason.length > 10, `${r.id} has a reason`);
  });

  it('leaves out only portal, metadata and national-reference rules (and the 2 undefined ones)', () => {
    const kinds = new Set(cat.leftOut.map((r) => r.catalogueKind));
    assert.deepEqual([...kinds].sort(), ['(none)', 'iapt_date_before_or_on_date', 'is_valid_gp_practice_code_or_null', 'is_valid_organisation_identifier_or_null_ignoring_succession',
      'is_valid_postcode_or_null', 'is_valid_site_id_or_null', 'placeholder', 'values_are_equal']);
    assert.deepEqual(cat.leftOut.filter((r) => r.catalogueKind === 'iapt_date_before_or_on_date').map((r) => r.id), ['IDS00027'], 'only the upload-timestamp comparison');
    assert.equal(cat.rules.filter((r) => r.catalogueKind === 'referential_integrity').length, 18, 'all 18 referential integrity rules');
    assert.equal(cat.rules.filter((r) => r.catalogueKind === 'column_comparison').length, 14, 'all 14 column comparisons translated');
  });

  it('maps REJECT_* to error and WARNING to warning', () => {
    for (const r of cat.rules) assert.equal(r.severity, r.catalogueSeverity === 'WARNING' ? 'warning' : 'error', r.id);
  });

  it('reads key fields and conditions out of the catalogue\'s Python expressions', () => {
    assert.deepEqual(namesInExpression("{\n IDS606[\"ServiceRequestId\"].qualified_name,\n 'AssToolCompDate'\n}"), ['ServiceRequestId', 'AssToolCompDate']);
    const spec = (id: string) => cat.rules.find((r) => r.id === id)?.spec;
    assert.deepEqual(spec('IDS20168'), { kind: 'unique', table: 'IDS201', fields: ['ServiceRequestId', 'CareContDate', 'CareContTime'], onlyWhenIn: { field: 'AttendOrDNACode', values: ['5', '6'] } });
    assert.deepEqual(spec('IDS80319'), { kind: 'unique', table: 'IDS803', fields: ['LocalPatientId', 'EndDateCareClust'], onlyWhenBlank: 'EndDateCareClust' });
    assert.deepEqual(spec('IDS90215'), { kind: 'dateOrder', field: { table: 'IDS902', name: 'QualPlannedCompletionDate' }, other: { table: 'IDS000', name: 'ReportingPeriodEndDate' }, op: 'onOrBefore', offset: { years: 2, days: 0 } });
    assert.deepEqual(spec('IDS20142'), { kind: 'parent', child: 'IDS201', parent: 'IDS101', key: 'ServiceRequestId' });
    assert.deepEqual(spec('IDS60614'), { kind: 'time', field: { table: 'IDS606', name: 'AssToolCompTime' } });
  });

  it('docs/validation-rules.md is current (npm run docs:validation) and lists every id once', () => {
    const text = readFileSync('docs/validation-rules.md', 'utf8');
    assert.equal(text, validationRulesMarkdown(), 'run npm run docs:validation');
    for (const r of [...cat.rules, ...cat.leftOut]) assert.equal(text.split(`<a id="${r.id.toLowerCase()}"></a>`).length, 2, r.id);
    assert.match(text, /\| <a id="ids00125"><\/a>IDS00125 \| IDS001 \| WARNING \| is_valid_postcode_or_null \| needs the national postcode look-up table/);
  });
});
