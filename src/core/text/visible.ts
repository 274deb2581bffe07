// Untrusted text (file content, file names) made safe to print on a terminal: control characters (C0, DEL, C1:
// ESC starts SGR/OSC sequences, CSI is U+009B), bidirectional overrides and isolates (which reorder what is
// shown) and the escapes of invalid UTF-8 bytes (lone surrogates U+DC80-U+DCFF, see csv/stream) become visible
// backslash escapes, so a cell can neither drive the terminal nor disguise itself.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  if (c === '\t') return '\\t';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}`; // an invalid byte
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of untrusted text, every unsafe character shown as an escape (line breaks too). */
export function visible(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** A multi-line text for the terminal: line feeds kept, every other unsafe character shown as an escape. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE_KEEP_LF, escapeChar);
}
