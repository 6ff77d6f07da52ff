#!/usr/bin/env bash
# Installs the cloudpact of this checkout, for the GitHub Action (action.yml) and the
# pre-commit hooks (.pre-commit-hooks.yaml); docs/ci.md says how each one uses it.
#
#   install.sh key     [--from release|source]          the cache key of what would be installed
#   install.sh install [--from release|source] --dir D  install into D/bin
#   install.sh run     [--from release|source] -- ARGS  install into the user's cache once, then
#                                                        run `cloudpact ARGS`
#
# --from release (the default) downloads the release binary for this machine, of the version
# in this checkout's Cargo.toml, from the GitHub release the release workflow
# (.github/workflows/release.yml) publishes, and refuses it unless its SHA-256 matches the
# checksum file published beside it. --from source builds this checkout with
# `cargo install --locked`, so the dependencies are the ones Cargo.lock names.
#
# CLOUDPACT_RELEASES replaces the download address (a mirror, or a file:// folder in the
# tests); nothing else is read from the environment but the cache folder's usual variables.
# Written for bash 3.2 (macOS) and Git Bash (Windows runners) as well as Linux.
set -euo pipefail

# The download's scratch folder and a half-made install, removed however the script ends.
work=""
partial=""
trap 'rm -rf -- ${work:+"$work"} ${partial:+"$partial"}' EXIT

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
releases=${CLOUDPACT_RELEASES:-https://github.com/cloudpact/cloudpact/releases/download}

fail() {
  echo "cloudpact install: $1" >&2
  if [[ -n ${2:-} ]]; then echo "  help: $2" >&2; fi
  exit 2
}

# The version in this checkout's Cargo.toml: the release tag is `v` and it (the release
# workflow refuses a tag that differs).
version() {
  local line
  line=$(grep -m1 -E '^version = "[^"]+"' "$here/Cargo.toml") ||
    fail "no version in $here/Cargo.toml"
  line=${line#version = \"}
  echo "${line%\"}"
}

# The release target built for this machine (the matrix of release.yml).
target() {
  local os arch
  os=$(uname -s)
  arch=$(uname -m)
  case "$os/$arch" in
    Linux/x86_64 | Linux/amd64) echo x86_64-unknown-linux-musl ;;
    Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-musl ;;
    Darwin/x86_64) echo x86_64-apple-darwin ;;
    Darwin/arm64 | Darwin/aarch64) echo aarch64-apple-darwin ;;
    MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) echo x86_64-pc-windows-msvc ;;
    *) fail "no release binary is built for $os/$arch" "build it from source: --from source (the Action's \`install: source\`, the hook \`cloudpact-source\`)" ;;
  esac
}

sha256() {
  if command -v sha256sum > /dev/null; then
    sha256sum "$@"
  else
    shasum -a 256 "$@"
  fi
}

# What a source build is made of, so a cache of it is keyed by the source it was built from
# and the compiler that built it.
source_hash() {
  (
    cd "$here"
    {
      rustc --version 2> /dev/null || echo "no rustc"
      find Cargo.toml Cargo.lock build.rs src schemas policies -type f 2> /dev/null | LC_ALL=C sort |
        while IFS= read -r f; do sha256 "$f"; done
    } | sha256 | cut -c1-16
  )
}

key() {
  case "$from" in
    release) echo "cloudpact-$(version)-$(target)" ;;
    source) echo "cloudpact-source-$(uname -s)-$(uname -m)-$(source_hash)" ;;
  esac
}

exe() {
  case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) echo cloudpact.exe ;;
    *) echo cloudpact ;;
  esac
}

download() {
  local dir=$1 version target archive url
  version=$(version)
  target=$(target)
  archive="cloudpact-$target"
  work=$(mktemp -d)
  url="$releases/v$version"
  for file in "$archive.tar.gz" "$archive.sha256"; do
    curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$work/$file" "$url/$file" ||
      fail "could not download $url/$file" "is v$version released? Until it is, build from source: --from source (the Action's \`install: source\`, the hook \`cloudpact-source\`)"
  done
  # The checksum file lists each archive of the target; only the one downloaded is checked.
  grep -E "^[0-9a-f]{64}[ *]+$archive\.tar\.gz\$" "$work/$archive.sha256" > "$work/wanted" ||
    fail "$archive.sha256 does not list $archive.tar.gz"
  (cd "$work" && sha256 -c wanted > /dev/null 2>&1) ||
    fail "$archive.tar.gz from $url does not match its published SHA-256: not installed"
  mkdir -p "$dir/bin"
  tar -xzf "$work/$archive.tar.gz" -C "$work"
  [[ -f "$work/$(exe)" ]] || fail "$archive.tar.gz holds no $(exe)"
  mv -f -- "$work/$(exe)" "$dir/bin/$(exe)"
  chmod +x "$dir/bin/$(exe)"
  rm -rf -- "$work"
  work=""
}

build() {
  command -v cargo > /dev/null || fail "--from source needs cargo on PATH" "install Rust (https://rustup.rs) or use the release binary: --from release"
  cargo install --locked --quiet --root "$1" --path "$here"
}

install() {
  case "$from" in
    release) download "$1" ;;
    source) build "$1" ;;
  esac
}

from=release
mode=${1:-}
[[ $# -gt 0 ]] && shift
dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from)
      from=${2:-}
      shift 2 || fail "--from needs release or source"
      ;;
    --dir)
      dir=${2:-}
      shift 2 || fail "--dir needs a folder"
      ;;
    --)
      shift
      break
      ;;
    *) break ;;
  esac
done
case "$from" in
  release | source) ;;
  *) fail "--from must be release or source, not '$from'" ;;
esac

case "$mode" in
  key) key ;;
  install)
    [[ -n "$dir" ]] || fail "install needs --dir"
    install "$dir"
    ;;
  run)
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/cloudpact/$(key)
    if [[ ! -x "$cache/bin/$(exe)" ]]; then
      # Into a fresh folder, moved into place whole, so two hooks at once never run half a file.
      mkdir -p -- "$(dirname -- "$cache")"
      partial=$(mktemp -d "$cache.partial.XXXXXX")
      install "$partial"
      if [[ ! -e "$cache" ]]; then mv -- "$partial" "$cache"; fi
      rm -rf -- "$partial" # the loser of a race; `exec` runs no EXIT trap
      partial=""
    fi
    exec "$cache/bin/$(exe)" "$@"
    ;;
  *) fail "usage: install.sh key|install|run [--from release|source] [--dir DIR] [-- ARGS]" ;;
esac
