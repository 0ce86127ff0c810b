/**
 * Every schema migration, in order. Migrations are TypeScript modules exporting SQL strings so they
 * ship inside dist/ with no asset copying. Append new ones; never edit an applied one.
 */
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-vectors.js';
import * as m0003 from './0003-statistics.js';
import * as m0004 from './0004-content-version.js';
import * as m0005 from './0005-change-time.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
