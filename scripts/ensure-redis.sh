#!/usr/bin/env bash
# Queue mode (`npm start -- --queue`, the queue-mode e2e test) runs Debian's Redis (/usr/bin/redis-server).
# Installs it with apt-get when missing (as root, or with sudo); otherwise says what to run.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
	redis-server --version 2>/dev/null || true
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "Queue mode needs Debian's Redis: run 'sudo apt-get install -y redis-server' and try again." >&2
	exit 1
fi
echo "Installing Redis (apt-get) for n8n's queue mode..."
$SUDO apt-get update -qq
# Only the binary is needed: the launcher starts its own redis-server on a local port (no system service).
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
redis-server --version 2>/dev/null || true
