#include "region_args.h"

#include <string>

namespace tearlab {

BatchMode RequireBatchMode(napi_env env, napi_value value, const char* name) {
  const uint64_t id = RequireCount(env, value, name, static_cast<uint64_t>(BatchMode::kCount) - 1);
  return static_cast<BatchMode>(id);
}

Region RequireRegion(napi_env env, BatchMode mode, Role role, napi_value words, napi_value data) {
  const WordView word_view = RequireWordView(env, words, "words", MinWords(mode, role));
  const ByteView data_view = RequireByteView(env, data, "data");
  return {word_view.data, word_view.length, data_view.data, data_view.length};
}

ByteView RequireFitting(napi_env env, napi_value value, const char* name, size_t capacity) {
  const ByteView view = RequireByteView(env, value, name);
  if (view.length > capacity) {
    ThrowRangeError(env, std::string("The \"") + name + "\" argument's byteLength (" +
                             std::to_string(view.length) +
                             ") must not exceed what one copy of the shared data holds (" +
                             std::to_string(capacity) + ")");
  }
  return view;
}

}  // namespace tearlab
