#!/usr/bin/env bash
# Lints an OpenAPI document with Redocly's CLI (pinned), for OpenApiLintTests when the workspace's
# shared/tools/openapi-lint is not beside the repository (a clone elsewhere). Same rules, same CLI
# version: installs @redocly/cli once with npm under ${XDG_CACHE_HOME:-~/.cache}/platform-redocly.
#   redocly-lint.sh <file> [minimal|recommended]
set -euo pipefail
file=${1:?usage: redocly-lint.sh <file> [minimal|recommended]}
rules=${2:-recommended}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/platform-redocly
if [[ ! -x $cache/node_modules/.bin/redocly ]]; then
  command -v npm >/dev/null || { echo "redocly-lint: npm is missing (./platform installs it)" >&2; exit 2; }
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent @redocly/cli@2.77.0 >/dev/null
fi
exec "$cache/node_modules/.bin/redocly" lint "$file" --extends="$rules" --format=stylish
