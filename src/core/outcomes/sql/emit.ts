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
  /** raw rows of a table, de-duplicated across UK LLC extract periods; adds k_end (the row's extract end date or NULL) */
  const rows = (n: string, t: LayoutTable, role: keyof typeof ROLE_COLUMNS) => {
    if (!L.extractPeriods) {
      cte(n, `SELECT r.*, CAST(NULL AS DATE) AS k_end FROM (${source(t, role)}) r`);
      return;
    }
    cte(`${n}_raw`, source(t, role));
    cte(`${n}_k`, `SELECT r.*, ${cell('r', 'extract_start_date')} AS k_start_txt, ${d.date(cell('r', 'extract_start_date'))} AS k_start, `
      + `${d.date(cell('r', 'extract_end_date'))} AS k_end, ${cell('r', 'PathwayID')} AS k_pw FROM ${n}_raw r`);
    const start = 'COALESCE(k.k_start, k.k_end)';
    cte(`${n}_fy`, `SELECT k.*, CASE WHEN MONTH(${start}) >= 4 THEN YEAR(${start}) ELSE YEAR(${start}) - 1 END AS k_fy FROM ${n}_k k `
      + `WHERE k.k_end IS NOT NULL AND (k.k_start_txt = '' OR k.k_start IS NOT NULL)`);
    cte(n, `SELECT x.* FROM (SELECT f.*, MAX(f.k_end) OVER (PARTITION BY f.k_pw, f.k_fy) AS k_latest FROM ${n}_fy f) x WHERE x.k_end = x.k_latest`);
  };
  /**
   * joins resolving a child row's pathway (PathwayID, else ServiceRequestId through the referral table); plain
   * equalities (sr_map holds one row per non-empty id) so that every engine can hash-join them
   */
  const pathwayJoin = (alias: string) => `LEFT JOIN pw p1 ON p1.id = ${alias}.pid LEFT JOIN sr_map m1 ON m1.sr = ${alias}.sr`;
  const pathwayOf = (alias: string) => `CASE WHEN ${alias}.pid <> '' THEN p1.id ELSE m1.id END`;
  const timeOf = (alias: string) => `CASE WHEN ${alias}.t_txt <> '' THEN ${alias}.ts WHEN ${alias}.dts IS NOT NULL THEN ${alias}.dts ELSE -1 END`;

  // referral: one row per pathway (a closed row before an open one, then the latest extract end, then the later row)
  rows('ref', L.referral, 'referral');
  const participant = ['cohortkey_e', 'Person_ID', 'LocalPatientId'].map((c) => cell('r', c));
  cte('ref_cells', `SELECT r.rn, r.k_end, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, `
    + `CASE ${participant.map((p) => `WHEN ${p} <> '' THEN ${p}`).join(' ')} ELSE '' END AS participant, `
    + `${cell('r', 'ReferralRequestReceivedDate')} AS ref_txt, ${cell('r', 'ServDischDate')} AS dis_txt, ${cell('r', 'ADSM')} AS adsm_label FROM ref r`);
  cte('ref_ok', `SELECT x.* FROM (SELECT c.*, CASE WHEN c.pid <> '' THEN c.pid ELSE c.sr END AS id, ${d.date('c.ref_txt')} AS ref_d, ${d.date('c.dis_txt')} AS dis_d FROM ref_cells c) x `
    + `WHERE x.id <> '' AND (x.ref_txt = '' OR x.ref_d IS NOT NULL) AND (x.dis_txt = '' OR x.dis_d IS NOT NULL)`);
  cte('pw', `SELECT x.id, x.participant, x.ref_d, x.dis_d, x.adsm_label, x.first_rn FROM (SELECT o.*, `
    + `ROW_NUMBER() OVER (PARTITION BY o.id ORDER BY CASE WHEN o.dis_d IS NULL THEN 0 ELSE 1 END DESC, o.k_end DESC, o.rn DESC) AS pick, `
    + `MIN(o.rn) OVER (PARTITION BY o.id) AS first_rn FROM ref_ok o) x WHERE x.pick = 1`);
  cte('sr_map', `SELECT x.sr, x.id FROM (SELECT o.sr, o.id, ROW_NUMBER() OVER (PARTITION BY o.sr ORDER BY o.rn) AS pick FROM ref_ok o WHERE o.sr <> '') x WHERE x.pick = 1`);

  // care contacts: the last valid row of each CareContactId, with its attendance and appointment type
  rows('con', L.contacts, 'contacts');
  cte('con_cells', `SELECT r.rn, ${cell('r', 'CareContactId')} AS cid, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'PathwayID')} AS pid, `
    + `${cell('r', 'ServiceRequestId')} AS sr, ${cell('r', 'CareContDate')} AS d_txt, ${cell('r', 'CareContTime')} AS t_txt, `
    + `${cell('r', 'AppType')} AS app, ${cell('r', 'AttendOrDNACode')} AS att FROM con r`);
  cte('con_parsed', `SELECT c.*, ${d.date('c.d_txt')} AS d, ${d.seconds('c.t_txt')} AS ts, CASE WHEN ${d.length('c.d_txt')} > 10 THEN ${d.seconds('c.d_txt')} END AS dts FROM con_cells c`);
  cte('con_ok', `SELECT c.rn, c.cid, c.aid, ${pathwayOf('c')} AS pw_id, c.d, ${timeOf('c')} AS t, `
    + `CASE WHEN ${attendedCondition(d, th, 'c.att')} THEN 1 ELSE 0 END AS attended, `
    + `CASE WHEN ${treatmentCondition(d, th, 'c.app')} THEN 1 ELSE 0 END AS treatment `
    + `FROM con_parsed c ${pathwayJoin('c')} WHERE c.cid <> '' AND ${pathwayOf('c')} IS NOT NULL AND c.d IS NOT NULL AND (c.t_txt = '' OR c.ts IS NOT NULL)`);
  cte('contacts', `SELECT x.cid, x.pw_id, x.d, x.t, x.attended, x.treatment FROM (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.cid ORDER BY c.rn DESC) AS pick FROM con_ok c) x WHERE x.pick = 1`);
  // care activities → contact (the last row of each CareActId wins; contact-table rows are read before IDS202)
  let acts = `SELECT 0 AS src, c.rn, c.aid, c.cid FROM con_ok c WHERE c.aid <> ''`;
  if (L.activities) {
    rows('act', L.activities, 'activities');
    acts += ` UNION ALL SELECT 1 AS src, a.rn, a.aid, a.cid FROM (SELECT r.rn, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'CareContactId')} AS cid FROM act r) a `
      + `WHERE a.cid <> '' AND a.aid <> '' AND a.cid IN (SELECT cid FROM contacts)`;
  }
  cte('act_all', acts);
  cte('activities', `SELECT x.aid, x.cid FROM (SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.aid ORDER BY a.src DESC, a.rn DESC) AS pick FROM act_all a) x WHERE x.pick = 1`);
  cte('treat', `SELECT c.pw_id, COUNT(*) AS n FROM contacts c JOIN pw p ON p.id = c.pw_id WHERE c.attended = 1 AND c.treatment = 1 `
    + `AND (p.dis_d IS NULL OR c.d <= p.dis_d) GROUP BY c.pw_id`);

  // presenting complaint: coded, primary before secondary, latest date, highest id, first read
  rows('cmp', L.complaints, 'complaints');
  const validated = cell('r', 'Validated_PresentingComplaint');
  cte('cmp_cells', `SELECT r.rn, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, `
    + `CASE WHEN ${validated} <> '' AND ${validated} <> '-3' THEN ${validated} ELSE ${cell('r', 'PresComp')} END AS code, `
    + `${cell('r', 'PresCompCodSig')} AS sig, ${cell('r', 'PresCompDate')} AS d_txt, ${cell('r', 'UniqueID_IDS603')} AS uid FROM cmp r`);
  cte('cmp_ok', `SELECT c.rn, c.code, c.sig, ${pathwayOf('c')} AS pw_id, ${d.date('c.d_txt')} AS d, `
    + `CASE WHEN c.uid <> '' THEN c.uid ELSE ${d.intText('c.rn - 1')} END AS cmp_id FROM cmp_cells c ${pathwayJoin('c')} `
    + `WHERE c.code <> '' AND ${pathwayOf('c')} IS NOT NULL AND (c.d_txt = '' OR ${d.date('c.d_txt')} IS NOT NULL)`);
  cte('complaint', `SELECT x.pw_id, x.code FROM (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.pw_id ORDER BY `
    + `CASE WHEN c.sig = ${s(th.primarySignificance)} THEN 0 WHEN c.sig = ${s(th.secondarySignificance)} THEN 1 ELSE 2 END, `
    + `CASE WHEN c.d IS NULL THEN 1 ELSE 0 END, c.d DESC, CASE WHEN ${d.number('c.cmp_id')} IS NULL THEN 1 ELSE 0 END, ${d.number('c.cmp_id')} DESC, c.cmp_id DESC, c.rn) AS pick `
    + `FROM cmp_ok c) x WHERE x.pick = 1`);

  // scores: known measure, a number in range; at an attended contact or referral level; on or before discharge
  const scoreCells = L.scores.map((t, i) => {
    rows(`sc${i}`, t, 'scores');
    return `SELECT ${i} AS src, r.rn, ${cell('r', 'PathwayID')} AS pid, ${cell('r', 'ServiceRequestId')} AS sr, ${cell('r', 'CodedAssToolType')} AS code, `
      + `${cell('r', 'PersScore')} AS raw, ${cell('r', 'CareActId')} AS aid, ${cell('r', 'CareContactId')} AS cid, `
      + `${cell('r', 'AssToolCompDate')} AS d_txt, ${cell('r', 'AssToolCompTime')} AS t_txt FROM sc${i} r`;
  });
  cte('sc_cells', scoreCells.join(' UNION ALL '));
  cte('sc_m', `SELECT c.*, ${measureOfCode(d, th, 'c.code')} AS measure, ${d.number('c.raw')} AS v FROM sc_cells c`);
  cte('sc_ok', `SELECT c.* FROM sc_m c WHERE c.measure IS NOT NULL AND c.raw <> '' AND c.v IS NOT NULL AND ${rangeCondition(d, th, 'c.measure', 'c.v')}`);
  cte('sc_contact', `SELECT c.src, c.rn, c.measure, c.raw, c.v, k.pw_id, k.d, k.t, k.cid AS occ_c, CAST(NULL AS DATE) AS occ_d `
    + `FROM sc_ok c LEFT JOIN activities a ON a.aid = c.aid JOIN contacts k ON k.cid = CASE WHEN c.aid <> '' THEN a.cid ELSE c.cid END `
    + `WHERE (c.aid <> '' OR c.cid <> '') AND k.attended = 1`);
  cte('sc_ref_parsed', `SELECT c.*, ${d.date('c.d_txt')} AS d, ${d.seconds('c.t_txt')} AS ts, CASE WHEN ${d.length('c.d_txt')} > 10 THEN ${d.seconds('c.d_txt')} END AS dts `
    + `FROM sc_ok c WHERE c.aid = '' AND c.cid = ''`);
  cte('sc_referral', `SELECT c.src, c.rn, c.measure, c.raw, c.v, ${pathwayOf('c')} AS pw_id, c.d, ${timeOf('c')} AS t, CAST(NULL AS ${d.textType}) AS occ_c, c.d AS occ_d `
    + `FROM sc_ref_parsed c ${pathwayJoin('c')} WHERE ${pathwayOf('c')} IS NOT NULL AND c.d IS NOT NULL AND (c.t_txt = '' OR c.ts IS NOT NULL)`);
  cte('sc_points', `SELECT u.* FROM (SELECT * FROM sc_contact UNION ALL SELECT * FROM sc_referral) u JOIN pw p ON p.id = u.pw_id WHERE p.dis_d IS NULL OR u.d <= p.dis_d`);
  cte('sc_ends', `SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.pw_id, u.measure ORDER BY u.d, u.t, u.src, u.rn) AS nf, `
    + `ROW_NUMBER() OVER (PARTITION BY u.pw_id, u.measure ORDER BY u.d DESC, u.t DESC, u.src DESC, u.rn DESC) AS nl FROM sc_points u`);
  cte('sc_pairs', `SELECT u.pw_id, u.measure, CASE WHEN COUNT(DISTINCT u.occ_c) + COUNT(DISTINCT u.occ_d) >= 2 THEN 1 ELSE 0 END AS paired FROM sc_points u GROUP BY u.pw_id, u.measure`);
  cte('series', `SELECT f.pw_id, f.measure, f.raw AS first_raw, f.v AS first_v, l.raw AS last_raw, l.v AS last_v, q.paired, `
    + `${casenessCase(d, th, 'f.measure', 'f.v')} AS cas_first, ${casenessCase(d, th, 'f.measure', 'l.v')} AS cas_last, `
    + `${reliableCase(d, th, 'f.measure', 'f.v - l.v')} AS improved, ${reliableCase(d, th, 'f.measure', 'l.v - f.v')} AS deteriorated `
    + `FROM sc_ends f JOIN sc_ends l ON l.pw_id = f.pw_id AND l.measure = f.measure AND l.nl = 1 JOIN sc_pairs q ON q.pw_id = f.pw_id AND q.measure = f.measure WHERE f.nf = 1`);

  // the anxiety measure: the presenting complaint's ADSM when paired, else GAD-7 when paired, else whichever has a score
  const gad = s(th.anxietyDefault.id);
  cte('choice', `SELECT p.*, k.code AS complaint, COALESCE(t.n, 0) AS treatment_n, `
    + `CASE WHEN k.code IS NOT NULL THEN ${adsmOfComplaint(d, th, 'k.code')} WHEN p.adsm_label <> '' THEN ${adsmOfLabel(d, th, 'p.adsm_label')} END AS adsm `
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
    '-- Same columns and rules as `iapt outcomes --out`; the whole script is one SELECT.',
    ...d.preamble,
  ];
  return `${header.join('\n')}\nWITH\n${ctes.map(([n, q]) => `${n} AS ${d.materialized}(\n  ${q}\n)`).join(',\n')}\nSELECT\n  ${select}\nFROM flags f\nORDER BY f.first_rn;\n`;
}

/** CASE mapping a trimmed CodedAssToolType to its measure id (NULL when not an outcome measure). */
function measureOfCode(d: Dialect, th: Thresholds, expr: string): string {
  const whens = th.measures.flatMap((m) => m.snomed.map((code) => `WHEN ${d.str(code)} THEN ${d.str(m.id)}`));
  return `CASE ${expr} ${whens.join(' ')} END`;
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

function adsmOfLabel(d: Dialect, th: Thresholds, expr: string): string {
  const whens = th.measures.filter((m) => m.role === 'adsm' && m.adsmLabel)
    .map((m) => `WHEN LOWER(${expr}) = ${d.str(m.adsmLabel!.trim().toLowerCase())} THEN ${usableId(d, th, m)}`);
  return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
}

function usableId(d: Dialect, th: Thresholds, m: MeasureThresholds): string {
  return th.usable(m) ? d.str(m.id) : 'NULL';
}
