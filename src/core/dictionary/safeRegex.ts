// Patterns from user dictionaries run on every hovered cell, on the editor's extension host: a regex with
// catastrophic backtracking (^(a+)+$ doubles its time per char) would freeze it. A pattern is accepted only when
// it cannot backtrack exponentially by construction: it compiles, is short, has no back-references, and no
// repeated group contains a repetition or an alternation (star height 1; the classic ReDoS shapes (a+)+, (a*)*,
// (a|a)*, (a|ab)+ are all refused). Cells longer than MAX_PATTERN_INPUT are not matched at all (codes are short).

/** Longest pattern accepted (chars). */
export const MAX_PATTERN_CHARS = 300;
/** Longest cell a pattern is run on; a longer value simply does not match (IAPT codes are a few chars). */
export const MAX_PATTERN_INPUT = 100;

/** Why a pattern is refused (null when it is safe). */
export function unsafePatternReason(source: string): string | null {
  if (source.length > MAX_PATTERN_CHARS) return `pattern longer than ${MAX_PATTERN_CHARS} characters`;
  try {
    new RegExp(source);
  } catch (err) {
    return `not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
  // one pass over the source: per open group, whether it holds a quantifier or an alternation
  const stack: { risky: boolean }[] = [];
  let repeats = 0;
  let lastGroupRisky: boolean | null = null; // the group that just closed (a quantifier may follow it)
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return 'back-references are not allowed';
      i++;
      lastGroupRisky = null;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') { inClass = true; lastGroupRisky = null; continue; }
    if (c === '(') {
      stack.push({ risky: false });
      lastGroupRisky = null;
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 40)); // (?: (?= (?<name> …
      if (prefix) i += prefix[0].length;
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      lastGroupRisky = g ? g.risky : null;
      if (g?.risky && stack.length) stack[stack.length - 1].risky = true;
      continue;
    }
    if (c === '|') {
      if (stack.length) stack[stack.length - 1].risky = true;
      lastGroupRisky = null;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q) {
      if (q.repeats && lastGroupRisky) return 'a repeated group contains a repetition or an alternation (catastrophic backtracking); simplify the pattern';
      if (q.repeats && ++repeats > MAX_REPETITIONS) return `more than ${MAX_REPETITIONS} repetitions (*, +, {n,m}) in one pattern`;
      if (stack.length) stack[stack.length - 1].risky = true;
      i = q.end;
      if (source[i + 1] === '?') i++; // lazy
      lastGroupRisky = null;
      continue;
    }
    lastGroupRisky = null;
  }
  return null;
}

/** Repetitions per pattern: adjacent ones (a*a*a*) cost about n^k steps, bounded by MAX_PATTERN_INPUT^k. */
const MAX_REPETITIONS = 4;

/** The quantifier at source[i], if any: whether it repeats (may match more than once) and its last char. */
function quantifierAt(source: string, i: number): { repeats: boolean; end: number } | null {
  const c = source[i];
  if (c === '*' || c === '+') return { repeats: true, end: i };
  if (c === '?') return { repeats: false, end: i };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!m) return null; // a literal '{'
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { repeats: max > 1, end: i + m[0].length - 1 };
}

/** Tests a cell against a checked pattern; a cell longer than MAX_PATTERN_INPUT does not match. */
export function patternMatches(regex: RegExp, value: string): boolean {
  return value.length <= MAX_PATTERN_INPUT && regex.test(value);
}
