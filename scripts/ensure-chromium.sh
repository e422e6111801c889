#!/usr/bin/env bash
# The browser end-to-end test drives Debian's Chromium (/usr/bin/chromium) with playwright-core.
# Installs it with apt-get when missing (as root, or with sudo); otherwise says what to run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
	/usr/bin/chromium --version 2>/dev/null || true
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "The browser test needs Debian's Chromium: run 'sudo apt-get install -y chromium' and try again." >&2
	exit 1
fi
echo "Installing Chromium (apt-get) for the browser end-to-end test..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version 2>/dev/null || true
