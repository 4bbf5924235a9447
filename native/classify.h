// Snapshot classification: is every byte the same?
#pragma once

#include <cstddef>
#include <cstdint>

namespace tearlab {

inline constexpr int kNotUniform = -1;

// The byte value that fills all n bytes, or kNotUniform. n == 0 is kNotUniform.
int UniformByte(const uint8_t* data, size_t n);

}  // namespace tearlab
