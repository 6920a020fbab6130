#!/usr/bin/env bash
# Installs the Debian packages the workbench builds and tests with, then builds the pinned
# librdkafka into the per-machine cache (scripts/librdkafka.sh). Safe to run again: it asks
# apt only for what is missing, and reuses a librdkafka already built.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  nlohmann-json3-dev libcairo2-dev
  # librdkafka's build (scripts/librdkafka.sh) and the libraries it links against
  dpkg-dev python3 libssl-dev libsasl2-dev libcurl4-openssl-dev libzstd-dev liblz4-dev zlib1g-dev
  qt6-base-dev libqcustomplot-dev libgl-dev
  clang-format
  openjdk-17-jre-headless maven   # the local Apache Kafka of the integration tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -q -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 \
    --no-install-recommends "${missing[@]}"
fi

scripts/librdkafka.sh
