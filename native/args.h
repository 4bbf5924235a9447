// Argument checks shared by every exported function. Each check throws a
// JavaScript TypeError or RangeError (as a Napi::Error C++ exception) whose
// message names the argument, so bad input never reaches a raw pointer.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace tearlab {

// The bytes behind any ArrayBufferView (typed array or DataView), honouring
// its byteOffset. A view over a detached buffer has length 0.
struct ByteView {
  uint8_t* data;
  size_t length;
};

// The 32-bit words behind an Int32Array that holds shared synchronization state.
struct WordView {
  int32_t* data;
  size_t length;
};

ByteView RequireByteView(napi_env env, napi_value value, const char* name);

// An Int32Array of at least `min_length` elements.
WordView RequireWordView(napi_env env, napi_value value, const char* name,
                         size_t min_length);

// Throws a TypeError unless the view's memory belongs to a SharedArrayBuffer,
// which can grow but never shrink, move or be detached: what native threads
// that outlive the call need.
void RequireSharedMemory(napi_env env, napi_value view, const char* name);

// The 32-bit unsigned elements behind a Uint32Array.
struct Uint32View {
  uint32_t* data;
  size_t length;
};

// A Uint32Array of any length.
Uint32View RequireUint32View(napi_env env, napi_value value, const char* name);

// A Float64Array of at least `min_length` elements, where a call writes what it counted.
double* RequireFloat64View(napi_env env, napi_value value, const char* name, size_t min_length);

// A byte count: a number (TypeError otherwise) that is a non-negative safe
// integer no larger than `limit` (RangeError otherwise; `limit_name` says
// what the limit is, e.g. "dst.byteLength").
size_t RequireByteCount(napi_env env, napi_value value, const char* name,
                        size_t limit, const char* limit_name);

// Number.MAX_SAFE_INTEGER: the largest count a JavaScript number holds exactly.
inline constexpr uint64_t kMaxSafeCount = (1ULL << 53) - 1;

// An integer from INT32_MIN to INT32_MAX (TypeError for a non-number, RangeError otherwise).
int32_t RequireInt32(napi_env env, napi_value value, const char* name);

// A non-negative safe integer no larger than `limit` (RangeError otherwise).
uint64_t RequireCount(napi_env env, napi_value value, const char* name,
                      uint64_t limit);

[[noreturn]] void ThrowTypeError(napi_env env, const char* name,
                                 const char* expected);
[[noreturn]] void ThrowRangeError(napi_env env, const std::string& message);

}  // namespace tearlab
