// The addon's exports. Context-aware (Napi::Addon): the main thread and every
// worker get their own instance, with their own counters and read pace; the
// global lock in copy.cc is the one thing they share.
#include <napi.h>

#include <cmath>
#include <string>

#if defined(_MSC_VER)
#include <intrin.h>
#endif

#include "affinity.h"
#include "anatomy.h"
#include "args.h"
#include "batch.h"
#include "build_flags.h"
#include "classify.h"
#include "copy.h"
#include "counters.h"
#include "counters_object.h"
#include "double_buffer.h"
#include "gil.h"
#include "native_run_call.h"
#include "outcome_tally.h"
#include "region_args.h"
#include "scenario_steps.h"
#include "seqlock.h"
#include "shared_lock.h"

namespace tearlab {

namespace {

constexpr size_t kIntactTableBytes = 256;
constexpr uint64_t kMaxAlignment = 4096;
// The most steps one globalAddSteps call takes.
constexpr uint64_t kMaxAddSteps = 1000;
// The longest switch interval setSwitchInterval takes: 1,000 s.
constexpr uint64_t kMaxSwitchIntervalMicros = 1000000000;

// Makes the compiler assume `written` may be read here, so repeated copies into it are not merged into one: an
// empty asm statement that takes the pointer and clobbers memory (GCC, Clang), MSVC's compiler barrier, and
// elsewhere a call it cannot see through.
inline void KeepWritten(const void* written) {
#if defined(__GNUC__) || defined(__clang__)
  asm volatile("" : : "r"(written) : "memory");
#elif defined(_MSC_VER)
  (void)written;
  _ReadWriteBarrier();
#else
  static void (*volatile opaque)(const void*) = [](const void*) {};
  opaque(written);
#endif
}

}  // namespace

class TearlabAddon : public Napi::Addon<TearlabAddon> {
 public:
  TearlabAddon(Napi::Env env, Napi::Object exports) {
    constexpr auto kExported = napi_enumerable;
    DefineAddon(
        exports,
        {
            InstanceMethod<&TearlabAddon::Copy<CopyMode::kUnlocked>>("copyUnlocked",
                                                                     kExported),
            InstanceMethod<&TearlabAddon::Copy<CopyMode::kGlobalLock>>("copyGlobalLock",
                                                                       kExported),
            InstanceMethod<&TearlabAddon::Classify>("classify", kExported),
            InstanceMethod<&TearlabAddon::Dissect>("dissect", kExported),
            InstanceMethod<&TearlabAddon::Snapshot<CopyMode::kUnlocked>>("snapshotUnlocked",
                                                                         kExported),
            InstanceMethod<&TearlabAddon::Snapshot<CopyMode::kGlobalLock>>(
                "snapshotGlobalLock", kExported),
            InstanceMethod<&TearlabAddon::Copy<CopyMode::kGil>>("copyGil", kExported),
            InstanceMethod<&TearlabAddon::Copy<CopyMode::kGilReleased>>("copyGilReleased", kExported),
            InstanceMethod<&TearlabAddon::Snapshot<CopyMode::kGil>>("snapshotGil", kExported),
            InstanceMethod<&TearlabAddon::Snapshot<CopyMode::kGilReleased>>("snapshotGilReleased",
                                                                            kExported),
            InstanceMethod<&TearlabAddon::GilTakeCall>("gilTake", kExported),
            InstanceMethod<&TearlabAddon::GilDropCall>("gilDrop", kExported),
            InstanceMethod<&TearlabAddon::GilSafePointCall>("gilSafePoint", kExported),
            InstanceMethod<&TearlabAddon::SetSwitchIntervalCall>("setSwitchInterval", kExported),
            InstanceMethod<&TearlabAddon::GlobalPairStoreCall>("globalPairStore", kExported),
            InstanceMethod<&TearlabAddon::GlobalPairLoadCall>("globalPairLoad", kExported),
            InstanceMethod<&TearlabAddon::GlobalAddStepsCall>("globalAddSteps", kExported),
            InstanceMethod<&TearlabAddon::GlobalLoadCall>("globalLoad", kExported),
            InstanceMethod<&TearlabAddon::LockedCopy>("lockedCopy", kExported),
            InstanceMethod<&TearlabAddon::LockedSnapshot>("lockedSnapshot", kExported),
            InstanceMethod<&TearlabAddon::SeqlockWrite>("seqlockWrite", kExported),
            InstanceMethod<&TearlabAddon::SeqlockSnapshot>("seqlockSnapshot", kExported),
            InstanceMethod<&TearlabAddon::DoubleBufferWrite>("doubleBufferWrite",
                                                             kExported),
            InstanceMethod<&TearlabAddon::DoubleBufferSnapshot>("doubleBufferSnapshot",
                                                                kExported),
            InstanceMethod<&TearlabAddon::WriteBatch>("writeBatch", kExported),
            InstanceMethod<&TearlabAddon::SnapshotBatch>("snapshotBatch", kExported),
            InstanceMethod<&TearlabAddon::TallyTorn>("tallyTorn", kExported),
            InstanceMethod<&TearlabAddon::RunNative>("runNative", kExported),
            InstanceMethod<&TearlabAddon::AlignmentOffset>("alignmentOffset", kExported),
            InstanceMethod<&TearlabAddon::AllowedCpus>("allowedCpus", kExported),
            InstanceMethod<&TearlabAddon::PinThread>("pinThread", kExported),
            InstanceMethod<&TearlabAddon::CurrentCpu>("currentCpu", kExported),
            InstanceMethod<&TearlabAddon::SetReadPace>("setReadPace", kExported),
            InstanceMethod<&TearlabAddon::TakeCounters>("takeCounters", kExported),
            InstanceMethod<&TearlabAddon::Noop>("noop", kExported),
            InstanceMethod<&TearlabAddon::CopyLoop>("copyLoop", kExported),
            InstanceValue("layout", Layout(env), kExported),
            InstanceValue("batchModes", BatchModes(env), kExported),
            InstanceValue("counterNames", CounterNames(env), kExported),
            InstanceValue("build", BuildInfo(env), kExported),
        });
  }

