// Argument checks of the batch loops and of the native run: a batch mode id,
// the shared region laid out as that mode's strategy allocates it, and views
// that must fit in one copy of it.
#pragma once

#include <napi.h>

#include "args.h"
#include "batch.h"

namespace tearlab {

BatchMode RequireBatchMode(napi_env env, napi_value value, const char* name);

// (words, data): an Int32Array of the words `mode` needs for `role`, and any
// ArrayBufferView of data.
Region RequireRegion(napi_env env, BatchMode mode, Role role, napi_value words, napi_value data);

// A view of at most `capacity` bytes (the region's copy capacity).
ByteView RequireFitting(napi_env env, napi_value value, const char* name, size_t capacity);

}  // namespace tearlab
