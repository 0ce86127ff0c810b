/**
 * Built-in excludes: what nobody wants in a code index even when the repository does not ignore
 * it. Decided by name only (no I/O), so they cost a Set lookup per directory entry.
 *
 * `default-exclude` decisions can be overridden with a negation in `.codebase-mcpignore` (or
 * `extraIgnore`), e.g. `!vendor/`. VCS metadata and `secret` decisions cannot.
 */

/** Why a path is excluded by default, and whether a user rule may override it. */
export interface DefaultExclusion {
  readonly reason: 'default-exclude' | 'secret';
  readonly detail: string;
  /** True when no ignore-file negation can bring the path back. */
  readonly hard: boolean;
}

const VCS_DIRS = new Set(['.git', '.hg', '.svn', '.bzr', '_darcs', '.jj', 'CVS']);

/** `detail` → space-separated names. Lists are strings so they stay readable one group a line. */
const DIR_GROUPS: Readonly<Record<string, string>> = {
  // Packages installed by package managers: other people's code, re-fetchable.
  dependencies: 'node_modules bower_components jspm_packages vendor Pods .pnpm-store .yarn',
  'build output':
    'dist build out target .next .nuxt .svelte-kit .output .vercel .netlify .docusaurus .expo .angular ' +
    '.turbo .parcel-cache .serverless .gradle .dart_tool _build zig-out zig-cache .zig-cache .stack-work ' +
    'elm-stuff DerivedData coverage .nyc_output htmlcov __pycache__',
  // Directories containing pyvenv.cfg are recognised whatever their name.
  virtualenv: '.venv venv .direnv .devenv .conda .pixi',
  cache:
    '.cache .pytest_cache .mypy_cache .ruff_cache .hypothesis .tox .nox .eggs .terraform .sass-cache .idea ' +
    '.bundle .pub-cache',
};

const FILE_GROUPS: Readonly<Record<string, string>> = {
  'lock file':
    'package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lock bun.lockb deno.lock Cargo.lock ' +
    'poetry.lock Pipfile.lock pdm.lock uv.lock Gemfile.lock composer.lock go.sum go.work.sum mix.lock ' +
    'pubspec.lock Podfile.lock Package.resolved flake.lock packages.lock.json gradle.lockfile .terraform.lock.hcl',
  cache: '.eslintcache',
  'os metadata': '.DS_Store Thumbs.db desktop.ini',
};

/** Extensions excluded by name; content sniffing catches binaries with any other name. */
const EXTENSION_GROUPS: Readonly<Record<string, string>> = {
  image: 'png jpg jpeg gif bmp ico icns webp tif tiff psd heic avif svg xcf ai eps raw cr2 nef',
  media: 'mp3 mp4 m4a m4v wav ogg oga ogv flac aac opus webm mov avi mkv wmv flv mpg mpeg mid midi',
  archive:
    'zip tar gz tgz bz2 tbz2 xz txz lz lzma zst 7z rar jar war ear aar whl egg nupkg gem deb rpm dmg iso apk ' +
    'ipa xpi vsix crx cab msi',
  font: 'ttf otf woff woff2 eot pfb pfm',
  binary:
    'exe dll so dylib a lib o obj ko class pyc pyo pyd wasm bin dat node elf beam dex rlib pdb ilk exp idb ' +
    'swp swo',
  document: 'pdf doc docx xls xlsx ppt pptx odt ods odp pages numbers epub mobi ps',
  data:
    'db sqlite sqlite3 db3 mdb accdb parquet avro orc feather arrow h5 hdf5 npy npz pkl pickle pt pth onnx ' +
    'safetensors ckpt tflite pb tfrecord gguf mat sav dta rdata rds',
  'source map': 'map',
  'lock file': 'lock',
};

/** Inverts `detail → names` groups into a `name → detail` lookup. */
function byName(groups: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(
    Object.entries(groups).flatMap(([detail, names]) =>
      names.split(' ').map((name) => [name, detail] as const),
    ),
  );
}

