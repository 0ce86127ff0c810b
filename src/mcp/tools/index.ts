/** Every tool the server offers, in the order `tools/list` shows them. */
import { cancelIndexingTool } from './cancel-indexing.js';
import { getIndexingStatusTool } from './get-indexing-status.js';
import { indexRepositoryTool } from './index-repository.js';
import { listRepositoriesTool } from './list-repositories.js';
import { readCodeTool } from './read-code.js';
import { removeRepositoryTool } from './remove-repository.js';
import { searchCodeTool } from './search-code.js';
import type { ToolDefinition } from './tool.js';

export const TOOLS: readonly ToolDefinition[] = [
  searchCodeTool,
  readCodeTool,
  listRepositoriesTool,
  indexRepositoryTool,
  getIndexingStatusTool,
  cancelIndexingTool,
  removeRepositoryTool,
];

export type { ToolCall, ToolContext, ToolDefinition } from './tool.js';
