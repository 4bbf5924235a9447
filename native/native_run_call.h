// runNative(...): starts the native-thread run off the event loop and returns
// a Promise of what each thread counted.
#pragma once

#include <napi.h>

namespace tearlab {

Napi::Value StartNativeRun(const Napi::CallbackInfo& info);

}  // namespace tearlab
