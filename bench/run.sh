#!/usr/bin/env bash
# The project's benchmark: replay throughput side by side with the peers (the harness in $HARNESS
# measures this checkout through its tools/ours.sh), plus record overhead, large-cassette load and
# startup with and without a class-data archive.
#   bench/run.sh                                   # all tools (~4 min)
#   TOOLS="netty-baseline ours" bench/run.sh       # a subset
# Not part of the tests: numbers depend on the machine; compare tools within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
HARNESS=${HARNESS:-../shared/bench}
[[ -x $HARNESS/run-peers.sh ]] || { echo "benchmark harness not found at $HARNESS (set HARNESS)" >&2; exit 2; }
[[ -f proxy-server/target/vcr-proxy.jar ]] || ./mvnw -q -B -DskipTests package
TOOLS=${TOOLS:-"netty-baseline ours wiremock mockserver talkback"} PROJECT_DIR=$PWD "$HARNESS/run-peers.sh"
echo
python3 bench/record_overhead.py --jar proxy-server/target/vcr-proxy.jar
python3 bench/large_cassette.py --jar proxy-server/target/vcr-proxy.jar
python3 bench/startup.py --jar proxy-server/target/vcr-proxy.jar
