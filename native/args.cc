#include "args.h"

#include <cmath>
#include <string>

namespace tearlab {

namespace {

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::string text = std::to_string(value);
  // std::to_string prints six decimals; trim them for whole numbers.
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// A number (TypeError otherwise) that is a non-negative safe integer
// (RangeError otherwise).
double RequireSafeInteger(napi_env env, napi_value value, const char* name) {
  double number;
  if (napi_get_value_double(env, value, &number) != napi_ok) {
    ThrowTypeError(env, name, "a number");
  }
  if (!(number >= 0) || number > static_cast<double>(kMaxSafeCount) || std::trunc(number) != number) {
    ThrowRangeError(env, std::string("The \"") + name +
                             "\" argument must be a non-negative safe integer, got " +
                             FormatNumber(number));
  }
  return number;
}

}  // namespace

void ThrowTypeError(napi_env env, const char* name, const char* expected) {
  throw Napi::TypeError::New(env, std::string("The \"") + name + "\" argument must be " +
                                      expected);
}

void ThrowRangeError(napi_env env, const std::string& message) {
  throw Napi::RangeError::New(env, message);
}

ByteView RequireByteView(napi_env env, napi_value value, const char* name) {
  {
    // Fails with napi_invalid_arg for anything but a typed array.
    napi_typedarray_type type;
    size_t element_count;
    void* data;
    if (napi_get_typedarray_info(env, value, &type, &element_count, &data, nullptr,
                                 nullptr) == napi_ok) {
      size_t element_size = 1;
      switch (type) {
        case napi_int16_array:
        case napi_uint16_array:
          element_size = 2;
          break;
        case napi_int32_array:
        case napi_uint32_array:
        case napi_float32_array:
          element_size = 4;
          break;
        case napi_float64_array:
        case napi_bigint64_array:
        case napi_biguint64_array:
          element_size = 8;
          break;
        default:
          break;
      }
      size_t length = element_count * element_size;
      return {length == 0 ? nullptr : static_cast<uint8_t*>(data), length};
    }
  }
  bool is_data_view = false;
  napi_is_dataview(env, value, &is_data_view);
  if (is_data_view) {
    size_t length;
    void* data;
    if (napi_get_dataview_info(env, value, &length, &data, nullptr, nullptr) == napi_ok) {
      return {length == 0 ? nullptr : static_cast<uint8_t*>(data), length};
    }
  }
  ThrowTypeError(env, name, "an ArrayBufferView (a typed array or a DataView)");
}

namespace {

// The elements of a typed array of `type` with at least `min_length` of them.
void* RequireTypedArray(napi_env env, napi_value value, const char* name,
                        napi_typedarray_type type, const char* type_name, size_t min_length,
                        size_t* length) {
  bool is_typed_array = false;
  napi_is_typedarray(env, value, &is_typed_array);
  napi_typedarray_type actual;
  void* data = nullptr;
  *length = 0;
  if (!is_typed_array ||
      napi_get_typedarray_info(env, value, &actual, length, &data, nullptr, nullptr) != napi_ok ||
      actual != type) {
    ThrowTypeError(env, name, type_name);
  }
  if (*length < min_length) {
    ThrowRangeError(env, std::string("The \"") + name + "\" argument must have at least " +
                             std::to_string(min_length) + " elements, got " +
                             std::to_string(*length));
  }
  return data;
}

}  // namespace

void RequireSharedMemory(napi_env env, napi_value view, const char* name) {
  napi_value buffer = nullptr;
  bool is_typed_array = false;
  bool is_data_view = false;
  napi_is_typedarray(env, view, &is_typed_array);
  napi_is_dataview(env, view, &is_data_view);
  if (is_typed_array) {
    napi_get_typedarray_info(env, view, nullptr, nullptr, nullptr, &buffer, nullptr);
  } else if (is_data_view) {
    napi_get_dataview_info(env, view, nullptr, nullptr, &buffer, nullptr);
  }
  // napi_is_arraybuffer is true for an ArrayBuffer and false for a SharedArrayBuffer.
  bool is_array_buffer = true;
  if (buffer != nullptr) napi_is_arraybuffer(env, buffer, &is_array_buffer);
  if (is_array_buffer) ThrowTypeError(env, name, "a view of a SharedArrayBuffer");
}

WordView RequireWordView(napi_env env, napi_value value, const char* name,
                         size_t min_length) {
  size_t length;
  void* data =
      RequireTypedArray(env, value, name, napi_int32_array, "an Int32Array", min_length, &length);
  return {static_cast<int32_t*>(data), length};
}

Uint32View RequireUint32View(napi_env env, napi_value value, const char* name) {
  size_t length;
  void* data = RequireTypedArray(env, value, name, napi_uint32_array, "a Uint32Array", 0, &length);
  return {static_cast<uint32_t*>(data), length};
}

double* RequireFloat64View(napi_env env, napi_value value, const char* name, size_t min_length) {
  size_t length;
  return static_cast<double*>(RequireTypedArray(env, value, name, napi_float64_array,
                                                "a Float64Array", min_length, &length));
}

int32_t RequireInt32(napi_env env, napi_value value, const char* name) {
  double number;
  if (napi_get_value_double(env, value, &number) != napi_ok) ThrowTypeError(env, name, "a number");
  if (!(number >= INT32_MIN && number <= INT32_MAX) || std::trunc(number) != number) {
    ThrowRangeError(env, std::string("The \"") + name + "\" argument must be a 32-bit integer, got " + FormatNumber(number));
  }
  return static_cast<int32_t>(number);
}

uint64_t RequireCount(napi_env env, napi_value value, const char* name, uint64_t limit) {
  const double number = RequireSafeInteger(env, value, name);
  if (number > static_cast<double>(limit)) {
    ThrowRangeError(env, std::string("The \"") + name + "\" argument must be at most " +
                             std::to_string(limit) + ", got " + FormatNumber(number));
  }
  return static_cast<uint64_t>(number);
}

size_t RequireByteCount(napi_env env, napi_value value, const char* name, size_t limit,
                        const char* limit_name) {
  const double number = RequireSafeInteger(env, value, name);
  if (number > static_cast<double>(limit)) {
    ThrowRangeError(env, std::string("The \"") + name + "\" argument (" +
                             FormatNumber(number) + ") must not exceed " + limit_name +
                             " (" + std::to_string(limit) + ")");
  }
  return static_cast<size_t>(number);
}

}  // namespace tearlab