  // A worker that ends, or is terminated, holding the GIL (its environment is torn down on its own thread) must
  // not leave the other threads waiting for it.
  ~TearlabAddon() {
    if (GilHeldByThisThread()) GilDrop(counters_);
  }

 private:
  // copyUnlocked(dst, src, n) and copyGlobalLock(dst, src, n): memmove of n
  // bytes, without or with the process-wide lock. The package's memcpy picks
  // one by its mode argument; a mode per function keeps string parsing off
  // the per-call path.
  template <CopyMode mode>
  Napi::Value Copy(const Napi::CallbackInfo& info) {
    const CopyArgs copy = RequireCopyArgs(info);
    CopyWithMode(copy.dst, copy.src, copy.n, mode, ReadPace{}, counters_);
    return info.Env().Undefined();
  }

  // classify(view) -> the byte that fills the whole view, or -1
  Napi::Value Classify(const Napi::CallbackInfo& info) {
    const ByteView view = RequireByteView(info.Env(), info[0], "view");
    return Napi::Number::New(info.Env(), UniformByte(view.data, view.length));
  }

  // dissect(view, boundaries) -> { segments, shortestSegment, recorded }: the
  // runs of equal bytes in view, with the offsets where they change written
  // to the Uint32Array boundaries (as many as it holds).
  Napi::Value Dissect(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const ByteView view = RequireByteView(env, info[0], "view");
    const Uint32View boundaries = RequireUint32View(env, info[1], "boundaries");
    if (view.length > UINT32_MAX) {
      ThrowRangeError(env, "The \"view\" argument's byteLength must be at most " +
                               std::to_string(UINT32_MAX));
    }
    const Anatomy anatomy = tearlab::Dissect(view.data, view.length, boundaries.data, boundaries.length);
    Napi::Object result = Napi::Object::New(env);
    result.Set("segments", static_cast<double>(anatomy.segments));
    result.Set("shortestSegment", static_cast<double>(anatomy.shortest_segment));
    result.Set("recorded", static_cast<double>(anatomy.recorded));
    return result;
  }

