/** Definitions named by a stop word (`new`, `default`) are found by a query of that name. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from '../../src/indexer/index.js';
import { analyzeQuery, searchCode } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeRepo } from '../support/fixture-repo.js';

describe('a query of stop words only', () => {
  it('reads its words as a name, without the definition keyword', () => {
    expect(analyzeQuery('new').terms.map((t) => t.term)).toEqual(['=new']);
    expect(analyzeQuery('fn new').terms.map((t) => t.term)).toEqual(['=new']);
    expect(analyzeQuery('sub new').terms.map((t) => t.term)).toEqual(['sub', '=new']);
    // with other words, stop words stay out of the query
    expect(analyzeQuery('create a new parser').terms.map((t) => t.term)).toEqual(['creat', 'pars']);
  });

  describe('search', () => {
    let store: Store;
    let root: string;
    beforeAll(async () => {
      store = await openStore({ url: 'memory://' });
      // Go's constructor `New` is a definition of its own.
      root = await makeRepo({
        'config/config.go': [
          'package config',
          '',
          'type Config struct {',
          '\tRetries int',
          '}',
          '',
          '// New returns a Config with three retries.',
          'func New() *Config {',
          '\treturn &Config{Retries: 3}',
          '}',
          '',
          'func (c *Config) WithRetries(n int) *Config {',
          '\tc.Retries = n',
          '\treturn c',
          '}',
          '',
        ].join('\n'),
        'lib/Retry.pm': [
          'package Retry;',
          'use strict;',
          '',
          'sub new {',
          '  my ($class, %args) = @_;',
          '  return bless { tries => $args{tries} // 3 }, $class;',
          '}',
          '',
          'sub run {',
          '  my ($self, $code) = @_;',
          // long enough that the package is no single chunk
          ...Array.from({ length: 130 }, (_, i) => `  my $step${i} = $self->attempt($code, ${i});`),
          '  return 0;',
          '}',
          '',
          '1;',
          '',
        ].join('\n'),
        'pool/pool.go':
          'package pool\n\nfunc SpawnWorker(id int) int {\n\tnext := id + 1\n\treturn next\n}\n',
      });
      await indexRepository(store, { root, project: 'names', maxFileBytes: 1 << 20, workers: 0 });
    });
    afterAll(async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    });

    it("finds Perl's constructor by its keyword and name", async () => {
      const { results } = await searchCode(store, { query: 'sub new', project: 'names' });
      expect(results[0]).toMatchObject({ path: 'lib/Retry.pm', symbol: 'Retry.new' });
    });

    it('finds the definition named by the stop word', async () => {
      for (const query of ['new', 'func New']) {
        const { results, notice } = await searchCode(store, { query, project: 'names' });
        expect(notice, query).toBeUndefined();
        expect(results[0], query).toMatchObject({ path: 'config/config.go', symbol: 'New' });
      }
      // stop words that name no definition say so
      const none = await searchCode(store, { query: 'the and of', project: 'names' });
      expect(none.results).toEqual([]);
      expect(none.notice).toMatch(/only stop words/);
      // punctuation alone still has nothing to search for
      const empty = await searchCode(store, { query: '()', project: 'names' });
      expect(empty.results).toEqual([]);
      expect(empty.notice).toMatch(/no searchable words/);
    });
  });
});
