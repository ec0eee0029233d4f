#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing:
#   - libsecp256k1 (Debian libsecp256k1-1), the native signature path; tests also cover the managed fallback.
#   - tests/differential/node_modules (@noble/curves, pinned by package-lock.json), the reference the
#     precompile differential tests compare against; they need Node.js and fail in CI (CI=true) without it.
#   - tests/e2e/node_modules (ethers, solc-js, OpenZeppelin, pinned by package-lock.json), the real-client
#     scripts tests/Tachyon.Node.Tests runs against a node; they need Node.js.
set -euo pipefail
cd "$(dirname "$0")/.."

install_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      echo "warning: cannot install ${missing[*]} (not root, no sudo); native paths fall back to managed code" >&2
      return 0
    fi
  fi
  echo "installing ${missing[*]}"
  ${SUDO:-} apt-get update -qq
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq "${missing[@]}" >/dev/null
}

if command -v dpkg >/dev/null 2>&1; then
  install_debian_packages libsecp256k1-1
fi

if [ ! -d tests/differential/node_modules/@noble/curves ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "installing tests/differential npm packages"
    npm ci --prefix tests/differential --no-audit --no-fund >/dev/null
  else
    echo "warning: npm not found; the precompile differential tests cannot run (they fail when CI=true)" >&2
  fi
fi

if [ ! -d tests/e2e/node_modules/ethers ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "installing tests/e2e npm packages"
    npm ci --prefix tests/e2e --no-audit --no-fund >/dev/null
  else
    echo "warning: npm not found; the ethers.js end-to-end tests (tests/Tachyon.Node.Tests) cannot run" >&2
  fi
fi

# The fixture tests print their pass counts; 'detailed' makes the console logger show them.
# Per-test "Passed ..." lines are dropped to keep the log readable.
set +e
dotnet test Tachyon.sln -c Release --logger "console;verbosity=detailed" "$@" 2>&1 | grep -vE '^\s+Passed [A-Za-z]'
rc=${PIPESTATUS[0]}
exit "$rc"