  // snapshotUnlocked(shared, snapshot) and snapshotGlobalLock(shared, snapshot)
  // -> classify(snapshot) after copying snapshot.byteLength bytes of shared
  // into it, at this thread's pace.
  template <CopyMode mode>
  Napi::Value Snapshot(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const ByteView shared = RequireByteView(env, info[0], "shared");
    const ByteView snapshot = RequireSnapshot(env, info[1], shared.length);
    CopyWithMode(snapshot.data, shared.data, snapshot.length, mode, pace_, counters_);
    return Classified(env, snapshot);
  }

  // lockedCopy(lock, dst, src): copies all of src into dst holding the lock
  // in lock's first words (see shared_lock.h).
  Napi::Value LockedCopy(const Napi::CallbackInfo& info) {
    const GuardedWrite write = RequireGuardedWrite(info, "lock", kSharedLockWords, "dst");
    SharedLockGuard hold(write.words, counters_);
    PacedCopy(write.dst, write.src, write.n, ReadPace{});
    return info.Env().Undefined();
  }

  // lockedSnapshot(lock, shared, snapshot) -> classification
  Napi::Value LockedSnapshot(const Napi::CallbackInfo& info) {
    const GuardedSnapshot read = RequireGuardedSnapshot(info, "lock", kSharedLockWords);
    {
      SharedLockGuard hold(read.words, counters_);
      PacedCopy(read.snapshot.data, read.shared, read.snapshot.length, pace_);
    }
    return Classified(info.Env(), read.snapshot);
  }

  // seqlockWrite(state, shared, src)
  Napi::Value SeqlockWrite(const Napi::CallbackInfo& info) {
    const GuardedWrite write = RequireGuardedWrite(info, "state", kSeqlockWords, "shared");
    tearlab::SeqlockWrite(write.words, write.dst, write.src, write.n, counters_);
    return info.Env().Undefined();
  }

  // seqlockSnapshot(state, shared, snapshot) -> classification
  Napi::Value SeqlockSnapshot(const Napi::CallbackInfo& info) {
    const GuardedSnapshot read = RequireGuardedSnapshot(info, "state", kSeqlockWords);
    SeqlockRead(read.words, read.shared, read.snapshot.data, read.snapshot.length, pace_,
                counters_);
    return Classified(info.Env(), read.snapshot);
  }

  // doubleBufferWrite(state, slots, src): state holds the published index and
  // one pin word per slot (see double_buffer.h); slots is divided evenly among them.
  Napi::Value DoubleBufferWrite(const Napi::CallbackInfo& info) {
    // A writer needs a slot besides the published one, or it would wait forever.
    const DoubleBufferArgs buffer = RequireDoubleBufferArgs(info, 2);
    const ByteView src = RequireSource(info.Env(), info[2], buffer.slot_bytes);
    tearlab::DoubleBufferWrite(buffer.state, buffer.slot_count, buffer.slots, buffer.slot_bytes,
                               src.data, src.length, counters_);
    return info.Env().Undefined();
  }

  // doubleBufferSnapshot(state, slots, snapshot) -> classification
  Napi::Value DoubleBufferSnapshot(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const DoubleBufferArgs buffer = RequireDoubleBufferArgs(info, 1);
    const ByteView snapshot = RequireSnapshot(env, info[2], buffer.slot_bytes);
    if (!DoubleBufferRead(buffer.state, buffer.slot_count, buffer.slots, buffer.slot_bytes,
                          snapshot.data, snapshot.length, pace_, counters_)) {
      ThrowRangeError(env, "The \"state\" argument's published slot index is not one of its " +
                               std::to_string(buffer.slot_count) + " slots");
    }
    return Classified(env, snapshot);
  }

