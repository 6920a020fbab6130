#!/usr/bin/env bash
# Builds the librdkafka the workbench links statically (cmake/librdkafka.pin) from Debian
# unstable's source package, into a per-machine cache outside the clone:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/kafka-tuning-workbench/librdkafka-<debian version>/
# with SSL, SASL (Cyrus GSSAPI, SCRAM, OAUTHBEARER), OIDC (libcurl), zstd, lz4 and zlib,
# against Debian 12's libraries. Called by scripts/install-deps.sh; safe to run again: when the
# cache already holds the build, it says so and does nothing.
#
# - Debian unstable is added as a source-only entry (Types: deb-src) in its own file,
#   /etc/apt/sources.list.d/ktw-sid-src.sources: no binary package ever comes from it.
# - apt verifies the source package (the signed Sources index names the .dsc's checksums,
#   the .dsc the tarballs'; dpkg-source checks them again when unpacking).
# - When the pinned version is no longer served, the newest served version >= the pin's
#   minimum is built instead, with a message saying so; cmake/KtwLibrdkafka.cmake finds it
#   through librdkafka-<pinned version>.fallback in the cache.
# - The build goes to a temporary folder in the cache and is renamed into place once
#   complete, its stamp file (.ktw-complete) already inside: a half-done build is never
#   taken for a complete one. A lock serialises concurrent runs on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

pin_file=cmake/librdkafka.pin
pin=$(sed -n 's/^KTW_LIBRDKAFKA_DEBIAN_VERSION=//p' "$pin_file")
min=$(sed -n 's/^KTW_LIBRDKAFKA_MIN_VERSION=//p' "$pin_file")
[ -n "$pin" ] && [ -n "$min" ] || { echo "librdkafka: $pin_file names no version" >&2; exit 1; }

