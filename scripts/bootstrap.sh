#!/usr/bin/env bash
# Source me: `. scripts/bootstrap.sh`. Idempotent; reaches only the npm registry.
# Why: this machine kind ships Node 20 (end of life) and no pnpm, and cannot reach
# nodejs.org, so Node and pnpm come from the npm registry into a tools folder.
MCP_O11Y_NODE_VERSION=24.21.0
MCP_O11Y_PNPM_VERSION=12.21.0
TOOLS_DIR="${TOOLS_DIR:-$HOME/.cache/mcp-o11y-tools}"
case "$(uname -m)" in
  x86_64) NODE_ARCH=x64 ;;
  aarch64 | arm64) NODE_ARCH=arm64 ;;
  *) echo "bootstrap: unsupported architecture $(uname -m)" >&2; return 1 2>/dev/null || exit 1 ;;
esac
_have_node_ok() {
  command -v node >/dev/null 2>&1 && command -v pnpm >/dev/null 2>&1 &&
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' 2>/dev/null
}
if [ -z "${MCP_O11Y_FORCE_TOOLS:-}" ] && _have_node_ok; then
  :
else
  NODE_HOME="$TOOLS_DIR/node-$MCP_O11Y_NODE_VERSION/node_modules/node-linux-$NODE_ARCH"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    npm install --prefix "$TOOLS_DIR/node-$MCP_O11Y_NODE_VERSION" --no-save --no-audit --no-fund \
      "node-linux-$NODE_ARCH@$MCP_O11Y_NODE_VERSION" >&2 || { return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # node-gyp must build against Node 24's headers, not /usr (Node 20); pnpm 12 only reads the env var.
  export npm_config_nodedir="$NODE_HOME"
  PNPM_PREFIX="$TOOLS_DIR/pnpm-$MCP_O11Y_PNPM_VERSION"
  if [ ! -x "$PNPM_PREFIX/bin/pnpm" ]; then
    npm install -g --prefix "$PNPM_PREFIX" --no-audit --no-fund "pnpm@$MCP_O11Y_PNPM_VERSION" >&2 || { return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$PNPM_PREFIX/bin:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1
echo "bootstrap: node $(node -v), pnpm $(pnpm -v)" >&2
