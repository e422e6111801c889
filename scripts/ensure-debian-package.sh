#!/usr/bin/env bash
# Installs one Debian package with apt-get when its binary is missing (as root, or with sudo);
# otherwise says what to run. Used by ensure-chromium.sh and ensure-redis.sh.
#   ensure-debian-package.sh <binary> <package> <what it is for> [apt-get install options...]
set -euo pipefail
binary="$1"; package="$2"; purpose="$3"; shift 3
if command -v "$binary" >/dev/null 2>&1; then
	"$binary" --version 2>/dev/null || true
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "$purpose needs Debian's $package: run 'sudo apt-get install -y $package' and try again." >&2
	exit 1
fi
echo "Installing $package (apt-get) for $purpose..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" "$package" >/dev/null
"$binary" --version 2>/dev/null || true
