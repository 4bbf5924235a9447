#!/usr/bin/env bash
# npm run test:native: the native stress harness (stress.cc) built and run under ThreadSanitizer, then under
# AddressSanitizer + UndefinedBehaviorSanitizer. Fails on any report or any torn snapshot under a fix.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="build/harness"
mkdir -p "$out"
# Everything in native/ but the Node-API glue.
sources=(native/harness/stress.cc)
for file in native/*.cc; do
  case "$file" in
    native/addon.cc | native/args.cc | native/native_run_call.cc | native/region_args.cc) ;;
    *) sources+=("$file") ;;
  esac
done
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -pthread -Wall -Wextra)

echo "== ThreadSanitizer"
# gcc warns that TSan does not model atomic_thread_fence; the seqlock's fences are covered by its suppression.
g++ "${flags[@]}" -fsanitize=thread -Wno-tsan "${sources[@]}" -o "$out/stress-tsan"
TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=native/harness/tsan.supp" "$out/stress-tsan"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
g++ "${flags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all "${sources[@]}" -o "$out/stress-asan"
ASAN_OPTIONS="detect_leaks=1 halt_on_error=1" UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1" "$out/stress-asan"