  // writeBatch(mode, words, data, first, second, count, stop, outcome): up to
  // `count` writes alternating first and second, each synchronized by the
  // batch mode (an id from batchModes); stops early once stop[0] is nonzero.
  // What it counted goes into the Float64Array outcome (layout.batchOutcome).
  Napi::Value WriteBatch(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const BatchMode mode = RequireBatchMode(env, info[0], "mode");
    const Region region = RequireRegion(env, mode, Role::kWriter, info[1], info[2]);
    const size_t capacity = CopyCapacity(mode, region);
    const ByteView first = RequireFitting(env, info[3], "first", capacity);
    const ByteView second = RequireFitting(env, info[4], "second", capacity);
    if (second.length != first.length) {
      ThrowRangeError(env, "The \"second\" argument's byteLength (" + std::to_string(second.length) +
                               ") must equal the first's (" + std::to_string(first.length) + ")");
    }
    const uint64_t count = RequireCount(env, info[5], "count", kMaxSafeCount);
    int32_t* stop = RequireWordView(env, info[6], "stop", 1).data;
    double* outcome = RequireFloat64View(env, info[7], "outcome", kBatchOutcomeFields);
    StoreOutcome(env, outcome,
                 tearlab::WriteBatch(mode, region, first.data, second.data, first.length, count, stop));
    return info.Env().Undefined();
  }

  // snapshotBatch(mode, words, data, snapshot, intact, count, stop, outcome[, tally]):
  // up to `count` snapshots, each classified against the 256-byte table
  // `intact`, at this thread's read pace; with a tally, each one's outcome
  // counted there (layout.outcomeTally).
  Napi::Value SnapshotBatch(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const BatchMode mode = RequireBatchMode(env, info[0], "mode");
    const Region region = RequireRegion(env, mode, Role::kReader, info[1], info[2]);
    const ByteView snapshot = RequireFitting(env, info[3], "snapshot", CopyCapacity(mode, region));
    const ByteView intact = RequireByteView(env, info[4], "intact");
    if (intact.length < kIntactTableBytes) {
      ThrowRangeError(env, "The \"intact\" argument must hold 256 bytes, got " +
                               std::to_string(intact.length));
    }
    const uint64_t count = RequireCount(env, info[5], "count", kMaxSafeCount);
    int32_t* stop = RequireWordView(env, info[6], "stop", 1).data;
    double* outcome = RequireFloat64View(env, info[7], "outcome", kBatchOutcomeFields);
    double* tally = info[8].IsUndefined() ? nullptr : RequireTally(env, info[8]);
    StoreOutcome(env, outcome,
                 tearlab::SnapshotBatch(mode, region, snapshot.data, snapshot.length, intact.data,
                                        count, stop, pace_, tally));
    return info.Env().Undefined();
  }

  // An outcome tally (outcome_tally.h) whose boundary base is an offset into a page.
  static double* RequireTally(napi_env env, napi_value value) {
    double* tally = RequireFloat64View(env, value, "tally", kOutcomeTallyFields);
    const double base = tally[kBoundaryBase];
    if (!(base >= 0 && base < 4096 && std::trunc(base) == base)) {
      ThrowRangeError(env, "The \"tally\" argument's boundary base (field " + std::to_string(kBoundaryBase) +
                               ") must be an integer from 0 to 4095");
    }
    return tally;
  }

  // tallyTorn(tally, snapshot): counts a torn snapshot's segments in the
  // Float64Array tally (layout.outcomeTally), and its anatomy while the
  // tally's sample is not full.
  Napi::Value TallyTorn(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    double* tally = RequireTally(env, info[0]);
    const ByteView snapshot = RequireByteView(env, info[1], "snapshot");
    tearlab::TallyTorn(tally, snapshot.data, snapshot.length, CountSegmentsUpTo(snapshot.data, snapshot.length, 3));
    return info.Env().Undefined();
  }

