#!/usr/bin/env bash
# Fuzzes mupj's readers of user-written YAML with libFuzzer, each target for a bounded time.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default 60 seconds for each target; all targets)
# Targets:
#   descriptions  the YAML loader, the description format, the rule engine (shipped catalogs) and
#                 every report writer (Fuzz/FuzzLoader.swift; seeds in Fuzz/corpus)
#   catalogs      the same input read as a clause or prerequisite catalog (its examples run, a
#                 description reviewed with it, prerequisites tracked) and as a status file
#                 (tracked with the shipped catalogs, history, the MB summary in every format)
#                 and as a tracking file (joined with a review, every report, one or two entries
#                 added and read back), and as an --output-dir's mupj-reports.sha256
#                 (Fuzz/FuzzCatalogs.swift; seeds in Fuzz/corpus-catalogs,
#                 checklists/, reviews/)
#   patterns      a `matches` pattern and a text, parsed and searched: the search is linear and
#                 stops at its budget (Fuzz/FuzzPatterns.swift; seeds in Fuzz/corpus-patterns)
# Builds the targets with the YAMLDocument (and its C helper CSHA256), DocumentSchema,
# FrameworkModel, PolicyCatalog, ReviewEngine, ReviewRecords and Reports sources (instrumented,
# with AddressSanitizer) into .build-fuzz/ and runs each over its seeds (new inputs go to
# .build-fuzz/corpus-TARGET, not to the committed seeds), printing the executions reached. Exits
# non-zero on a crash, a sanitizer report, a broken invariant or a timeout.
# A crashing input is kept in .build-fuzz/artifacts/; replay it with
#   .build-fuzz/fuzz-TARGET .build-fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(descriptions catalogs patterns)
for target in "${targets[@]}"; do
    case "$target" in
    descriptions | catalogs | patterns) ;;
    *)
        echo "unknown target '$target'; expected descriptions, catalogs or patterns" >&2
        exit 2
        ;;
    esac
done
out=.build-fuzz
mkdir -p "$out/modules" "$out/artifacts"

flags=(-O -sanitize=fuzzer,address -parse-as-library -swift-version 6 -I Sources/CLibYAML -I Sources/CSHA256/include
    -I "$out/modules")
build_module() { # name sources...
    local name=$1
    shift
    swiftc "${flags[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
        -c "$@" -o "$out/modules/$name.o"
}
echo "== building the fuzz targets"
clang -O2 -fsanitize=address -I Sources/CSHA256/include -c Sources/CSHA256/csha256.c -o "$out/modules/CSHA256.o"
build_module YAMLDocument Sources/YAMLDocument/*.swift
build_module DocumentSchema Sources/DocumentSchema/*.swift
build_module FrameworkModel Sources/FrameworkModel/*.swift
build_module PolicyCatalog Sources/PolicyCatalog/*.swift
build_module ReviewEngine Sources/ReviewEngine/*.swift
build_module ReviewRecords Sources/ReviewRecords/*.swift
build_module Reports Sources/Reports/*.swift
link_target() { # target main-source
    # gold warns once per ASan helper symbol that it cannot export; the warnings are harmless noise.
    swiftc "${flags[@]}" Fuzz/FuzzSupport.swift "$2" \
        "$out"/modules/{CSHA256,YAMLDocument,DocumentSchema,FrameworkModel,PolicyCatalog,ReviewEngine,ReviewRecords,Reports}.o \
        -lyaml -o "$out/fuzz-$1" 2> >(grep -v "Cannot export local symbol" >&2)
}
for target in "${targets[@]}"; do
    case "$target" in
    descriptions) link_target descriptions Fuzz/FuzzLoader.swift ;;
    catalogs) link_target catalogs Fuzz/FuzzCatalogs.swift ;;
    patterns) link_target patterns Fuzz/FuzzPatterns.swift ;;
    esac
done

failed=0
for target in "${targets[@]}"; do
    echo "== fuzzing $target for ${seconds}s"
    case "$target" in
    descriptions)
        seeds=(Fuzz/corpus)
        dict=Fuzz/yaml.dict
        ;;
    catalogs)
        seeds=(Fuzz/corpus-catalogs checklists reviews)
        dict="$out/catalogs.dict"
        cat Fuzz/yaml.dict Fuzz/catalogs.dict >"$dict"
        ;;
    patterns)
        seeds=(Fuzz/corpus-patterns)
        dict=Fuzz/patterns.dict
        ;;
    esac
    mkdir -p "$out/corpus-$target"
    log="$out/fuzz-$target.log"
    status=0
    # The Swift runtime's backtracer reads memory that AddressSanitizer guards: leave crashes to
    # ASan. Leak checking is off: it reports the one-time allocations of Swift globals (`static
    # let`) as leaks; runaway memory is still caught by -rss_limit_mb.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-$target" "$out/corpus-$target" "${seeds[@]}" \
        -dict="$dict" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    units=$(find "$out/corpus-$target" -type f | wc -l)
    echo "$target: executions: ${executions:-?} in ${seconds}s (${rate:-?}/s); corpus: $units inputs"
    if [ "$status" -ne 0 ]; then
        echo "== the $target fuzzer found a problem (exit $status):"
        grep -E "ERROR|Fatal error|Precondition failed|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -n 20 || true
        tail -n 30 "$log"
        failed=1
    fi
done
exit "$failed"
