/**
 * Built-in excludes: what nobody wants in a code index even when the repository does not ignore
 * it. Decided by name, and for a few generic directory names by the names next to them (the
 * parent's listing, which the walk has already read): no I/O, a Set lookup per directory entry.
 *
 * `default-exclude` decisions can be overridden with a negation in `.codebase-mcpignore` (or
 * `extraIgnore`), e.g. `!vendor/` or `!build/`, and for directories by an include glob that names
 * a path inside them. VCS metadata and `secret` decisions cannot.
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
  // `dist build out target coverage` are also common names of source folders: see OUTPUT_DIRS.
  'build output':
    '.next .nuxt .svelte-kit .output .vercel .netlify .docusaurus .expo .angular ' +
    '.turbo .parcel-cache .serverless .gradle .dart_tool _build zig-out zig-cache .zig-cache .stack-work ' +
    'elm-stuff DerivedData .nyc_output htmlcov __pycache__',
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
 * Generic names that are build output (or test coverage reports) where build tools put them: at
 * the repository root, or next to a project manifest. Elsewhere they are often source folders
 * (pip's `src/pip/_internal/operations/build/`, a Java package `…/out/`), so they are kept.
 */
const OUTPUT_DIRS = new Set(['build', 'dist', 'out', 'target', 'coverage']);
/** Files that make their directory a project or package root, where build tools write their output. */
const MANIFESTS = new Set(
  (
    'package.json deno.json deno.jsonc Cargo.toml pom.xml build.gradle build.gradle.kts settings.gradle ' +
    'settings.gradle.kts build.sbt build.xml setup.py setup.cfg pyproject.toml go.mod CMakeLists.txt ' +
    'meson.build Makefile makefile GNUmakefile configure.ac composer.json Gemfile mix.exs build.zig ' +
    'pubspec.yaml stack.yaml cabal.project dune-project project.clj deps.edn elm.json Package.swift ' +
    'angular.json'
  ).split(' '),
);
const MANIFEST_PATTERN = /\.(?:csproj|fsproj|vbproj|sln|cabal|gemspec|nimble)$/i;

/** Where a directory entry is: the names in the same directory, and whether that is the scan root. */
export interface DirectoryContext {
  /** Names in the parent directory (its listing); empty when unknown. */
  readonly siblings: readonly string[];
  /** The parent is the repository root. */
  readonly atRoot: boolean;
}

/** Default exclusion of a directory named `name` in a directory described by `context`. */
export function defaultDirectoryExclusion(name: string, context: DirectoryContext): DefaultExclusion | null {
  if (VCS_DIRS.has(name)) return { reason: 'default-exclude', detail: 'version control', hard: true };
  const detail = DIRS.get(name);
  if (detail !== undefined) return { reason: 'default-exclude', detail, hard: false };
  if (name.endsWith('.egg-info')) return { reason: 'default-exclude', detail: 'build output', hard: false };
  if (OUTPUT_DIRS.has(name)) {
    const where = context.atRoot ? 'at the repository root' : manifestIn(context.siblings);
    if (where === null) return null;
    const what = name === 'coverage' ? 'coverage report' : 'build output';
    return { reason: 'default-exclude', detail: `${what} (${where})`, hard: false };
  }
  if ((name === 'bin' || name === 'obj') && context.siblings.some((s) => DOTNET_PROJECT.test(s))) {
    return { reason: 'default-exclude', detail: '.NET build output', hard: false };
  }
  return null;
}

/** `next to package.json` when the listing has a project manifest, else null. */
function manifestIn(names: readonly string[]): string | null {
  const manifest = names.find((n) => MANIFESTS.has(n) || MANIFEST_PATTERN.test(n));
  return manifest === undefined ? null : `next to ${manifest}`;
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
