#!/usr/bin/env bash
# Installs the real servers the integration tests run against (Debian's Prometheus, Alertmanager and
# Pushgateway, with promtool and amtool, Chromium for browser tests, and PostgreSQL for the driver tests), when they are missing. Idempotent; the tests start their own
# instances on 127.0.0.1 and stop them by PID, so the packages' own services are never used.
set -euo pipefail
need=()
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v prometheus-pushgateway >/dev/null 2>&1 || need+=(prometheus-pushgateway)
# Headless Chromium for the dashboard's browser tests (driven by playwright-core, never its own download).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# PostgreSQL for the pg auto-instrumentation test (examples/postgres); the test runs its own initdb cluster.
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-test-servers: missing ${need[*]}; run as root, or: sudo apt-get install --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "install-test-servers: installing ${need[*]} from Debian" >&2
log="$(mktemp)"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
