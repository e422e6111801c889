#!/usr/bin/env bash
# Queue mode (`npm start -- --queue`, the queue-mode e2e test) runs Debian's Redis (redis-server).
# Only the binary is needed: the launcher starts its own redis-server on a local port (no system service).
set -euo pipefail
exec bash "$(dirname "$0")/ensure-debian-package.sh" redis-server redis-server "n8n's queue mode" --no-install-recommends
