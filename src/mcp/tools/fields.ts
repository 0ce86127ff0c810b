/** Argument schemas shared by several tools, so they read and validate the same everywhere. */
import { z } from 'zod';

export const projectField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash or underscore; at most 63')
  .optional()
  .describe('Project namespace (default: the server default)');

export const repositoryField = z
  .string()
  .min(1)
  .max(4096)
  .describe('Indexed repository: its absolute root path or a unique trailing part such as "my-app"');

export const jobIdField = z.string().min(1).max(100).describe('job_id returned by index_repository');
