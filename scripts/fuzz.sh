#!/usr/bin/env bash
# Fuzzes the YAML loader, the description format, the rule engine and the report writers with
# libFuzzer for a bounded time.
#   scripts/fuzz.sh [SECONDS]     (default 60)
# Builds Fuzz/FuzzLoader.swift with the YAMLDocument (and its C helper CSHA256), DocumentSchema,
# FrameworkModel, PolicyCatalog, ReviewEngine, ReviewRecords and Reports sources (instrumented, with
# AddressSanitizer) into .build-fuzz/, runs it over the seeds in Fuzz/corpus (new inputs go to
# .build-fuzz/corpus, not to the committed seeds) with the shipped checklists/, prints the
# executions reached, and exits non-zero on a crash, a sanitizer report, a broken invariant or a
# timeout.
# A crashing input is kept in .build-fuzz/artifacts/; replay it with
#   .build-fuzz/fuzz-loader .build-fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build-fuzz
mkdir -p "$out/modules" "$out/corpus" "$out/artifacts"

flags=(-O -sanitize=fuzzer,address -parse-as-library -swift-version 6 -I Sources/CLibYAML -I Sources/CSHA256/include
    -I "$out/modules")
build_module() { # name sources...
    local name=$1
    shift
    swiftc "${flags[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
        -c "$@" -o "$out/modules/$name.o"
}
echo "== building the fuzzer"
clang -O2 -fsanitize=address -I Sources/CSHA256/include -c Sources/CSHA256/csha256.c -o "$out/modules/CSHA256.o"
build_module YAMLDocument Sources/YAMLDocument/*.swift
build_module DocumentSchema Sources/DocumentSchema/*.swift
build_module FrameworkModel Sources/FrameworkModel/*.swift
build_module PolicyCatalog Sources/PolicyCatalog/*.swift
build_module ReviewEngine Sources/ReviewEngine/*.swift
build_module ReviewRecords Sources/ReviewRecords/*.swift
build_module Reports Sources/Reports/*.swift
# gold warns once per ASan helper symbol that it cannot export; the warnings are harmless noise.
swiftc "${flags[@]}" Fuzz/FuzzLoader.swift \
    "$out"/modules/{CSHA256,YAMLDocument,DocumentSchema,FrameworkModel,PolicyCatalog,ReviewEngine,ReviewRecords,Reports}.o \
    -lyaml -o "$out/fuzz-loader" 2> >(grep -v "Cannot export local symbol" >&2)

echo "== fuzzing for ${seconds}s"
log="$out/fuzz.log"
status=0
# The Swift runtime's backtracer reads memory that AddressSanitizer guards: leave crashes to ASan.
# Leak checking is off: it reports the one-time allocations of Swift globals (`static let`) as
# leaks; runaway memory is still caught by -rss_limit_mb.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-loader" "$out/corpus" Fuzz/corpus -dict=Fuzz/yaml.dict -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -detect_leaks=0 -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
    >"$log" 2>&1 || status=$?
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
units=$(find "$out/corpus" -type f | wc -l)
echo "executions: ${executions:-?} in ${seconds}s (${rate:-?}/s); corpus: $units inputs"
if [ "$status" -ne 0 ]; then
    echo "== the fuzzer found a problem (exit $status):"
    grep -E "ERROR|Fatal error|Precondition failed|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -n 20 || true
    tail -n 30 "$log"
    exit 1
fi
