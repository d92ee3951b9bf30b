#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test (e2e/run.mjs) needs, outside the repository:
#   - system packages: chromium (the browser), ripgrep (seeds code-server's ripgrep download), libkrb5-dev and
#     pkg-config (code-server's native `kerberos` module), through apt-get, only when some are missing and we are root;
#   - code-server 4.100.3 (VS Code 1.100, the newest line that runs on Node 20) and playwright-core, with npm, into
#     $SQLASCOPE_E2E_HOME (default: ${TMPDIR:-/tmp}/sqlascope-e2e).
# Idempotent: a second run with everything in place takes a second. Prints `E2E_HOME=...` and `CHROMIUM=...` last.
# Fails (exit 1, with the reason) when something is missing and cannot be installed here.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE_VERSION=1.15.11     # the @vscode/ripgrep that code-server 4.100.3 pins
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config)

E2E_HOME="${SQLASCOPE_E2E_HOME:-${TMPDIR:-/tmp}/sqlascope-e2e}"
STAMP="code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_VERSION} node@$(node -p 'process.versions.modules')"

say() { echo "e2e/install: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

command -v node >/dev/null || die "node is missing"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node >= 20 needed (code-server ${CODE_SERVER_VERSION} needs Node 20), found $(node --version)"

find_chromium() {
  local c
  for c in "${SQLASCOPE_CHROMIUM:-}" chromium chromium-browser google-chrome-stable google-chrome; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

# -- system packages ----------------------------------------------------------------------------------------------------
missing=()
if [ "$(uname -s)" = Linux ] && command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    if [ "$p" = chromium ] && [ -n "${SQLASCOPE_CHROMIUM:-}" ] && find_chromium >/dev/null; then continue; fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  else
    die "missing system packages: ${missing[*]} (install them as root: apt-get install ${missing[*]}), or set SQLASCOPE_E2E=0 to skip the test"
  fi
fi
CHROMIUM=$(find_chromium) || die "no chromium found (set SQLASCOPE_CHROMIUM to a Chromium/Chrome executable)"
command -v rg >/dev/null 2>&1 || die "ripgrep (rg) is missing"

# -- code-server and playwright-core --------------------------------------------------------------------------------------
mkdir -p "$E2E_HOME"
exec 9>"$E2E_HOME/.lock"
command -v flock >/dev/null 2>&1 && flock -w 900 9  # one install at a time

entry="$E2E_HOME/node_modules/code-server/out/node/entry.js"
if [ -f "$E2E_HOME/.installed" ] && [ "$(cat "$E2E_HOME/.installed")" = "$STAMP" ] && [ -f "$entry" ] \
    && [ -f "$E2E_HOME/node_modules/playwright-core/package.json" ]; then
  say "cached: $STAMP in $E2E_HOME"
else
  rm -f "$E2E_HOME/.installed"
  # @vscode/ripgrep's postinstall downloads rg from GitHub; it first looks in this cache (under Node's os.tmpdir()).
  cache="$(node -p 'os.tmpdir()')/vscode-ripgrep-cache-${RIPGREP_CACHE_VERSION}"
  if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
    say "seeding $cache/$RIPGREP_ASSET with $(command -v rg)"
    mkdir -p "$cache/x"
    cp "$(command -v rg)" "$cache/x/rg"
    tar czf "$cache/$RIPGREP_ASSET.tmp" -C "$cache/x" rg
    mv "$cache/$RIPGREP_ASSET.tmp" "$cache/$RIPGREP_ASSET"
  fi
  say "npm install code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_VERSION} into $E2E_HOME (a few minutes)"
  [ -f "$E2E_HOME/package.json" ] || echo '{"name": "sqlascope-e2e", "private": true}' >"$E2E_HOME/package.json"
  started=$(date +%s)
  (cd "$E2E_HOME" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund \
      --loglevel=error "code-server@${CODE_SERVER_VERSION}" "playwright-core@${PLAYWRIGHT_VERSION}" >"$E2E_HOME/npm-install.log" 2>&1) \
    || { tail -40 "$E2E_HOME/npm-install.log" >&2; die "npm install failed (log: $E2E_HOME/npm-install.log)"; }
  [ -f "$entry" ] || die "code-server installed without $entry"
  echo "$STAMP" >"$E2E_HOME/.installed"
  say "installed in $(( $(date +%s) - started )) s"
fi
"$E2E_HOME/node_modules/.bin/code-server" --version >/dev/null 2>&1 || die "code-server does not run (see $E2E_HOME/npm-install.log)"
echo "E2E_HOME=$E2E_HOME"
echo "CHROMIUM=$CHROMIUM"
