#!/usr/bin/env bash
# Source me: tools (Node 24, pnpm 12) plus the workspace's dependencies, from the lockfile. Idempotent.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/bootstrap.sh" || { return 1 2>/dev/null || exit 1; }
(cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent) || { return 1 2>/dev/null || exit 1; }
