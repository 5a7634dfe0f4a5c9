#!/usr/bin/env bash
# Builds mupj in release mode, as README's install line does (the Swift runtime linked in, which
# the start-up figures depend on), and runs the hidden benchmark `mupj bench`: validate throughput
# against a plain libyaml event loop, scaling, peak memory and single-description start-up time,
# on corpora generated from the template (1, 10, 100, 1000 descriptions and one with 10 000
# components). Extra arguments go to `mupj bench` (e.g. --seconds 2 --runs 51). To profile one
# operation alone: scripts/bench.sh --profile validate --repeats 5 FILE... under a profiler, e.g.
#   valgrind --tool=callgrind .build-hardening-release/release/mupj bench --profile review FILE
# (operations: validate, review, engine = review without the report, load = YAML only, libyaml).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --scratch-path .build-hardening-release --product mupj 2>&1 | tail -n 1
exec .build-hardening-release/release/mupj bench "$@"
