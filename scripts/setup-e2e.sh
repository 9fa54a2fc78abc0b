#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently: Debian's Chromium and the headers code-server's native
# modules build against (apt), then code-server into .e2e/code-server (npm). Nothing is downloaded from GitHub:
# @vscode/ripgrep's postinstall finds Debian's rg packed in its cache folder instead.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep 1.15.11 (a code-server 4.100.3 dependency) looks for this tarball before downloading.
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "$0")/.." && pwd)"
e2e="$root/.e2e"
install_dir="$e2e/code-server"
apt_packages=(libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)

log() { echo "[setup-e2e] $*"; }

install_apt_packages() {
    local missing=()
    for package in "${apt_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "apt packages present"
        return
    fi
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    log "installing apt packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

installed_code_server_version() {
    node -p "require('$install_dir/node_modules/code-server/package.json').version" 2>/dev/null || true
}

install_code_server() {
    if [ "$(installed_code_server_version)" = "$CODE_SERVER_VERSION" ] && [ -x "$install_dir/node_modules/.bin/code-server" ]; then
        log "code-server $CODE_SERVER_VERSION present"
        return
    fi
    log "installing code-server $CODE_SERVER_VERSION into $install_dir (a few minutes)"
    local tmp="$e2e/tmp"
    mkdir -p "$install_dir" "$tmp/$RIPGREP_CACHE"
    # Pack Debian's rg where @vscode/ripgrep looks for its download.
    local stage
    stage="$(mktemp -d)"
    cp "$(command -v rg)" "$stage/rg"
    tar -czf "$tmp/$RIPGREP_CACHE/$RIPGREP_TARBALL" -C "$stage" rg
    rm -rf "$stage"
    # Its own package.json keeps npm from treating the project as the install root.
    [ -f "$install_dir/package.json" ] || echo '{ "name": "resil-e2e-code-server", "private": true }' > "$install_dir/package.json"
    (cd "$install_dir" && TMPDIR="$tmp" npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --loglevel=error \
        "code-server@$CODE_SERVER_VERSION")
    [ "$(installed_code_server_version)" = "$CODE_SERVER_VERSION" ] || { echo "code-server install failed" >&2; exit 1; }
}

install_apt_packages
install_code_server
log "ready: $install_dir/node_modules/.bin/code-server, $(command -v chromium)"
