// `iapt outcomes --emit-sql`: the outcome rules as one self-contained SQL query (a chain of CTEs) giving the same
// per-pathway columns as `iapt outcomes --out`. Generated from the engine's threshold data (codes, caseness,
// reliable change, ADSM pairing, attendance and treatment codes) and its column names: never a second copy.
// Only rule data and identifiers are written into the SQL; no value of the extract is.
import { OUTCOME_CSV_COLUMNS } from '../output';
import type { MeasureThresholds } from '../schema';
import { builtinThresholds, EPS, normaliseAppType, normaliseComplaintCode, type Thresholds } from '../thresholds';
import { dialect as dialectOf, type Dialect, type DialectName } from './dialect';
import { layoutTables, ROLE_COLUMNS, type LayoutTable, type SqlLayout } from './layout';

export interface EmitSqlOptions {
  dialect: DialectName;
  layout: SqlLayout;
  /** warehouse schema of the tables (Spark, T-SQL), e.g. nhsd */
  schema?: string;
  thresholds?: Thresholds;
}

export class SqlEmitError extends Error {}

const CODE = /^[A-Za-z0-9]+$/;

export function emitOutcomeSql(options: EmitSqlOptions): string {
  const d = dialectOf(options.dialect);
  const th = options.thresholds ?? builtinThresholds();
  const L = layoutTables(options.layout);
  const name = (col: string) => (options.layout === 'ukllc' ? col.toLowerCase() : col);
  const id = d.id;
  const s = d.str;
  const cell = (alias: string, col: string) => d.text(`${alias}.${id(name(col))}`);
  const ctes: [string, string][] = [];
  const cte = (n: string, sql: string) => { ctes.push([n, sql]); };

  const source = (t: LayoutTable, role: keyof typeof ROLE_COLUMNS) => {
    const cols = [...new Set(ROLE_COLUMNS[role].map(name))];
    const has = t.has.map(name);
    const table = { table: t.table, files: `${t.table}*.csv`, schema: options.schema, has };
    return d.source(table, cols);
  };
  /**
   * raw rows of a table; UK LLC: per pathway and financial year only the latest extract's rows (extracts.ts
   * LatestExtracts: the year of extract_start_date, else of extract_end_date; a row without a readable end date is
   * kept only when its pathway has no dated row in the table). Adds k_end (the row's extract end date or NULL).
   */
  const rows = (n: string, t: LayoutTable, role: keyof typeof ROLE_COLUMNS) => {
    if (!L.extractPeriods) {
      cte(n, `SELECT r.*, CAST(NULL AS DATE) AS k_end FROM (${source(t, role)}) r`);
      return;
    }
    cte(`${n}_raw`, source(t, role));
    cte(`${n}_k`, `SELECT r.*, ${d.date(cell('r', 'extract_start_date'))} AS k_start, ${d.date(cell('r', 'extract_end_date'))} AS k_end, `
      + `${cell('r', 'PathwayID')} AS k_pw FROM ${n}_raw r`);
    const start = 'COALESCE(k.k_start, k.k_end)';
    cte(`${n}_fy`, `SELECT k.*, CASE WHEN k.k_end IS NULL THEN NULL WHEN MONTH(${start}) >= 4 THEN YEAR(${start}) ELSE YEAR(${start}) - 1 END AS k_fy FROM ${n}_k k`);
    cte(n, `SELECT x.* FROM (SELECT f.*, MAX(f.k_end) OVER (PARTITION BY f.k_pw, f.k_fy) AS k_latest, COUNT(f.k_end) OVER (PARTITION BY f.k_pw) AS k_dated `
      + `FROM ${n}_fy f) x WHERE (x.k_end IS NOT NULL AND x.k_end = x.k_latest) OR (x.k_end IS NULL AND x.k_dated = 0)`);
  };
  /**
   * joins resolving the pathway a child row names (PathwayID, else a ServiceRequestId of exactly one pathway); plain
   * equalities (sr_map holds one row per non-empty id) so that every engine can hash-join them
   */
  const pathwayJoin = (alias: string) => `LEFT JOIN pw p1 ON p1.id = ${alias}.pid LEFT JOIN sr_map m1 ON m1.sr = ${alias}.sr`;
  const namedPathway = (alias: string) => `CASE WHEN ${alias}.pid <> '' THEN p1.id ELSE m1.id END`;
  const namesPathway = (alias: string) => `(${alias}.pid <> '' OR ${alias}.sr <> '')`;
  /** the time of a row: its time cell when readable, else the time of its (readable) date cell, else -1 (untimed) */
  const timeOf = (alias: string) => `CASE WHEN ${alias}.t_txt <> '' AND ${alias}.ts IS NOT NULL THEN ${alias}.ts WHEN ${alias}.d IS NOT NULL AND ${alias}.dts IS NOT NULL THEN ${alias}.dts ELSE -1 END`;
  const parsedDateTime = (alias: string) => `${d.date(`${alias}.d_txt`)} AS d, ${d.seconds(`${alias}.t_txt`)} AS ts, CASE WHEN ${d.length(`${alias}.d_txt`)} > 10 THEN ${d.seconds(`${alias}.d_txt`)} END AS dts`;
  /** sort keys of compareIds (series.ts): plain integers by value, other ids as text */
  const idKeys = (e: string, dir: '' | ' DESC') => [`CASE WHEN ${d.isDigits(e)} THEN 0 ELSE 1 END${dir === '' ? '' : ' ASC'}`,
    `CASE WHEN ${d.isDigits(e)} THEN ${d.length(d.stripZeros(e))} ELSE 0 END${dir}`, `CASE WHEN ${d.isDigits(e)} THEN ${d.stripZeros(e)} ELSE ${e} END${dir}`];

  // referral: one row per pathway, whatever the row order (choices.ts preferReferral): closed before open, latest
  // extract, latest discharge date, latest referral date; unreadable dates are unknown (the row is kept)
  rows('ref', L.referral, 'referral');
  const participant = ['cohortkey_e', 'Person_ID', 'LocalPatientId'].map((c) => cell('r', c));
  cte('ref_cells', `SELECT r.rn, r.k_end, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, `
    + `CASE ${participant.map((p) => `WHEN ${p} <> '' THEN ${p}`).join(' ')} ELSE '' END AS participant, `
    + `${cell('r', 'ReferralRequestReceivedDate')} AS ref_txt, ${cell('r', 'ServDischDate')} AS dis_txt FROM ref r`);
  cte('ref_ok', `SELECT x.* FROM (SELECT c.*, CASE WHEN c.pid <> '' THEN c.pid ELSE c.sr END AS id, ${d.date('c.ref_txt')} AS ref_d, ${d.date('c.dis_txt')} AS dis_d FROM ref_cells c) x `
    + `WHERE x.id <> ''`);
  cte('pw', `SELECT x.id, x.participant, x.ref_d, x.dis_d, x.first_rn FROM (SELECT o.*, `
    + `ROW_NUMBER() OVER (PARTITION BY o.id ORDER BY CASE WHEN o.dis_d IS NULL THEN 1 ELSE 0 END, CASE WHEN o.k_end IS NULL THEN 1 ELSE 0 END, o.k_end DESC, `
    + `o.dis_d DESC, CASE WHEN o.ref_d IS NULL THEN 1 ELSE 0 END, o.ref_d DESC, o.rn DESC) AS pick, `
    + `MIN(o.rn) OVER (PARTITION BY o.id) AS first_rn FROM ref_ok o) x WHERE x.pick = 1`);
  cte('sr_map', `SELECT o.sr, MIN(o.id) AS id FROM ref_ok o WHERE o.sr <> '' GROUP BY o.sr HAVING COUNT(DISTINCT o.id) = 1`);

  // care contacts, keyed by (pathway, CareContactId): of several rows the attended, treatment-type, earliest one
  rows('con', L.contacts, 'contacts');
  cte('con_cells', `SELECT r.rn, ${cell('r', 'CareContactId')} AS cid, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'PathwayID')} AS pid, `
    + `${cell('r', 'ServiceRequestId')} AS sr, ${cell('r', 'CareContDate')} AS d_txt, ${cell('r', 'CareContTime')} AS t_txt, `
    + `${cell('r', 'AppType')} AS app, ${cell('r', 'AttendOrDNACode')} AS att FROM con r`);
  cte('con_parsed', `SELECT c.*, ${parsedDateTime('c')} FROM con_cells c`);
  cte('con_ok', `SELECT c.rn, c.cid, c.aid, ${namedPathway('c')} AS pw_id, c.d, ${timeOf('c')} AS t, `
    + `CASE WHEN ${attendedCondition(d, th, 'c.att')} THEN 1 ELSE 0 END AS attended, `
    + `CASE WHEN ${treatmentCondition(d, th, 'c.app')} THEN 1 ELSE 0 END AS treatment `
    + `FROM con_parsed c ${pathwayJoin('c')} WHERE c.cid <> '' AND ${namedPathway('c')} IS NOT NULL`);
  cte('contacts', `SELECT x.pw_id, x.cid, x.d, x.t, x.attended, x.treatment FROM (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.pw_id, c.cid `
    + `ORDER BY c.attended DESC, c.treatment DESC, CASE WHEN c.d IS NULL THEN 1 ELSE 0 END, c.d, c.t) AS pick FROM con_ok c) x WHERE x.pick = 1`);
  cte('bare_contacts', `SELECT c.cid, MIN(c.pw_id) AS pw_id FROM contacts c GROUP BY c.cid HAVING COUNT(*) = 1`);
  // care activities → contact, keyed by (pathway, CareActId); two contacts claiming one: the lower CareContactId
  let claims = `SELECT c.pw_id, c.aid, c.cid FROM con_ok c WHERE c.aid <> ''`;
  if (L.activities) {
    rows('act', L.activities, 'activities');
    cte('act_cells', `SELECT r.rn, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'CareContactId')} AS cid, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr FROM act r`);
    cte('act_named', `SELECT a.aid, a.cid, CASE WHEN ${namesPathway('a')} THEN ${namedPathway('a')} ELSE b.pw_id END AS pw_id `
      + `FROM act_cells a ${pathwayJoin('a')} LEFT JOIN bare_contacts b ON b.cid = a.cid WHERE a.cid <> '' AND a.aid <> ''`);
    claims += ` UNION ALL SELECT a.pw_id, a.aid, a.cid FROM act_named a JOIN contacts k ON k.pw_id = a.pw_id AND k.cid = a.cid`;
  }
  cte('act_claims', claims);
  cte('activities', `SELECT x.pw_id, x.aid, x.cid FROM (SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.pw_id, a.aid ORDER BY ${idKeys('a.cid', '').join(', ')}) AS pick `
    + `FROM act_claims a) x WHERE x.pick = 1`);
  cte('bare_activities', `SELECT a.aid, MIN(a.pw_id) AS pw_id FROM activities a GROUP BY a.aid HAVING COUNT(*) = 1`);
  cte('treat', `SELECT c.pw_id, COUNT(*) AS n FROM contacts c JOIN pw p ON p.id = c.pw_id WHERE c.attended = 1 AND c.treatment = 1 `
    + `AND c.d IS NOT NULL AND (p.dis_d IS NULL OR c.d <= p.dis_d) GROUP BY c.pw_id`);

  // presenting complaint (rules.ts): validated first, primary before secondary before other, latest date, highest id
  rows('cmp', L.complaints, 'complaints');
  const validated = cell('r', 'Validated_PresentingComplaint');
  const isValidated = `${validated} <> '' AND ${validated} <> '-3'`;
  cte('cmp_cells', `SELECT r.rn, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, `
    + `CASE WHEN ${isValidated} THEN ${validated} ELSE ${cell('r', 'PresComp')} END AS code, CASE WHEN ${isValidated} THEN 0 ELSE 1 END AS unvalidated, `
    + `${cell('r', 'PresCompCodSig')} AS sig, ${cell('r', 'PresCompDate')} AS d_txt, ${cell('r', 'UniqueID_IDS603')} AS cmp_id FROM cmp r`);
  const sig = `CASE WHEN ${d.isDigits('c.sig')} THEN ${d.stripZeros('c.sig')} ELSE c.sig END`;
  const sigOf = (v: string) => d.str(/^\d+$/.test(v.trim()) ? String(Number(v.trim())).replace(/^0$/, '') : v.trim());
  cte('cmp_ok', `SELECT c.rn, c.code, c.unvalidated, c.cmp_id, ${namedPathway('c')} AS pw_id, ${d.date('c.d_txt')} AS d, `
    + `CASE WHEN ${sig} = ${sigOf(th.primarySignificance)} THEN 0 WHEN ${sig} = ${sigOf(th.secondarySignificance)} THEN 1 ELSE 2 END AS sig_rank `
    + `FROM cmp_cells c ${pathwayJoin('c')} WHERE c.code <> '' AND ${namedPathway('c')} IS NOT NULL`);
  cte('complaint', `SELECT x.pw_id, x.code FROM (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.pw_id ORDER BY c.unvalidated, c.sig_rank, `
    + `CASE WHEN c.d IS NULL THEN 1 ELSE 0 END, c.d DESC, ${idKeys('c.cmp_id', ' DESC').join(', ')}, c.code) AS pick FROM cmp_ok c) x WHERE x.pick = 1`);

  // scores (series.ts): a plain decimal numeral (whole for integer measures) in range; at an attended contact (the
  // activity's or contact's, within the pathway the row names) or referral level; dated; on or before discharge
  const scoreCells = L.scores.map((t, i) => {
    rows(`sc${i}`, t, 'scores');
    const uid = [cell('r', 'UniqueID_IDS606'), cell('r', 'UniqueID_IDS607')];
    return `SELECT r.rn, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, ${cell('r', 'CodedAssToolType')} AS code, `
      + `COALESCE(CAST(r.${id(name('PersScore'))} AS ${d.textType}), '') AS raw, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'CareContactId')} AS cid, `
      + `${cell('r', 'AssToolCompDate')} AS d_txt, ${cell('r', 'AssToolCompTime')} AS t_txt, CASE WHEN ${uid[0]} <> '' THEN ${uid[0]} ELSE ${uid[1]} END AS uid FROM sc${i} r`;
  });
  cte('sc_cells', scoreCells.join(' UNION ALL '));
  cte('sc_m', `SELECT c.*, ${measureOfCode(d, th, 'c.code')} AS measure FROM sc_cells c WHERE ${d.isPlainDecimal('c.raw')}`);
  cte('sc_ok', `SELECT c.*, ${d.number('c.raw')} AS v FROM sc_m c WHERE c.measure IS NOT NULL AND ${integerCondition(d, th, 'c.measure', 'c.raw')} `
    + `AND ${rangeCondition(d, th, 'c.measure', d.number('c.raw'))}`);
  cte('sc_named', `SELECT c.*, CASE WHEN ${namesPathway('c')} THEN 1 ELSE 0 END AS names_pw, ${namedPathway('c')} AS named_pw FROM sc_ok c ${pathwayJoin('c')}`);
  const contactOf = `CASE WHEN c.aid <> '' THEN (CASE WHEN c.names_pw = 1 THEN a1.cid ELSE a2.cid END) ELSE c.cid END`;
  const contactPw = `CASE WHEN c.aid <> '' THEN (CASE WHEN c.names_pw = 1 THEN a1.pw_id ELSE ba.pw_id END) WHEN c.names_pw = 1 THEN c.named_pw ELSE bc.pw_id END`;
  cte('sc_contact', `SELECT 1 AS lvl, c.rn, c.measure, c.raw, c.v, k.pw_id, k.d, k.t, k.cid AS tie_c, CASE WHEN c.aid <> '' THEN c.aid ELSE c.uid END AS tie_r `
    + `FROM sc_named c LEFT JOIN activities a1 ON a1.pw_id = c.named_pw AND a1.aid = c.aid `
    + `LEFT JOIN bare_activities ba ON ba.aid = c.aid LEFT JOIN activities a2 ON a2.pw_id = ba.pw_id AND a2.aid = ba.aid `
    + `LEFT JOIN bare_contacts bc ON bc.cid = c.cid `
    + `JOIN contacts k ON k.pw_id = ${contactPw} AND k.cid = ${contactOf} `
    + `WHERE (c.aid <> '' OR c.cid <> '') AND (c.names_pw = 0 OR c.named_pw IS NOT NULL) AND k.attended = 1 AND k.d IS NOT NULL`);
  cte('sc_ref_parsed', `SELECT c.*, ${parsedDateTime('c')} FROM sc_named c WHERE c.aid = '' AND c.cid = '' AND c.named_pw IS NOT NULL`);
  cte('sc_referral', `SELECT 0 AS lvl, c.rn, c.measure, c.raw, c.v, c.named_pw AS pw_id, c.d, ${timeOf('c')} AS t, '' AS tie_c, c.uid AS tie_r `
    + `FROM sc_ref_parsed c WHERE c.d IS NOT NULL`);
  cte('sc_points', `SELECT u.* FROM (SELECT * FROM sc_contact UNION ALL SELECT * FROM sc_referral) u JOIN pw p ON p.id = u.pw_id WHERE p.dis_d IS NULL OR u.d <= p.dis_d`);
  const order = (dir: '' | ' DESC') => ['u.d', 'u.t', 'u.lvl'].map((e) => e + dir).concat(idKeys('u.tie_c', dir), idKeys('u.tie_r', dir), [`u.v${dir}`, `u.raw${dir}`]).join(', ');
  cte('sc_ends', `SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.pw_id, u.measure ORDER BY ${order('')}) AS nf, `
    + `ROW_NUMBER() OVER (PARTITION BY u.pw_id, u.measure ORDER BY ${order(' DESC')}) AS nl FROM sc_points u`);
  cte('series', `SELECT f.pw_id, f.measure, f.raw AS first_raw, f.v AS first_v, l.raw AS last_raw, l.v AS last_v, CASE WHEN f.d <> l.d THEN 1 ELSE 0 END AS paired, `
    + `${casenessCase(d, th, 'f.measure', 'f.v')} AS cas_first, ${casenessCase(d, th, 'f.measure', 'l.v')} AS cas_last, `
    + `${reliableCase(d, th, 'f.measure', 'f.v - l.v')} AS improved, ${reliableCase(d, th, 'f.measure', 'l.v - f.v')} AS deteriorated `
    + `FROM sc_ends f JOIN sc_ends l ON l.pw_id = f.pw_id AND l.measure = f.measure AND l.nl = 1 WHERE f.nf = 1`);

  // the anxiety measure: the presenting complaint's ADSM when paired, else GAD-7 when paired, else whichever has a score
  const gad = s(th.anxietyDefault.id);
  cte('choice', `SELECT p.*, k.code AS complaint, COALESCE(t.n, 0) AS treatment_n, `
    + `CASE WHEN k.code IS NOT NULL THEN ${adsmOfComplaint(d, th, 'k.code')} END AS adsm `
    + `FROM pw p LEFT JOIN complaint k ON k.pw_id = p.id LEFT JOIN treat t ON t.pw_id = p.id`);
  cte('chosen', `SELECT c.*, CASE WHEN c.adsm IS NULL THEN ${gad} WHEN sa.paired = 1 THEN c.adsm WHEN sg.paired = 1 THEN ${gad} `
    + `WHEN sa.pw_id IS NOT NULL THEN c.adsm ELSE ${gad} END AS anx FROM choice c `
    + `LEFT JOIN series sa ON sa.pw_id = c.id AND sa.measure = c.adsm LEFT JOIN series sg ON sg.pw_id = c.id AND sg.measure = ${gad}`);
  const finished = `c.dis_d IS NOT NULL AND c.treatment_n >= ${th.minimumTreatmentAppointments}`;
  const depUsable = th.usable(th.depression);
  const paired = 'dd.paired = 1 AND aa.paired = 1';
  const caseness = 'CASE WHEN dd.cas_first = 1 OR aa.cas_first = 1 THEN 1 WHEN dd.cas_first = 0 AND aa.cas_first = 0 THEN 0 END';
  const det = `CASE WHEN ${paired} AND (dd.deteriorated = 1 OR aa.deteriorated = 1) THEN 1 ELSE 0 END`;
  const imp = `CASE WHEN ${paired} AND (dd.improved = 1 OR aa.improved = 1) AND dd.deteriorated = 0 AND aa.deteriorated = 0 THEN 1 ELSE 0 END`;
  const flag = (expr: string) => (depUsable ? `CASE WHEN ${finished} THEN ${expr} END` : 'CAST(NULL AS INTEGER)');
  cte('flags', `SELECT c.*, dd.first_raw AS d_first, CASE WHEN dd.paired = 1 THEN dd.last_raw END AS d_last, aa.first_raw AS a_first, `
    + `CASE WHEN aa.paired = 1 THEN aa.last_raw END AS a_last, CASE WHEN ${finished} THEN 1 ELSE 0 END AS finished, `
    + `${flag(caseness)} AS caseness, `
    + `${flag(`CASE WHEN (${caseness}) = 1 AND ${paired} AND dd.cas_last = 0 AND aa.cas_last = 0 THEN 1 ELSE 0 END`)} AS recovery, `
    + `${flag(imp)} AS improvement, ${flag(det)} AS deterioration, `
    + `${flag(`CASE WHEN ${paired} AND (${imp}) = 0 AND (${det}) = 0 THEN 1 ELSE 0 END`)} AS no_change, `
    + `${flag(`CASE WHEN (${caseness}) = 1 AND ${paired} AND dd.cas_last = 0 AND aa.cas_last = 0 AND (${imp}) = 1 THEN 1 ELSE 0 END`)} AS reliable_recovery `
    + `FROM chosen c LEFT JOIN series dd ON dd.pw_id = c.id AND dd.measure = ${s(th.depression.id)} LEFT JOIN series aa ON aa.pw_id = c.id AND aa.measure = c.anx`);

  const bool = (e: string) => `CASE WHEN ${e} = 1 THEN 'true' WHEN ${e} = 0 THEN 'false' ELSE '' END`;
  const text = (e: string) => `COALESCE(${e}, '')`;
  const fmt = (e: string) => `CASE WHEN ${e} IS NULL THEN '' ELSE ${d.formatDate(e)} END`;
  const out = [
    'f.id', 'f.participant', fmt('f.ref_d'), fmt('f.dis_d'), d.intText('f.treatment_n'), bool('f.finished'), text('f.complaint'), 'f.anx',
    text('f.d_first'), text('f.d_last'), text('f.a_first'), text('f.a_last'), bool('f.caseness'), bool('f.recovery'), bool('f.improvement'),
    bool('f.deterioration'), bool('f.no_change'), bool('f.reliable_recovery'),
  ];
  const select = out.map((e, i) => `${e} AS ${id(OUTCOME_CSV_COLUMNS[i])}`).join(',\n  ');
  const header = [
    `-- iapt outcomes --emit-sql ${options.dialect} --layout ${options.layout}${options.schema ? ` --schema ${options.schema.replace(/[\r\n]/g, ' ')}` : ''}`,
    `-- NHS Talking Therapies outcomes per pathway, generated from outcome thresholds ${th.version.replace(/[\r\n]/g, ' ')} (data/outcome-thresholds.json).`,
    '-- Same columns and rules as `iapt outcomes --out`; the whole script is one SELECT. Like the engine, no verdict depends',
    '-- on row order, except between two referral rows of one pathway equal in discharge, extract and both dates (the engine',
    '-- then compares a hash of the row text, this query the row number), and ids compared across number and text formats.',
    ...d.preamble,
  ];
  return `${header.join('\n')}\nWITH\n${ctes.map(([n, q]) => `${n} AS ${d.materialized}(\n  ${q}\n)`).join(',\n')}\nSELECT\n  ${select}\nFROM flags f\nORDER BY f.first_rn;\n`;
}

