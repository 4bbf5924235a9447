// AtomicRef<T>: std::atomic_ref where the standard library has it, and a small stand-in where it does not.
//
// The addon works on memory JavaScript owns (Int32Array words of a SharedArrayBuffer), so it needs atomic
// operations on plain int32_t objects: C++20's std::atomic_ref, with wait/notify. libstdc++ has had it since
// GCC 10 and wait/notify since GCC 11; libc++ only since LLVM 19 (its 19 release notes list P0019R8,
// "std::atomic_ref"), so libc++ 14 to 18 (Debian 12's clang 14 with libc++, and the libc++ of the Xcode releases
// built on those) fail with "no template named 'atomic_ref'". Apple's libc++ versions do not follow LLVM's
// numbering, so this header tests the feature macro, never a version.
//
// The stand-in views the int32_t as a std::atomic<int32_t>, which every ABI tearlab builds for lays out exactly as
// the plain type (checked below), and forwards to it; std::atomic's wait/notify exist in libc++ since LLVM 11
// (on Apple platforms from macOS 11 on, hence MACOSX_DEPLOYMENT_TARGET 11.0 in binding.gyp).
#ifndef TEARLAB_ATOMIC_REF_H_
#define TEARLAB_ATOMIC_REF_H_

#include <atomic>
#include <cstdint>

namespace tearlab {

// What both forms rely on: an int32_t in a JavaScript Int32Array (4-byte aligned) can be operated on atomically,
// without a lock, by the processor's own instructions, so that JavaScript's Atomics and the addon agree.
static_assert(std::atomic<int32_t>::is_always_lock_free, "int32_t atomics must be lock-free");
static_assert(sizeof(std::atomic<int32_t>) == sizeof(int32_t), "std::atomic<int32_t> must be laid out as int32_t");
static_assert(alignof(std::atomic<int32_t>) == alignof(int32_t), "std::atomic<int32_t> must be aligned as int32_t");

#if defined(__cpp_lib_atomic_ref)

static_assert(std::atomic_ref<int32_t>::required_alignment == alignof(int32_t),
              "an Int32Array element must be aligned enough for std::atomic_ref");
static_assert(std::atomic_ref<int32_t>::is_always_lock_free, "std::atomic_ref<int32_t> must be lock-free");

template <class T>
using AtomicRef = std::atomic_ref<T>;

#else

template <class T>
class AtomicRef {
 public:
  explicit AtomicRef(T& object) noexcept : atomic_(*reinterpret_cast<std::atomic<T>*>(&object)) {}

  T load(std::memory_order order = std::memory_order_seq_cst) const noexcept { return atomic_.load(order); }
  void store(T value, std::memory_order order = std::memory_order_seq_cst) const noexcept { atomic_.store(value, order); }
  T exchange(T value, std::memory_order order = std::memory_order_seq_cst) const noexcept {
    return atomic_.exchange(value, order);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst) const noexcept {
    return atomic_.compare_exchange_weak(expected, desired, order);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst) const noexcept {
    return atomic_.compare_exchange_strong(expected, desired, order);
  }
  T fetch_add(T value, std::memory_order order = std::memory_order_seq_cst) const noexcept {
    return atomic_.fetch_add(value, order);
  }
  T fetch_sub(T value, std::memory_order order = std::memory_order_seq_cst) const noexcept {
    return atomic_.fetch_sub(value, order);
  }
  void wait(T old, std::memory_order order = std::memory_order_seq_cst) const noexcept { atomic_.wait(old, order); }
  void notify_one() const noexcept { atomic_.notify_one(); }
  void notify_all() const noexcept { atomic_.notify_all(); }

 private:
  std::atomic<T>& atomic_;
};

#endif

}  // namespace tearlab

#endif  // TEARLAB_ATOMIC_REF_H_
