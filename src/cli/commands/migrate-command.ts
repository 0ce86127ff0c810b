import type { CommandSpec } from '../args.js';
import { print, type Command } from '../io.js';

export const migrateSpec: CommandSpec = {
  name: 'migrate',
  usage: 'codebase-mcp migrate [--database-url URL]',
  summary: 'Apply pending database migrations (safe to run concurrently).',
  options: {},
  positionals: [0, 0],
};

export const migrateCommand: Command = async (ctx) => {
  const store = await ctx.openStore({ migrate: false });
  const result = await store.migrate();
  print(
    ctx.io.stderr,
    result.applied.length > 0
      ? `applied migrations ${result.applied.join(', ')}; schema at version ${result.current}`
      : `schema already at version ${result.current}; nothing to apply`,
  );
  return 0;
};