/** CASE mapping a trimmed CodedAssToolType to its measure id (NULL when not an outcome measure). */
function measureOfCode(d: Dialect, th: Thresholds, expr: string): string {
  const whens = th.measures.flatMap((m) => m.snomed.map((code) => `WHEN ${d.str(code)} THEN ${d.str(m.id)}`));
  return `CASE ${expr} ${whens.join(' ')} END`;
}

/** integer measures (thresholds `integer`, default true) take whole numbers only */
function integerCondition(d: Dialect, th: Thresholds, measure: string, raw: string): string {
  const decimals = th.measures.filter((m) => m.integer === false).map((m) => d.str(m.id));
  return `(${raw} NOT LIKE '%.%'${decimals.length ? ` OR ${measure} IN (${decimals.join(', ')})` : ''})`;
}

function rangeCondition(d: Dialect, th: Thresholds, measure: string, v: string): string {
  const parts = th.measures.map((m) => {
    const bounds = [`${measure} = ${d.str(m.id)}`];
    if (m.min !== null) bounds.push(`${v} >= ${d.double(m.min)}`);
    if (m.max !== null) bounds.push(`${v} <= ${d.double(m.max)}`);
    return `(${bounds.join(' AND ')})`;
  });
  return `(${parts.join(' OR ')})`;
}

