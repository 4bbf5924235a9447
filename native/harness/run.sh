#!/usr/bin/env bash
# npm run test:native: the native stress harness (native/harness/*.cc: the global lock, every fix and the GIL through
# the native run, a GIL stress and the scenarios' global-lock steps) built and run under ThreadSanitizer, then under
# AddressSanitizer + UndefinedBehaviorSanitizer, then against libc++ (where std::atomic_ref may be missing and
# native/atomic_ref.h stands in), then cross-built for aarch64 and run under qemu. Fails on any sanitizer report
# or any failed check of the harness. A stage whose toolchain is missing is skipped with the reason; .ci/run
# installs them all.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="build/harness"
mkdir -p "$out"
# Everything in native/ but the Node-API glue.
sources=(native/harness/*.cc)
for file in native/*.cc; do
  case "$file" in
    native/addon.cc | native/args.cc | native/native_run_call.cc | native/region_args.cc) ;;
    *) sources+=("$file") ;;
  esac
done
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -pthread -Wall -Wextra -Werror)

echo "== ThreadSanitizer"
# gcc warns that TSan does not model atomic_thread_fence: the seqlock's fences order only its optimistic copy, whose
# race is suppressed.
g++ "${flags[@]}" -fsanitize=thread -Wno-tsan "${sources[@]}" -o "$out/stress-tsan"
# A suppression matches only the stacks TSan can restore: when the reader's earlier access has left its per-thread
# history ("[failed to restore the stack]"), the race is reported against SeqlockWrite alone (once in 5 runs here at
# the default). The longest history (7: 4M accesses a thread) keeps the optimistic copy's frame in reach.
tsan_history="history_size=7"
TSAN_OPTIONS="$tsan_history halt_on_error=1 exitcode=66 suppressions=native/harness/tsan.supp" "$out/stress-tsan"

echo "== ThreadSanitizer without the suppression: the seqlock races only in its optimistic copy"
# The suppression names one function; this shows it is needed and that every race it hides involves that function.
log="$out/tsan-unsuppressed"
rm -f "$log".*
TSAN_OPTIONS="$tsan_history exitcode=0 log_path=$log" "$out/stress-tsan" seqlock
cat "$log".* 2>/dev/null | awk '
  /^WARNING: ThreadSanitizer:/ { reports++; inside = 1; found = 0 }
  inside && /tearlab::SeqlockOptimisticCopy/ { found = 1 }
  inside && /^SUMMARY: ThreadSanitizer:/ { if (!found) { others++; print "not the optimistic copy: " $0 } inside = 0 }
  END {
    printf "%d reports, %d not involving tearlab::SeqlockOptimisticCopy\n", reports, others
    exit (reports == 0 || others != 0)
  }'

echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
g++ "${flags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all "${sources[@]}" -o "$out/stress-asan"
ASAN_OPTIONS="detect_leaks=1 halt_on_error=1" UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1" "$out/stress-asan"

echo "== clang with libc++"
if command -v clang++ >/dev/null && echo '#include <atomic>' | clang++ -stdlib=libc++ -std=c++20 -x c++ -fsyntax-only - 2>/dev/null; then
  clang++ "${flags[@]}" -O2 -stdlib=libc++ "${sources[@]}" -o "$out/stress-libcxx"
  "$out/stress-libcxx"
else
  echo "skipped: no clang++ with libc++ (apt-get install clang libc++-dev libc++abi-dev)"
fi

echo "== aarch64 under qemu"
# qemu-user runs the threads on this machine's cores, translating aarch64's loads and stores into its own: on an x86
# host the run gets x86's stronger ordering, so it proves the code builds and runs whole on aarch64, not that
# aarch64's weaker memory model cannot tear it (that takes an arm64 machine: the prebuild workflow's runner).
if command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64-static >/dev/null; then
  aarch64-linux-gnu-g++ "${flags[@]}" -O2 -static "${sources[@]}" -o "$out/stress-aarch64"
  qemu-aarch64-static "$out/stress-aarch64"
else
  echo "skipped: no aarch64 cross compiler or qemu (apt-get install g++-aarch64-linux-gnu qemu-user-static)"
fi
