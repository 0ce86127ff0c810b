/**
 * Small real repositories written to a temp dir by the tests.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileTree = Record<string, string | Buffer>;

export async function writeTree(root: string, files: FileTree): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

export async function makeRepo(files: FileTree, prefix = 'cmcp-repo-'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await writeTree(root, files);
  return root;
}

/** A few languages, a nested ignore file, a test file and docs: a miniature real project. */
export const SAMPLE_REPO: FileTree = {
  '.gitignore': 'dist/\n*.log\n',
  'README.md':
    '# Sample\n\nA tiny HTTP router used by the tests.\n\n## Usage\n\nCall `createRouter()` and add routes.\n',
  'src/router.ts': `import { parseQueryString } from './query.js';

/** Routes requests to handlers by method and path. */
export class Router {
  private readonly routes = new Map<string, Handler>();

  /** Registers a handler for a method and path. */
  add(method: string, path: string, handler: Handler): void {
    this.routes.set(method + ' ' + path, handler);
  }

  /** Dispatches a request to the matching handler, or answers 404. */
  handle(request: Request): Response {
    const handler = this.routes.get(request.method + ' ' + request.path);
    if (!handler) return { status: 404, body: 'not found' };
    return handler({ ...request, query: parseQueryString(request.rawQuery) });
  }
}

export type Handler = (request: Request) => Response;
export interface Request { method: string; path: string; rawQuery: string; query?: Record<string, string> }
export interface Response { status: number; body: string }
`,
  'src/query.ts': `/** Splits a raw query string like a=1&b=2 into a record, decoding percent escapes. */
export function parseQueryString(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const [key, value = ''] = pair.split('=');
    out[decodeURIComponent(key!)] = decodeURIComponent(value);
  }
  return out;
}
`,
  'lib/retry.py': `import time


def retry_with_backoff(operation, attempts=5, base_delay=0.1):
    """Call operation until it succeeds, sleeping exponentially longer between failures."""
    for attempt in range(attempts):
        try:
            return operation()
        except ConnectionError:
            time.sleep(base_delay * (2 ** attempt))
    raise TimeoutError("gave up after %d attempts" % attempts)


class TokenBucket:
    """Rate limiter that refills tokens at a fixed rate."""

    def __init__(self, rate, capacity):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity

    def take(self, n=1):
        if self.tokens >= n:
            self.tokens -= n
            return True
        return False
`,
  'cmd/server/main.go': `package main

import (
	"fmt"
	"net/http"
)

// Server wraps an HTTP listener with graceful shutdown.
type Server struct {
	addr string
}

// ListenAndServe starts accepting connections on the configured address.
func (s *Server) ListenAndServe() error {
	fmt.Println("listening on", s.addr)
	return http.ListenAndServe(s.addr, nil)
}

func main() {
	s := &Server{addr: ":8080"}
	_ = s.ListenAndServe()
}
`,
  'test/router.test.ts': `import { Router } from '../src/router.js';
test('router dispatches requests to handlers', () => {
  const router = new Router();
  router.add('GET', '/', () => ({ status: 200, body: 'ok' }));
});
`,
  'dist/bundle.js': 'this is build output and must be ignored',
  'debug.log': 'ignored log',
};