/** 1/0 at caseness of the measure (NULL when its caseness is unknown), with the engine's tolerance. */
function casenessCase(d: Dialect, th: Thresholds, measure: string, v: string): string {
  const whens = th.measures.filter((m) => m.caseness).map((m) => {
    const c = m.caseness!;
    const test = c.comparison === '>' ? `${v} > ${d.double(c.value + EPS)}` : `${v} >= ${d.double(c.value - EPS)}`;
    return `WHEN ${measure} = ${d.str(m.id)} THEN CASE WHEN ${test} THEN 1 ELSE 0 END`;
  });
  return `CASE ${whens.join(' ')} END`;
}

/** 1/0 when a change (first − last, or last − first) reaches the measure's reliable change value. */
function reliableCase(d: Dialect, th: Thresholds, measure: string, change: string): string {
  const whens = th.measures.filter((m) => m.reliableChange !== null).map((m) =>
    `WHEN ${measure} = ${d.str(m.id)} THEN CASE WHEN ${change} >= ${d.double((m.reliableChange as number) - EPS)} THEN 1 ELSE 0 END`);
  return `CASE ${whens.join(' ')} ELSE 0 END`;
}

/** AttendOrDNACode in the attended codes (digits compared as numbers: "05" = "5"). */
function attendedCondition(d: Dialect, th: Thresholds, expr: string): string {
  const codes = [...th.attendedCodes];
  const digits = codes.filter((c) => /^\d+$/.test(c));
  const other = codes.filter((c) => !/^\d+$/.test(c));
  const parts: string[] = [];
  if (digits.length) parts.push(`(${d.isDigits(expr)} AND ${d.integer(`CASE WHEN ${d.isDigits(expr)} THEN ${expr} END`)} IN (${digits.join(', ')}))`);
  if (other.length) parts.push(`${expr} IN (${other.map(d.str).join(', ')})`);
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

/** AppType in the treatment types, also when Excel dropped the leading zero ("2" = "02"). */
function treatmentCondition(d: Dialect, th: Thresholds, expr: string): string {
  const accepted = new Set<string>();
  for (const code of th.treatmentAppTypes) {
    accepted.add(code);
    for (let digit = 0; digit <= 9; digit++) if (normaliseAppType(String(digit)) === code) accepted.add(String(digit));
  }
  return accepted.size ? `${expr} IN (${[...accepted].map(d.str).join(', ')})` : '1 = 0';
}

/** The ADSM measure id paired with a complaint code (first match in the data file's order; NULL when unusable or none). */
function adsmOfComplaint(d: Dialect, th: Thresholds, expr: string): string {
  const norm = d.normaliseCode(expr);
  const whens: string[] = [];
  for (const m of th.measures) {
    if (m.role !== 'adsm') continue;
    for (const p of m.presentingComplaints) {
      const code = normaliseComplaintCode(p.code);
      if (!CODE.test(code)) throw new SqlEmitError(`presenting complaint code '${p.code}' of ${m.id} cannot be written as a SQL pattern`);
      whens.push(`WHEN ${p.match === 'exact' ? `${norm} = ${d.str(code)}` : `${norm} LIKE ${d.str(`${code}%`)}`} THEN ${usableId(d, th, m)}`);
    }
  }
  return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
}

function usableId(d: Dialect, th: Thresholds, m: MeasureThresholds): string {
  return th.usable(m) ? d.str(m.id) : 'NULL';
}
