// Terminal hygiene: untrusted text made visible, and colour only for a terminal that wants it.

/**
 * Control chars of untrusted file content made visible, so a header or a path cannot drive the terminal; also
 * bidi overrides and escaped invalid UTF-8 bytes (core/text/visible, shared with the reports).
 */
import { terminalSafe, visible } from '../core/text/visible';

export { terminalSafe, visible };

/**
 * Colour (ANSI escapes) only when the stream is a terminal, NO_COLOR is unset or empty (https://no-color.org)
 * and TERM is not "dumb". Output to a file or a pipe never holds escapes.
 */
export function colourEnabled(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if ((stream as { isTTY?: boolean }).isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export interface Style {
  error(text: string): string;
  bold(text: string): string;
}

const plain: Style = { error: (t) => t, bold: (t) => t };
const ansi: Style = { error: (t) => `\u001b[1;31m${t}\u001b[0m`, bold: (t) => `\u001b[1m${t}\u001b[0m` };

export function styleFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Style {
  return colourEnabled(stream, env) ? ansi : plain;
}

/** "wrote PATH (N rows)" */
export function wroteLine(file: string, rows: number, what = 'row'): string {
  return `wrote ${visible(file)} (${rows.toLocaleString('en-GB')} ${what}${rows === 1 ? '' : 's'})`;
}
