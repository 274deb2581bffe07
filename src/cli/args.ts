// Minimal, strict argument parser shared by all CLI commands (no dependency needed for this), and the shape of a
// command module: each command declares its own usage, options, examples and exit codes; main.ts only dispatches.
export class UsageError extends Error {}

export interface OptionSpec {
  /** option name without dashes, e.g. "format" */
  name: string;
  /** true for flags without a value (e.g. --help) */
  boolean?: boolean;
  /** may be given several times */
  multiple?: boolean;
  /** placeholder of the value in the help, e.g. "FILE.csv" */
  value?: string;
  /** one line for the help's option list */
  help?: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** What `iapt <command> --help` says, as data (rendered by renderHelp). */
export interface CommandHelp {
  /** the command's arguments after `iapt <name>`, e.g. "<path>... [options]" */
  synopsis: string;
  /** one line for `iapt --help` */
  summary: string;
  /** paragraphs after the usage line */
  description: string;
  /** full command lines, e.g. "iapt decode EndCode 46" */
  examples: string[];
  /** every exit code the command can return, with its meaning (3, an internal error, is added by renderHelp) */
  exitCodes: [number, string][];
}

export interface CliCommand {
  /** the full `--help` text */
  usage: string;
  options: OptionSpec[];
  /** structured help (commands built with defineCommand have it) */
  help?: CommandHelp & { name: string };
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Exit code of an unexpected error (a bug); main.ts returns it and every command's help lists it. */
export const INTERNAL_ERROR = 3;

/** The `--help` text of a command from its declared help and options. */
export function renderHelp(name: string, help: CommandHelp, options: readonly OptionSpec[]): string {
  const opts = options.filter((o) => o.help).map((o) => [`--${o.name}${o.value ? ` ${o.value}` : ''}`, o.help!] as const);
  opts.push(['--help', 'this help']);
  const width = Math.min(28, Math.max(...opts.map(([f]) => f.length)) + 2);
  const internal: [number, string] = [INTERNAL_ERROR, 'internal error (a bug: please report it; IAPT_DEBUG=1 prints the stack)'];
  const codes = [...help.exitCodes, internal].sort((a, b) => a[0] - b[0]);
  return [
    `Usage: iapt ${name} ${help.synopsis}`,
    '',
    help.description,
    '',
    'Options:',
    ...opts.map(([f, h]) => (f.length + 2 > width ? `  ${f}\n  ${' '.repeat(width)}${h}` : `  ${f.padEnd(width)}${h}`)),
    '',
    'Examples:',
    ...help.examples.map((e) => `  ${e}`),
    '',
    'Exit codes:',
    ...codes.map(([c, m]) => `  ${String(c).padStart(3)}  ${m}`),
  ].join('\n');
}

/** A command module from its help, options and run function; `usage` is rendered from the help. */
export function defineCommand(spec: { name: string; help: CommandHelp; options: OptionSpec[]; run: CliCommand['run'] }): CliCommand {
  return { usage: renderHelp(spec.name, spec.help, spec.options), options: spec.options, help: { ...spec.help, name: spec.name }, run: spec.run };
}

export function parseArgs(argv: string[], options: OptionSpec[]): ParsedArgs {
  const specs = new Map<string, OptionSpec>(options.map((o) => [o.name, o]));
  specs.set('help', { name: 'help', boolean: true });
  const positional: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (arg === '-h') { flags.help = true; continue; }
    if (!arg.startsWith('--') || arg === '-') { positional.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs.get(name);
    if (!spec) throw new UsageError(`unknown option --${name}`);
    let value: string | boolean;
    if (spec.boolean) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      value = true;
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (spec.multiple) {
      const list = (flags[name] as string[] | undefined) ?? [];
      list.push(String(value));
      flags[name] = list;
    } else {
      if (flags[name] !== undefined) throw new UsageError(`--${name} given twice`);
      flags[name] = value;
    }
  }
  return { positional, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}
