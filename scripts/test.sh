#!/usr/bin/env bash
# The second command in the README, and what CI runs: the whole test suite.
#   1. installs what is needed (nothing when already there): the Debian packages, the static
#      librdkafka built once per machine (scripts/librdkafka.sh, into ~/.cache), and Apache
#      Kafka's jars (Maven Central, into .cache/local-kafka/lib)
#   2. builds and runs every test (CTest) in build/, the integration tests against real
#      local brokers included
#   3. builds again with AddressSanitizer + UBSan and runs every test there too, except the
#      integration tests (label integration: the brokers' JVMs dominate, not our code) and
#      the truth suite (label truth: it compares timings, which the instrumentation distorts)
# KTW_SKIP_SANITIZER=1 skips step 3 (for a quick local check; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

start=$(date +%s)
scripts/install-deps.sh
scripts/local-kafka.sh fetch

echo "== build and test (release with debug info)"
scripts/build.sh build
KTW_REQUIRE_INTEGRATION=1 ctest --test-dir build --output-on-failure -j 2 --timeout 300

if [ "${KTW_SKIP_SANITIZER:-0}" != "1" ]; then
  echo "== build and test with AddressSanitizer and UndefinedBehaviorSanitizer"
  scripts/build.sh build-asan -DKTW_SANITIZER=address
  ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j 2 --timeout 600 -LE 'integration|truth'
fi
echo "== all tests passed in $(( $(date +%s) - start )) s"
