/**
 * A zod issue for one setting in plain words ("expected a whole number", "must be at most 3600
 * seconds"), never zod's own wording.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** What was wrong with a setting's value; `unit` (seconds, bytes…) follows numeric limits. */
export function describeIssue(issue: Issue | undefined, unit?: string): string {
  const units = unit ? ` ${unit}` : '';
  const limit = (n: unknown) => `${String(n)}${unit && n === 1 ? ` ${unit.replace(/s$/, '')}` : units}`;
  switch (issue?.code) {
    case 'invalid_type':
      return `expected ${TYPES[String(issue.expected)] ?? String(issue.expected)}${unit && (issue.expected === 'number' || issue.expected === 'int') ? ` of ${unit}` : ''}`;
    case 'too_small':
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${limit(issue.minimum)}`;
      }
      if (!issue.message.startsWith('Too small')) return issue.message;
      return issue.origin === 'string'
        ? 'must not be empty'
        : `needs at least ${String(issue.minimum)} items`;
    case 'too_big':
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${limit(issue.maximum)}`;
      }
      return `is too long (at most ${String(issue.maximum)})`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'expected a URL such as http://host:port';
      return issue.message.startsWith('Invalid') ? `does not have the expected form` : issue.message;
    case 'invalid_union':
      return 'expected a list (comma separated, or a JSON array of strings in the config file)';
    default:
      return 'is not a valid value';
  }
}

const TYPES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  boolean: 'true or false',
};
