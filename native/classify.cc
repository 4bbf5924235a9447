#include "classify.h"

#include <cstring>

namespace tearlab {

namespace {

// Words are compared a block at a time with the differences OR-ed together,
// so the inner loop has no branch and vectorizes; one branch per block lets a
// torn snapshot stop early.
constexpr size_t kWordsPerBlock = 32;
constexpr size_t kBlockBytes = kWordsPerBlock * sizeof(uint64_t);

inline uint64_t LoadWord(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

}  // namespace

int UniformByte(const uint8_t* data, size_t n) {
  if (n == 0) return kNotUniform;
  const uint8_t first = data[0];
  const uint64_t expected = 0x0101010101010101ULL * first;
  size_t i = 0;
  for (; i + kBlockBytes <= n; i += kBlockBytes) {
    uint64_t difference = 0;
    for (size_t w = 0; w < kWordsPerBlock; ++w) {
      difference |= LoadWord(data + i + w * sizeof(uint64_t)) ^ expected;
    }
    if (difference != 0) return kNotUniform;
  }
  for (; i + sizeof(uint64_t) <= n; i += sizeof(uint64_t)) {
    if (LoadWord(data + i) != expected) return kNotUniform;
  }
  for (; i < n; ++i) {
    if (data[i] != first) return kNotUniform;
  }
  return first;
}

}  // namespace tearlab
