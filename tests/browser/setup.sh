#!/usr/bin/env bash
# Installs what tests/test_browser.py needs; safe to run again (it only installs what is missing).
#   - Chromium from Debian (apt-get, as root), when /usr/bin/chromium is missing;
#   - playwright-core, axe-core and vnu-jar from npm into tests/browser/node_modules, from the lock file.
# Node, npm and Java come with the machine. Install scripts are skipped: vnu-jar's would try to
# download a Java runtime, and the machine's own Java is used instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: /usr/bin/chromium is missing; install it as root: apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# node_modules/.installed-lock is a copy of the lock file it was installed from: a changed lock reinstalls.
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.installed-lock" 2>/dev/null; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$here/node_modules/.installed-lock"
fi
