// Counters as a JavaScript object keyed by kCounterNames.
#pragma once

#include <napi.h>

#include "counters.h"

namespace tearlab {

inline Napi::Object CountersObject(Napi::Env env, const Counters& counters) {
  Napi::Object object = Napi::Object::New(env);
  for (int counter = 0; counter < kCounterCount; ++counter) {
    object.Set(kCounterNames[counter], Napi::Number::New(env, static_cast<double>(counters[counter])));
  }
  return object;
}

}  // namespace tearlab
