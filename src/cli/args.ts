// Minimal, strict argument parser shared by all CLI commands (no dependency needed for this).
export class UsageError extends Error {}

export interface OptionSpec {
  /** option name without dashes, e.g. "format" */
  name: string;
  /** true for flags without a value (e.g. --help) */
  boolean?: boolean;
  /** may be given several times */
  multiple?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  usage: string;
  options: OptionSpec[];
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

export function parseArgs(argv: string[], options: OptionSpec[]): ParsedArgs {
  const specs = new Map<string, OptionSpec>(options.map((o) => [o.name, o]));
  specs.set('help', { name: 'help', boolean: true });
  const positional: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positional.push(...argv.slice(i + 1)); break; }
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