const DIRS = byName(DIR_GROUPS);
const FILES = byName(FILE_GROUPS);
const BY_EXTENSION = byName(EXTENSION_GROUPS);

const SECRET_EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ...['pem', 'key', 'p12', 'pfx', 'p8', 'jks', 'keystore', 'ppk'].map(
    (ext) => [ext, 'key or certificate'] as const,
  ),
  ['kdbx', 'password database'],
  ['tfstate', 'terraform state'],
  ['env', 'environment file'],
]);
const SECRET_FILES = new Set([
  '.env',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.htpasswd',
  '.pgpass',
  '.dockercfg',
  'credentials.json',
]);
/** `.env.example` and friends document variables; they are meant to be committed and read. */
const ENV_TEMPLATES = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'schema', 'tmpl']);
const SSH_KEY = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\..*)?$/;

const MINIFIED_NAME = /[.-]min\.(?:js|mjs|cjs|css)$/;

/** Project files next to which `bin/` and `obj/` are .NET build output rather than scripts. */
const DOTNET_PROJECT = /\.(?:csproj|fsproj|vbproj|sln)$/i;

/**
 * Default exclusion of a directory named `name`. `siblings` are the names in its parent
 * directory (for `bin/`/`obj/` next to a .NET project) — pass an empty list when unknown.
 */
export function defaultDirectoryExclusion(
  name: string,
  siblings: readonly string[],
): DefaultExclusion | null {
  if (VCS_DIRS.has(name)) return { reason: 'default-exclude', detail: 'version control', hard: true };
  const detail = DIRS.get(name);
  if (detail !== undefined) return { reason: 'default-exclude', detail, hard: false };
  if (name.endsWith('.egg-info')) return { reason: 'default-exclude', detail: 'build output', hard: false };
  if ((name === 'bin' || name === 'obj') && siblings.some((s) => DOTNET_PROJECT.test(s))) {
    return { reason: 'default-exclude', detail: '.NET build output', hard: false };
  }
  return null;
}

/** True when a root-relative path lies inside version-control metadata (`.git/hooks/x`). */
export function isInsideVcsDirectory(path: string): boolean {
  return path.split('/').some((segment) => VCS_DIRS.has(segment));
}

/** A directory whose listing contains `pyvenv.cfg` is a Python virtualenv, whatever its name. */
export function isVirtualenvListing(names: readonly string[]): boolean {
  return names.includes('pyvenv.cfg');
}

/** Default exclusion of a file named `name` (secrets, lock files, media, minified bundles...). */
export function defaultFileExclusion(name: string): DefaultExclusion | null {
  const lower = name.toLowerCase();
  // `.git` is a file in worktrees and submodules.
  if (VCS_DIRS.has(name)) return { reason: 'default-exclude', detail: 'version control', hard: true };
  const secret = secretDetail(lower);
  if (secret !== null) return { reason: 'secret', detail: secret, hard: true };
  const fileDetail = FILES.get(name);
  if (fileDetail !== undefined) return { reason: 'default-exclude', detail: fileDetail, hard: false };
  if (MINIFIED_NAME.test(lower)) return { reason: 'default-exclude', detail: 'minified', hard: false };
  const dot = lower.lastIndexOf('.');
  if (dot > 0) {
    const detail = BY_EXTENSION.get(lower.slice(dot + 1));
    if (detail !== undefined) return { reason: 'default-exclude', detail, hard: false };
  }
  return null;
}

function secretDetail(lower: string): string | null {
  if (SECRET_FILES.has(lower)) return 'credentials file';
  if (lower.startsWith('.env.')) {
    return lower
      .slice(5)
      .split('.')
      .some((part) => ENV_TEMPLATES.has(part))
      ? null
      : 'environment file';
  }
  if (SSH_KEY.test(lower)) return 'ssh key';
  if (lower.endsWith('.tfstate.backup')) return 'terraform state';
  const dot = lower.lastIndexOf('.');
  return dot > 0 ? (SECRET_EXTENSIONS.get(lower.slice(dot + 1)) ?? null) : null;
}
