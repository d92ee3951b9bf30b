#!/usr/bin/env bash
# The VS Code extension's tests: npm ci, type check, bundle, unit tests (mocked VS Code), vsix packaging
# (with the vendored server), contract tests against the real Python server, checks of the .vsix, then the
# end-to-end test in a real VS Code (code-server in headless Chromium, e2e/README.md).
# Needs Node ≥ 20 with the npm registry, python3 ≥ 3.10 with pip and PyPI (for bundle-server); for the end-to-end
# test, Chromium and ripgrep (e2e/install.sh installs them with apt-get when run as root) and ~320 MB in
# $SQLASCOPE_E2E_HOME (default ${TMPDIR:-/tmp}/sqlascope-e2e, kept between runs). SQLASCOPE_E2E=0 skips that test;
# otherwise an environment that cannot run it fails the run.
# Interpreter with sqlascope installed for the fromEnvironment contract test: $SQLASCOPE_TEST_PYTHON, else
# ../.venv/bin/python, else a venv made here (.test-venv). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() {  # step NAME COMMAND...: a build step; its failure stops the run
  echo "==> $1"
  shift
  if ! "$@"; then
    echo "client-vscode: step failed: $*" >&2
    failed=$((failed + 1))
    echo "client-vscode: ${passed} passed, ${failed} failed"
    exit 1
  fi
}

suite() {  # suite NAME MOCHARC: a mocha run; its counts go into the summary, a failure does not stop the others
  echo "==> $1"
  npx mocha --config "$2" --reporter spec 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo '^ +[0-9]+ passing' "$log" | grep -Eo '[0-9]+' | tail -1)
  f=$(grep -Eo '^ +[0-9]+ failing' "$log" | grep -Eo '[0-9]+' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
    failed=$((failed + 1))  # mocha failed without a failing test (crash, no tests found)
  fi
  if [ "${p:-0}" -eq 0 ]; then
    echo "client-vscode: $1 ran no test" >&2
    failed=$((failed + 1))
  fi
}

if [ -z "${SQLASCOPE_TEST_PYTHON:-}" ]; then
  if [ -x ../.venv/bin/python ]; then
    export SQLASCOPE_TEST_PYTHON="$PWD/../.venv/bin/python"
  else
    if [ ! -x .test-venv/bin/python ]; then
      step "venv with sqlascope for the contract test" python3 -m venv .test-venv
    fi
    step "install sqlascope into .test-venv" .test-venv/bin/python -m pip install --quiet --disable-pip-version-check ..
    export SQLASCOPE_TEST_PYTHON="$PWD/.test-venv/bin/python"
  fi
fi
echo "client-vscode: fromEnvironment interpreter: $SQLASCOPE_TEST_PYTHON"

step "npm ci" npm ci --no-audit --no-fund
step "type check" npm run --silent typecheck
step "bundle (esbuild)" npm run --silent build
step "compile tests" npm run --silent compile-tests
suite "unit tests" .mocharc.unit.json
rm -f ./*.vsix
step "package (bundle-server + vsce)" npm run --silent package
suite "contract tests" .mocharc.contract.json
suite "packaging tests" .mocharc.package.json

vsix=$(ls ./*.vsix 2>/dev/null | head -1)
[ -n "$vsix" ] && echo "client-vscode: $(basename "$vsix") $(stat -c %s "$vsix") bytes"

# The .vsix in a real VS Code: code-server 4.100.3 driven by headless Chromium (e2e/run.mjs, e2e/README.md).
if [ "${SQLASCOPE_E2E:-1}" = "0" ]; then
  echo "==> end-to-end test in code-server: SKIPPED (SQLASCOPE_E2E=0)"
else
  echo "==> end-to-end test in code-server: install (e2e/install.sh)"
  t0=$(date +%s)
  if timeout -k 10 1200 bash e2e/install.sh; then
    echo "client-vscode: e2e install took $(( $(date +%s) - t0 )) s"
    echo "==> end-to-end test in code-server"
    t0=$(date +%s)
    timeout -k 10 900 node e2e/run.mjs --vsix "$vsix" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    summary=$(grep -Eo '^e2e: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    if [ -n "$summary" ]; then
      passed=$((passed + $(echo "$summary" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+')))
      failed=$((failed + $(echo "$summary" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')))
    fi
    if [ -z "$summary" ] || { [ "$status" -ne 0 ] && ! echo "$summary" | grep -Eq '[1-9][0-9]* failed'; }; then
      echo "client-vscode: the end-to-end test crashed or timed out (exit $status)" >&2
      failed=$((failed + 1))
    fi
    echo "client-vscode: e2e took $(( $(date +%s) - t0 )) s; screenshots and logs in e2e/artifacts/"
  else
    echo "client-vscode: FAILED: the end-to-end test cannot run here (see above); set SQLASCOPE_E2E=0 to skip it" >&2
    failed=$((failed + 1))
  fi
fi
echo "client-vscode: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
