/** The CLI from source (through tsx), for end-to-end tests that spawn `codebase-mcp`. */
import { main } from '../../src/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