  // runNative(mode, words, data, size, patterns, intact, readers, iters, stop,
  // cpus, paces, workspace, stride, anatomySample) -> Promise: the experiment on native
  // threads (native_run.h).
  Napi::Value RunNative(const Napi::CallbackInfo& info) { return StartNativeRun(info); }

  // alignmentOffset(view, alignment) -> the bytes from the view's start to
  // its first address that is a multiple of alignment (a power of two up to 4096).
  Napi::Value AlignmentOffset(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const ByteView view = RequireByteView(env, info[0], "view");
    const uint64_t alignment = RequireCount(env, info[1], "alignment", kMaxAlignment);
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
      ThrowRangeError(env, "The \"alignment\" argument must be a power of two from 1 to " +
                               std::to_string(kMaxAlignment) + ", got " + std::to_string(alignment));
    }
    const uintptr_t address = reinterpret_cast<uintptr_t>(view.data);
    return Napi::Number::New(env, static_cast<double>((alignment - address % alignment) % alignment));
  }

  // allowedCpus() -> the CPUs this process may run on, or null where unknown.
  Napi::Value AllowedCpus(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const tearlab::AllowedCpus allowed = ProcessAllowedCpus();
    if (!allowed.supported) return env.Null();
    Napi::Array cpus = Napi::Array::New(env, allowed.cpus.size());
    for (size_t i = 0; i < allowed.cpus.size(); ++i) cpus.Set(static_cast<uint32_t>(i), allowed.cpus[i]);
    return cpus;
  }

  // pinThread(cpu) -> null once the calling thread is pinned, else why not.
  Napi::Value PinThread(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const uint64_t cpu = RequireCount(env, info[0], "cpu", kMaxCpus - 1);
    const std::string refused = PinCurrentThread(static_cast<int>(cpu));
    return refused.empty() ? env.Null() : Napi::String::New(env, refused);
  }

