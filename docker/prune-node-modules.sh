#!/bin/sh
# Shrinks a production node_modules for the runtime image. Everything removed is never loaded at
# run time: tree-sitter grammars the chunker does not use, PGlite's bundled contrib extensions
# (pgvector comes from @electric-sql/pglite-pgvector), source maps, type definitions, docs.
# Usage: prune-node-modules.sh NODE_MODULES_DIR GRAMMARS_FILE
#   GRAMMARS_FILE: one `<package>/<file>` per line, as printed by docker/list-grammars.mjs
set -eu
nm=$1
grammars=$2

# grammar packages ship many more languages than the chunker loads (tree-sitter-wasms: ~36, 50 MB)
# shellcheck disable=SC2013 # package names have no spaces
for pkg in $(sed -n 's|^\(@[^/]*/[^/]*\)/.*|\1|p; s|^\([^@][^/]*\)/.*|\1|p' "$grammars" | sort -u); do
  find "$nm/$pkg" -name 'tree-sitter-*.wasm' | while read -r f; do
    grep -qxF "${f#"$nm"/}" "$grammars" || rm -f "$f"
  done
done
while read -r g; do
  [ -z "$g" ] || [ -f "$nm/$g" ] || { echo "prune-node-modules: grammar $g not found" >&2; exit 1; }
done <"$grammars"

rm -f "$nm"/@electric-sql/pglite/dist/*.tar.gz
rm -rf "$nm/web-tree-sitter/debug" "$nm/tree-sitter-wasms/bindings" "$nm/tree-sitter-wasms/src"
# tree-sitter-haskell, tree-sitter-scala and tree-sitter-grammars' Lua: only their .wasm is loaded;
# the C sources, native prebuilds and the native build helpers they depend on are ~43, ~50 and ~1 MB
lua="$nm/@tree-sitter-grammars/tree-sitter-lua"
rm -rf "$nm/tree-sitter-haskell/src" "$nm/tree-sitter-haskell/prebuilds" "$nm/tree-sitter-haskell/bindings" \
  "$nm/tree-sitter-scala/src" "$nm/tree-sitter-scala/prebuilds" "$nm/tree-sitter-scala/bindings" \
  "$nm/tree-sitter-scala/grammar" "$nm/tree-sitter-scala/queries" \
  "$nm/tree-sitter-haskell/grammar" "$nm/tree-sitter-haskell/queries" \
  "$lua/src" "$lua/prebuilds" "$lua/bindings" "$lua/queries" "$lua/grammar.js" "$lua/binding.gyp" \
  "$nm/node-addon-api" "$nm/node-gyp-build"

find "$nm" -depth \( \
    -name '*.map' -o -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' -o -name '*.ts' -o -name '*.tsbuildinfo' \
    -o -iname 'README*' -o -iname 'CHANGELOG*' -o -iname 'HISTORY*' -o -name '*.markdown' -o -name '.github' \
    -o -name '.npmignore' -o -name '.eslintrc*' -o -name '.prettierrc*' -o -name '.editorconfig' \
    -o \( -type d \( -name test -o -name tests -o -name __tests__ -o -name docs -o -name example -o -name examples \) \) \
  \) -exec rm -rf {} +
find "$nm" -depth -type d -empty -delete
