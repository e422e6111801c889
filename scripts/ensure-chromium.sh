#!/usr/bin/env bash
# The browser end-to-end test drives Debian's Chromium (/usr/bin/chromium) with playwright-core.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-debian-package.sh" chromium chromium "the browser end-to-end test"
