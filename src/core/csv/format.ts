// Writing one CSV row (RFC 4180 quoting).

/** Quotes a field when it holds the delimiter, a quote, CR or LF (quotes doubled). No line ending. */
export function formatCsvRow(fields: readonly (string | number | null | undefined)[], delimiter = ','): string {
  let out = '';
  for (let k = 0; k < fields.length; k++) {
    if (k > 0) out += delimiter;
    out += formatCsvField(fields[k], delimiter);
  }
  return out;
}

export function formatCsvField(value: string | number | null | undefined, delimiter = ','): string {
  const s = value === null || value === undefined ? '' : String(value);
  if (s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r')) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}
