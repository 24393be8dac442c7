#!/usr/bin/env bash
# Builds the libFuzzer targets (release, -sanitize=fuzzer,address) and runs each for SECONDS.
#
#   Fuzz/run.sh [SECONDS]          # default 60 per target; CI uses a short run
#   FUZZ_TARGETS="FuzzMustache" Fuzz/run.sh 600
#
# New corpus units and crash artifacts go to a temporary folder (printed), never into the
# repository: the committed seeds in Fuzz/Corpus/<name>/ are only read. Exits non-zero when any
# target crashes, hangs (-timeout), runs out of memory or a sanitizer reports. See docs/fuzzing.md.
set -euo pipefail

seconds="${1:-60}"
case "$seconds" in ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS]" >&2; exit 2 ;; esac

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
targets=(${FUZZ_TARGETS:-FuzzHTTPParser FuzzMustache FuzzContentJSON})

# The fuzzer runtime and the symbolizer ship inside the Swift toolchain; nothing from apt is needed
# beyond what `swift build` already needs. Fail early and clearly if this toolchain lacks them.
toolchain_bin="$(dirname "$(readlink -f "$(command -v swiftc)")")"
if ! ls "$toolchain_bin"/../lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 \
    && ! ls "$toolchain_bin"/../lib/swift/clang/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
    echo "fuzz: this Swift toolchain ($toolchain_bin) has no libFuzzer runtime (libclang_rt.fuzzer)" >&2
    exit 1
fi
if [ -x "$toolchain_bin/llvm-symbolizer" ]; then export ASAN_SYMBOLIZER_PATH="$toolchain_bin/llvm-symbolizer"; fi

# One -sanitize flag: given twice, the compiler keeps only the last, and the code would be built
# without coverage. `--sanitize=fuzzer` also stops SwiftPM from renaming main(), so libFuzzer's main links.
build_flags=(-c release --package-path "$fuzz_dir" --scratch-path "$fuzz_dir/.build"
             --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
echo "fuzz: building ${targets[*]}"
build_start=$SECONDS
for target in "${targets[@]}"; do
    swift build "${build_flags[@]}" --product "$target" 2>&1 | grep -E "error:|Compiling|complete" || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: build of $target failed" >&2; exit 1; }
done
bin="$(swift build "${build_flags[@]}" --show-bin-path)"
echo "fuzz: built in $((SECONDS - build_start)) s"

work="$(mktemp -d "${TMPDIR:-/tmp}/yeyak-fuzz.XXXXXX")"
echo "fuzz: new corpus units, logs and crash artifacts in $work"

passed=0
failed=0
for target in "${targets[@]}"; do
    name="${target#Fuzz}"
    case "$name" in
        HTTPParser) dict=http.dict; max_len=2048 ;;
        Mustache) dict=mustache.dict; max_len=2048 ;;
        ContentJSON) dict=json.dict; max_len=4096 ;;
        *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
    esac
    mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
    # Inputs that once crashed stay in the seeds, so a fixed bug stays fixed.
    regressions=()
    if [ -d "$fuzz_dir/Regressions/$target" ]; then regressions=("$fuzz_dir/Regressions/$target"); fi
    log="$work/$name/fuzz.log"
    status=0
    # A smaller ASan quarantine keeps three 2-core CI runs well below -rss_limit_mb; lsan.supp
    # explains the one suppression.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="quarantine_size_mb=64:${ASAN_OPTIONS:-}" \
        LSAN_OPTIONS="suppressions=$fuzz_dir/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}" \
        "$bin/$target" "$work/$name/corpus" "$fuzz_dir/Corpus/$name" "${regressions[@]}" \
        -dict="$fuzz_dir/Dictionaries/$dict" -max_len="$max_len" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/$name/artifacts/" -print_final_stats=1 \
        >"$log" 2>&1 || status=$?

    # A crash in a seed stops libFuzzer before any statistics: hence the `|| true`s.
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)" || true
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)" || true
    cov="$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)"
    new_units="$(find "$work/$name/corpus" -type f | wc -l)"
    artifacts="$(find "$work/$name/artifacts" -type f | wc -l)"
    summary="execs ${execs:-?} (${rate:-?}/s), coverage ${cov:-?} edges, ${new_units} new corpus units"
    if [ "$status" -eq 0 ] && [ "$artifacts" -eq 0 ] && ! grep -qE '^(==[0-9]+== *ERROR|SUMMARY: )' "$log"; then
        passed=$((passed + 1))
        echo "fuzz: $target ok: $summary"
    else
        failed=$((failed + 1))
        echo "fuzz: $target FAILED (exit $status): $summary"
        grep -E 'ERROR|SUMMARY|Fatal error|Test unit written|^0x' "$log" | head -n 12 | sed 's/^/    /'
        echo "    log: $log"
        echo "    artifacts: $work/$name/artifacts/"
        echo "    reproduce: SWIFT_BACKTRACE=enable=no $bin/$target $work/$name/artifacts/<file>"
    fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
