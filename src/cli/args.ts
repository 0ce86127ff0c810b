/**
 * Command-line parsing: the command word(s), then flags checked against what that command accepts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CodebaseError } from '../core/index.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

const GLOBAL: Record<string, OptionSpec> = {
  project: { type: 'string', short: 'p' },
  'database-url': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** More lines for `<command> --help`: what the flags do. */
  readonly details?: readonly string[];
  /** What the first SIGINT/SIGTERM does, as its message says it (default "stopping"). */
  readonly onSignal?: string;
  readonly options: Record<string, OptionSpec>;
  /** Allowed positional arguments: [min, max]. */
  readonly positionals: readonly [number, number];
}

export interface ParsedArgs {
  readonly command: CommandSpec;
  readonly args: string[];
  readonly flags: Record<string, string | boolean | string[] | undefined>;
}

export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const [first, second] = argv;
  const spec =
    commands.find((c) => c.name === `${first} ${second}`) ?? commands.find((c) => c.name === first);
  const subcommands = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
  if (!spec && subcommands.length > 0) {
    const what = second ? `Unknown command "${first} ${second}".` : `"${first}" needs a subcommand.`;
    throw new CodebaseError('INVALID_ARGUMENT', what, {
      hint: `Use ${subcommands.join(' or ')}. Run codebase-mcp --help for usage.`,
    });
  }
  if (!spec) {
    throw new CodebaseError('INVALID_ARGUMENT', first ? `Unknown command "${first}".` : 'No command given.', {
      hint: `Commands: ${commands.map((c) => c.name).join(', ')}. Run codebase-mcp --help for usage.`,
    });
  }
  const rest = argv.slice(spec.name.split(' ').length);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...GLOBAL, ...spec.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      describeParseError(error, rest, { ...GLOBAL, ...spec.options }),
      {
        hint: `Usage: ${spec.usage}`,
      },
    );
  }
  const [min, max] = spec.positionals;
  if (!parsed.values['help'] && (parsed.positionals.length < min || parsed.positionals.length > max)) {
    throw new CodebaseError('INVALID_ARGUMENT', `Wrong number of arguments for "${spec.name}".`, {
      hint: `Usage: ${spec.usage}`,
    });
  }
  return { command: spec, args: parsed.positionals, flags: parsed.values as ParsedArgs['flags'] };
}

/** parseArgs' errors (several lines, unbalanced quotes) in one sentence of our own. */
function describeParseError(
  error: unknown,
  args: readonly string[],
  options: Record<string, OptionSpec>,
): string {
  const { code, message } = error as { code?: string; message: string };
  const [, short, long] = /'(?:(-\w), )?(--?[\w-]+)/.exec(message) ?? [];
  const option = long ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `Unknown option "${option}" (to pass it as an argument, put it after "--").`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `Option ${option} takes no value.`;
    const at = args.findIndex((a) => a === long || a === short);
    const next = at === -1 ? undefined : args[at + 1];
    if (/ambiguous/.test(message) && next !== undefined) {
      const name = Object.entries(options).find(([, o]) => `-${o.short}` === option)?.[0];
      const spelled = name ? `--${name}` : option;
      return `Option ${option} needs a value; "${next}" looks like an option (write ${spelled}=${next} if it is the value).`;
    }
    return `Option ${option} needs a value.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'Unexpected argument.';
  return `Invalid command line: ${message.split('\n')[0]!.replace(/\.$/, '')}.`;
}