if [ -z "${HOME:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ]; then
  echo "librdkafka: neither XDG_CACHE_HOME nor HOME is set: no cache folder" >&2
  exit 1
fi
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/kafka-tuning-workbench"

# What the build is made of: a cache built with other options is rebuilt.
configure_flags=(--no-download --no-cache
  --enable-ssl --enable-gssapi --enable-curl --enable-zstd --enable-lz4-ext --enable-zlib
  --enable-c11threads)
recipe="1 skip-debian-patches static-only ${configure_flags[*]}"
# config.h must define all of these (SCRAM and OIDC follow from SSL and libcurl).
required_features=(WITH_SSL WITH_SASL_CYRUS WITH_SASL_SCRAM WITH_SASL_OAUTHBEARER
  WITH_OAUTHBEARER_OIDC WITH_CURL WITH_ZSTD WITH_LZ4_EXT WITH_ZLIB)
build_deps=(dpkg-dev python3 libssl-dev libsasl2-dev libcurl4-openssl-dev libzstd-dev
  liblz4-dev zlib1g-dev)

sources_file=/etc/apt/sources.list.d/ktw-sid-src.sources
sources_text='# Source packages only (deb-src) from Debian unstable, for librdkafka:
# written by kafka-tuning-workbench scripts/librdkafka.sh. No binary packages come from here.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'

say() { echo "librdkafka: $*"; }
die() { echo "librdkafka: $*" >&2; exit 1; }

# complete DIR: the cache folder DIR holds a finished build of this recipe.
complete() {
  [ -f "$1/.ktw-complete" ] && [ -f "$1/lib/librdkafka.a" ] &&
    [ -f "$1/lib/pkgconfig/rdkafka-static.pc" ] &&
    grep -qxF "recipe=$recipe" "$1/.ktw-complete"
}
stamp_value() { sed -n "s/^$2=//p" "$1/.ktw-complete"; }

reuse() {  # reuse DIR MESSAGE
  say "$2: reusing $1 (librdkafka $(stamp_value "$1" version), built $(stamp_value "$1" built))"
  exit 0
}

pin_dir="$cache_root/librdkafka-$pin"
fallback_file="$cache_root/librdkafka-$pin.fallback"
reuse_if_built() {
  complete "$pin_dir" && reuse "$pin_dir" "pinned $pin already built"
  if [ -f "$fallback_file" ]; then
    local fb
    fb=$(cat "$fallback_file")
    complete "$cache_root/librdkafka-$fb" &&
      reuse "$cache_root/librdkafka-$fb" "pinned $pin was not served when last looked for; $fb already built"
  fi
  return 0
}
# The fast path, without the lock and without apt.
reuse_if_built

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "run as root or install sudo (apt is needed once)"
  sudo="sudo"
fi
apt_opts=(-q -o DPkg::Lock::Timeout=600)

mkdir -p "$cache_root"
exec 9>"$cache_root/librdkafka.lock"
if ! flock -n 9; then
  say "another build of librdkafka is running on this machine; waiting for it"
  flock 9
  reuse_if_built
fi

# Build dependencies, from Debian 12.
missing=()
for p in "${build_deps[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing build dependencies ${missing[*]}"
  $sudo apt-get update "${apt_opts[@]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${apt_opts[@]}" \
    --no-install-recommends "${missing[@]}"
fi

# Debian unstable's source index, alone (the other lists are left as they are).
if [ "$(cat "$sources_file" 2>/dev/null)" != "$sources_text" ]; then
  say "adding $sources_file (deb-src only)"
  printf '%s\n' "$sources_text" | $sudo tee "$sources_file" >/dev/null
fi
say "updating the package index of $sources_file"
$sudo apt-get update "${apt_opts[@]}" -o Dir::Etc::sourcelist="$sources_file" \
  -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null

served=$(apt-cache showsrc librdkafka 2>/dev/null | sed -n 's/^Version: //p' | sort -u)
version="$pin"
if ! grep -qxF "$pin" <<<"$served"; then
  version=""
  for v in $served; do
    dpkg --compare-versions "$v" ge "$min" || continue
    if [ -z "$version" ] || dpkg --compare-versions "$v" gt "$version"; then version="$v"; fi
  done
  [ -n "$version" ] || die "pinned librdkafka $pin is not served, nor any version >= $min (served: ${served:-none})"
  echo "librdkafka: NOTE: pinned librdkafka $pin is no longer served by Debian; building $version instead (the newest served >= $min). Update $pin_file." >&2
fi
dir="$cache_root/librdkafka-$version"

if [ "$version" != "$pin" ]; then
  printf '%s\n' "$version" >"$fallback_file.tmp" && mv -f "$fallback_file.tmp" "$fallback_file"
  complete "$dir" && reuse "$dir" "$version already built"
fi

work=$(mktemp -d "$cache_root/.librdkafka-build-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/fetch"
# apt downloads as _apt when it can write the folder (else it warns and downloads as root).
[ -z "$sudo" ] && id _apt >/dev/null 2>&1 && chown _apt "$work/fetch"
start=$(date +%s)
say "fetching the source package librdkafka $version"
(cd "$work/fetch" && apt-get source -q --download-only "librdkafka=$version" >"$work/fetch.log" 2>&1) ||
  { cat "$work/fetch.log" >&2; die "apt-get source librdkafka=$version failed"; }
dsc=$(ls "$work"/fetch/librdkafka_*.dsc)
# Debian's patches only unbundle cJSON and nanopb (Debian policy) and need the OpenTelemetry
# protocol files regenerated with nanopb; Debian 12 has no opentelemetry-proto. The upstream
# release as it is (its bundled copies) is what we build.
dpkg-source --skip-patches -x "$dsc" "$work/src" >"$work/unpack.log" 2>&1 ||
  { cat "$work/unpack.log" >&2; die "dpkg-source could not unpack $dsc"; }

cd "$work/src"
say "configuring ${configure_flags[*]}"
./configure --prefix="$dir" "${configure_flags[@]}" >"$work/configure.log" 2>&1 ||
  { tail -40 "$work/configure.log" >&2; die "configure failed"; }
for f in "${required_features[@]}"; do
  grep -qE "^#define $f 1" config.h || die "configure did not enable $f (see $work/configure.log)"
done
say "building (make -j2 libs, about a minute on 2 cores)"
make -j2 libs >"$work/make.log" 2>&1 || { tail -40 "$work/make.log" >&2; die "make failed"; }
make install DESTDIR="$work/stage" >"$work/install.log" 2>&1 ||
  { tail -40 "$work/install.log" >&2; die "make install failed"; }
staged="$work/stage$dir"
# Static only: nothing can link the shared library by mistake.
rm -f "$staged"/lib/librdkafka*.so* "$staged"/lib/pkgconfig/rdkafka.pc "$staged"/lib/pkgconfig/rdkafka++.pc
upstream=$(sed -n 's/^Version: //p' "$staged/lib/pkgconfig/rdkafka-static.pc")
cat >"$staged/.ktw-complete" <<EOF
debian_version=$version
version=$upstream
recipe=$recipe
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_seconds=$(( $(date +%s) - start ))
features=$(sed -n "s/^BUILT_WITH=[[:space:]]*//p" Makefile.config)
EOF
cd /
rm -rf "$dir"   # an older recipe's build, or a leftover
mv "$staged" "$dir"
say "built librdkafka $upstream ($version) in $(( $(date +%s) - start )) s into $dir"
