// What the compiler was told when it built the addon, read from the macros it
// defines: the language standard, optimization, assertions, and the
// instruction sets it could use (a copy compiled for AVX2 moves 32 bytes per
// instruction, one for SSE2 16), so that results name the code that ran.
#pragma once

#include <string>
#include <vector>

namespace tearlab {

inline std::vector<std::string> BuildFlags() {
  std::vector<std::string> flags;
  flags.push_back("C++" + std::to_string(__cplusplus / 100 % 100));
#if defined(__OPTIMIZE_SIZE__)
  flags.push_back("optimized for size");
#elif defined(__OPTIMIZE__) || (defined(_MSC_VER) && defined(NDEBUG))
  // MSVC defines no macro for its optimization; binding.gyp defines NDEBUG for it in Release, built with /Ox.
  flags.push_back("optimized");
#else
  flags.push_back("not optimized");
#endif
#if defined(NDEBUG)
  flags.push_back("NDEBUG");
#endif
#if defined(__x86_64__) || defined(_M_X64)
  flags.push_back("x86-64");
#elif defined(__aarch64__) || defined(_M_ARM64)
  flags.push_back("aarch64");
#endif
#if defined(__SSE2__) || defined(_M_X64)
  flags.push_back("sse2");
#endif
#if defined(__SSE4_2__)
  flags.push_back("sse4.2");
#endif
#if defined(__AVX__)
  flags.push_back("avx");
#endif
#if defined(__AVX2__)
  flags.push_back("avx2");
#endif
#if defined(__AVX512F__)
  flags.push_back("avx512f");
#endif
#if defined(__ARM_NEON)
  flags.push_back("neon");
#endif
#if defined(__ARM_FEATURE_SVE)
  flags.push_back("sve");
#endif
  return flags;
}

}  // namespace tearlab
