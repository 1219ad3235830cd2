#!/usr/bin/env bash
# Installs code-server (a full VS Code 1.100.3: server + web workbench) into .code-server/, so the
# extension's integration tests and `npm start` run in a real VS Code without downloading a VS Code
# build. Idempotent: does nothing when it is already installed. Needs Debian's ripgrep (its `rg`
# seeds @vscode/ripgrep's download cache, since GitHub is not reachable) and the -dev packages
# for code-server's native modules: scripts/setup.js installs those first and then runs this.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # VS Code 1.100.3; newer releases need Node 22+
RIPGREP_PKG_VERSION=1.15.11 # the @vscode/ripgrep that code-server 4.100.3 depends on
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CODE_SERVER_DIR:-$root/.code-server}"
bin="$dir/node_modules/.bin/code-server"

if [[ -x "$bin" ]]; then
  exit 0
fi

rg_path="$(command -v rg || true)"
if [[ -z "$rg_path" ]]; then
  echo "installCodeServer: ripgrep (rg) is missing; install it first (apt-get install ripgrep)" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall looks in this cache before it tries GitHub.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [[ ! -f "$cache/$RIPGREP_ASSET" ]]; then
  mkdir -p "$cache"
  staging="$(mktemp -d)"
  cp "$rg_path" "$staging/rg"
  tar -czf "$cache/$RIPGREP_ASSET" -C "$staging" rg
  rm -rf "$staging"
fi

echo "installCodeServer: installing code-server@$CODE_SERVER_VERSION into $dir (about 90 s)..."
start=$(date +%s)
mkdir -p "$dir"
# unsafe_perm: its postinstall refuses to run as root otherwise.
# yes: node-pty's postinstall runs `npx node-gyp`, which would wait for a "yes" on stdin.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" </dev/null

if [[ ! -x "$bin" ]]; then
  echo "installCodeServer: install finished but $bin is missing" >&2
  exit 1
fi
echo "installCodeServer: done in $(( $(date +%s) - start )) s"