  // currentCpu() -> the CPU the calling thread runs on, or -1.
  Napi::Value CurrentCpu(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), tearlab::CurrentCpu());
  }

  // setReadPace(chunks, pauseMicros, restMicros): how this thread's snapshots
  // copy, and how long a batch rests after each one.
  Napi::Value SetReadPace(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const uint64_t chunks = RequireCount(env, info[0], "chunks", kMaxReadChunks);
    if (chunks == 0) ThrowRangeError(env, "The \"chunks\" argument must be at least 1, got 0");
    const uint64_t pause = RequireCount(env, info[1], "pauseMicros", kMaxReadPauseMicros);
    const uint64_t rest = RequireCount(env, info[2], "restMicros", kMaxReadPauseMicros);
    pace_ = ReadPace{static_cast<uint32_t>(chunks), static_cast<uint32_t>(pause),
                     static_cast<uint32_t>(rest)};
    return info.Env().Undefined();
  }

  // takeCounters() -> this thread's counters since the last call
  Napi::Value TakeCounters(const Napi::CallbackInfo& info) {
    Napi::Object result = CountersObject(info.Env(), counters_);
    counters_.fill(0);
    return result;
  }

  // gilTake() and gilDrop(): the calling thread takes or drops the GIL of native/gil.h; each returns whether it
  // did anything (a thread that holds the GIL already has it, one that does not has nothing to drop).
  Napi::Value GilTakeCall(const Napi::CallbackInfo& info) {
    if (GilHeldByThisThread()) return Napi::Boolean::New(info.Env(), false);
    GilTake(counters_);
    return Napi::Boolean::New(info.Env(), true);
  }
  Napi::Value GilDropCall(const Napi::CallbackInfo& info) {
    if (!GilHeldByThisThread()) return Napi::Boolean::New(info.Env(), false);
    GilDrop(counters_);
    return Napi::Boolean::New(info.Env(), true);
  }

  // gilSafePoint(): nothing but a safe point, where a thread holding the GIL hands it over if another asked (the
  // scenarios' gil variant calls it after every load and store, as CPython checks between bytecodes).
  Napi::Value GilSafePointCall(const Napi::CallbackInfo& info) {
    GilSafePoint(counters_);
    return info.Env().Undefined();
  }

  // setSwitchInterval(micros): the GIL's switch interval for the whole process, as sys.setswitchinterval sets it
  // (0 is taken as the shortest, 1 microsecond, as CPython clamps it).
  Napi::Value SetSwitchIntervalCall(const Napi::CallbackInfo& info) {
    SetSwitchInterval(static_cast<uint32_t>(RequireCount(info.Env(), info[0], "micros", kMaxSwitchIntervalMicros)));
    return info.Env().Undefined();
  }

  // The scenarios' global-lock steps (native/scenario_steps.h). globalPairStore(words, x, y) and
  // globalPairLoad(words, out): words[0] and words[1] stored, or loaded into out; globalAddSteps(words, index,
  // delta, steps) -> the value before; globalLoad(words, index).
  Napi::Value GlobalPairStoreCall(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    int32_t* words = RequireWordView(env, info[0], "words", 2).data;
    GlobalPairStore(words, RequireInt32(env, info[1], "x"), RequireInt32(env, info[2], "y"), counters_);
    return env.Undefined();
  }
  Napi::Value GlobalPairLoadCall(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    int32_t* words = RequireWordView(env, info[0], "words", 2).data;
    int32_t* out = RequireWordView(env, info[1], "out", 2).data;
    GlobalPairLoad(words, out, counters_);
    return env.Undefined();
  }
  Napi::Value GlobalAddStepsCall(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const WordView words = RequireWordView(env, info[0], "words", 1);
    const size_t index = static_cast<size_t>(RequireCount(env, info[1], "index", words.length - 1));
    const int32_t delta = RequireInt32(env, info[2], "delta");
    const uint32_t steps = static_cast<uint32_t>(RequireCount(env, info[3], "steps", kMaxAddSteps));
    return Napi::Number::New(env, GlobalAddSteps(words.data, index, delta, steps, counters_));
  }
  Napi::Value GlobalLoadCall(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const WordView words = RequireWordView(env, info[0], "words", 1);
    const size_t index = static_cast<size_t>(RequireCount(env, info[1], "index", words.length - 1));
    return Napi::Number::New(env, GlobalLoad(words.data, index, counters_));
  }

  // The floor of an addon call: does nothing.
  Napi::Value Noop(const Napi::CallbackInfo& info) { return info.Env().Undefined(); }

  // copyLoop(dst, src, n, reps): the same unlocked copy `reps` times with no
  // JavaScript crossing in between, the reference for the per-call cost.
  Napi::Value CopyLoop(const Napi::CallbackInfo& info) {
    const CopyArgs copy = RequireCopyArgs(info);
    const uint64_t reps = RequireCount(info.Env(), info[3], "reps", UINT32_MAX);
    for (uint64_t rep = 0; rep < reps; ++rep) {
      CopyWithMode(copy.dst, copy.src, copy.n, CopyMode::kUnlocked, ReadPace{}, counters_);
      KeepWritten(copy.dst);
    }
    return info.Env().Undefined();
  }

  struct CopyArgs {
    uint8_t* dst;
    const uint8_t* src;
    size_t n;
  };

  // (dst, src, n): n no larger than either view.
  static CopyArgs RequireCopyArgs(const Napi::CallbackInfo& info) {
    napi_env env = info.Env();
    const ByteView dst = RequireByteView(env, info[0], "dst");
    const ByteView src = RequireByteView(env, info[1], "src");
    const size_t n = RequireByteCount(env, info[2], "n", std::min(dst.length, src.length),
                                      dst.length <= src.length ? "dst.byteLength"
                                                               : "src.byteLength");
    return {dst.data, src.data, n};
  }

  // The arguments of a write guarded by synchronization words.
  struct GuardedWrite {
    int32_t* words;
    uint8_t* dst;
    const uint8_t* src;
    size_t n;
  };

  // (words, dst, src): words an Int32Array of at least min_words; all of src
  // fits in dst.
  static GuardedWrite RequireGuardedWrite(const Napi::CallbackInfo& info, const char* words_name,
                                          size_t min_words, const char* dst_name) {
    napi_env env = info.Env();
    const WordView words = RequireWordView(env, info[0], words_name, min_words);
    const ByteView dst = RequireByteView(env, info[1], dst_name);
    const ByteView src = RequireSource(env, info[2], dst.length);
    return {words.data, dst.data, src.data, src.length};
  }

  // The arguments of a snapshot guarded by synchronization words.
  struct GuardedSnapshot {
    int32_t* words;
    const uint8_t* shared;
    ByteView snapshot;
  };

  // (words, shared, snapshot): words an Int32Array of at least min_words;
  // the snapshot no longer than shared.
  static GuardedSnapshot RequireGuardedSnapshot(const Napi::CallbackInfo& info,
                                                const char* words_name, size_t min_words) {
    napi_env env = info.Env();
    const WordView words = RequireWordView(env, info[0], words_name, min_words);
    const ByteView shared = RequireByteView(env, info[1], "shared");
    const ByteView snapshot = RequireSnapshot(env, info[2], shared.length);
    return {words.data, shared.data, snapshot};
  }

  struct DoubleBufferArgs {
    int32_t* state;
    size_t slot_count;
    uint8_t* slots;
    size_t slot_bytes;
  };

  // (state, slots, ...): a state of at least `min_slots` slots; the slots
  // view divided evenly among them.
  static DoubleBufferArgs RequireDoubleBufferArgs(const Napi::CallbackInfo& info,
                                                  size_t min_slots) {
    napi_env env = info.Env();
    const WordView state =
        RequireWordView(env, info[0], "state", kFirstPin + min_slots * kPinStride);
    const ByteView slots = RequireByteView(env, info[1], "slots");
    const size_t slot_count = DoubleBufferSlots(state.length);
    return {state.data, slot_count, slots.data, slots.length / slot_count};
  }

  static ByteView RequireSnapshot(napi_env env, napi_value value, size_t shared_length) {
    const ByteView snapshot = RequireByteView(env, value, "snapshot");
    if (snapshot.length > shared_length) {
      ThrowRangeError(env, "The \"snapshot\" argument's byteLength (" +
                               std::to_string(snapshot.length) +
                               ") must not exceed the shared buffer's (" +
                               std::to_string(shared_length) + ")");
    }
    return snapshot;
  }

  static ByteView RequireSource(napi_env env, napi_value value, size_t dst_length) {
    const ByteView src = RequireByteView(env, value, "src");
    if (src.length > dst_length) {
      ThrowRangeError(env, "The \"src\" argument's byteLength (" + std::to_string(src.length) +
                               ") must not exceed the destination's (" +
                               std::to_string(dst_length) + ")");
    }
    return src;
  }

  static void StoreOutcome(napi_env env, double* out, const BatchOutcome& outcome) {
    out[kDone] = static_cast<double>(outcome.done);
    out[kTorn] = static_cast<double>(outcome.torn);
    out[kFirstTorn] = static_cast<double>(outcome.first_torn);
    for (int counter = 0; counter < kCounterCount; ++counter) {
      out[kFirstCounter + counter] = static_cast<double>(outcome.counters[counter]);
    }
    if (!outcome.ok) {
      ThrowRangeError(env, "The \"words\" argument's published slot index is not one of its slots");
    }
  }

  static Napi::Value Classified(napi_env env, const ByteView& snapshot) {
    return Napi::Number::New(env, UniformByte(snapshot.data, snapshot.length));
  }

  static Napi::Object Layout(Napi::Env env) {
    Napi::Object layout = Napi::Object::New(env);
    layout.Set("lockWords", static_cast<int>(kSharedLockWords));
    layout.Set("seqlockWords", static_cast<int>(kSeqlockWords));
    layout.Set("doubleBufferPublishedSlot", static_cast<int>(kPublishedSlot));
    layout.Set("doubleBufferFirstPin", static_cast<int>(kFirstPin));
    layout.Set("doubleBufferPinStride", static_cast<int>(kPinStride));
    Napi::Object outcome = Napi::Object::New(env);
    outcome.Set("done", static_cast<int>(kDone));
    outcome.Set("torn", static_cast<int>(kTorn));
    outcome.Set("firstTorn", static_cast<int>(kFirstTorn));
    outcome.Set("firstCounter", static_cast<int>(kFirstCounter));
    outcome.Set("fields", static_cast<int>(kBatchOutcomeFields));
    layout.Set("batchOutcome", outcome);
    Napi::Object tally = Napi::Object::New(env);
    tally.Set("fields", static_cast<double>(kOutcomeTallyFields));
    tally.Set("intactByByte", static_cast<double>(kIntactByByte));
    tally.Set("tornTwoSegments", static_cast<double>(kTornTwoSegments));
    tally.Set("tornThreeOrMoreSegments", static_cast<double>(kTornThreeOrMoreSegments));
    tally.Set("tornOneForeignValue", static_cast<double>(kTornOneForeignValue));
    tally.Set("anatomySampleLimit", static_cast<double>(kAnatomySampleLimit));
    tally.Set("boundaryBase", static_cast<double>(kBoundaryBase));
    tally.Set("anatomySampled", static_cast<double>(kAnatomySampled));
    tally.Set("anatomyBoundaries", static_cast<double>(kAnatomyBoundaries));
    tally.Set("boundaryMod16", static_cast<double>(kBoundaryMod16));
    tally.Set("boundaryMod64", static_cast<double>(kBoundaryMod64));
    tally.Set("boundaryMod4096", static_cast<double>(kBoundaryMod4096));
    tally.Set("segmentLengthLog2", static_cast<double>(kSegmentLengthLog2));
    tally.Set("shortestSegmentLog2", static_cast<double>(kShortestSegmentLog2));
    tally.Set("log2Buckets", static_cast<double>(kLog2Buckets));
    layout.Set("outcomeTally", tally);
    return layout;
  }

  // { unlocked: 0, 'global-lock': 1, ... }: the ids of the modes with batch loops.
  static Napi::Object BatchModes(Napi::Env env) {
    Napi::Object modes = Napi::Object::New(env);
    for (int mode = 0; mode < static_cast<int>(BatchMode::kCount); ++mode) {
      modes.Set(kBatchModeNames[mode], mode);
    }
    return modes;
  }

  // The counters' names, in the order batch outcomes hold them.
  static Napi::Array CounterNames(Napi::Env env) {
    Napi::Array names = Napi::Array::New(env, kCounterCount);
    for (int counter = 0; counter < kCounterCount; ++counter) {
      names.Set(static_cast<uint32_t>(counter), kCounterNames[counter]);
    }
    return names;
  }

  static Napi::Object BuildInfo(Napi::Env env) {
    Napi::Object build = Napi::Object::New(env);
#if defined(__clang__)
    build.Set("compiler", "clang " __clang_version__);
#elif defined(__GNUC__)
    build.Set("compiler", "gcc " __VERSION__);
#elif defined(_MSC_VER)
    build.Set("compiler", "msvc " + std::to_string(_MSC_FULL_VER));
#endif
    const std::vector<std::string> flags = BuildFlags();
    Napi::Array flagArray = Napi::Array::New(env, flags.size());
    for (size_t i = 0; i < flags.size(); ++i) flagArray.Set(static_cast<uint32_t>(i), flags[i]);
    build.Set("flags", flagArray);
    build.Set("napiVersion", NAPI_VERSION);
    return build;
  }

  Counters counters_{};
  ReadPace pace_{};
};

}  // namespace tearlab

using tearlab::TearlabAddon;
NODE_API_ADDON(TearlabAddon)
