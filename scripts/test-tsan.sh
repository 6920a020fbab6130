#!/usr/bin/env bash
# The test suite under ThreadSanitizer, built with clang 14 (Debian's GCC 12 and clang 14
# both need src/engine/kafka/tsan_thread_shim.cpp for librdkafka's C11 threads; clang's runtime
# was the one tried and passing). Not part of CI: it adds about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi
CC=clang-14 CXX=clang++-14 scripts/build.sh build-tsan-clang -DKTW_SANITIZER=thread
ctest --test-dir build-tsan-clang --output-on-failure -j 2 --timeout 900 -LE integration
