#include "native_run_call.h"

#include <exception>
#include <string>
#include <utility>

#include "affinity.h"
#include "args.h"
#include "copy.h"
#include "counters_object.h"
#include "double_buffer.h"
#include "native_run.h"
#include "region_args.h"

namespace tearlab {

namespace {

constexpr uint64_t kMaxThreadsPerRole = 64;
constexpr uint64_t kMaxAnatomySample = 1000000000;
// Per reader in the paces argument: chunks, pause and rest in microseconds.
enum PaceField { kChunks, kPauseMicros, kRestMicros, kPaceFields };

class NativeRunWorker : public Napi::AsyncWorker {
 public:
  NativeRunWorker(Napi::Env env, NativeRunConfig config, const Napi::CallbackInfo& info)
      : Napi::AsyncWorker(env, "tearlab:nativeRun"),
        deferred_(Napi::Promise::Deferred::New(env)),
        config_(std::move(config)),
        // The views whose memory the threads use stay alive until the run ends.
        words_(Napi::Persistent(info[1].As<Napi::Object>())),
        data_(Napi::Persistent(info[2].As<Napi::Object>())),
        stop_(Napi::Persistent(info[8].As<Napi::Object>())),
        workspace_(Napi::Persistent(info[11].As<Napi::Object>())) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      result_ = RunNative(config_);
    } catch (const std::exception& error) {
      SetError(std::string("the native run failed: ") + error.what());
      return;
    }
    if (!result_.error.empty()) SetError(result_.error);
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object result = Napi::Object::New(env);
    result.Set("elapsedMs", result_.elapsed_ms);
    result.Set("writers", Reports(env, result_.writers));
    result.Set("readers", Reports(env, result_.readers));
    deferred_.Resolve(result);
  }

  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  static Napi::Array Reports(Napi::Env env, const std::vector<NativeThreadReport>& reports) {
    Napi::Array array = Napi::Array::New(env, reports.size());
    for (size_t i = 0; i < reports.size(); ++i) {
      const NativeThreadReport& report = reports[i];
      Napi::Object object = Napi::Object::New(env);
      object.Set("count", static_cast<double>(report.count));
      object.Set("torn", static_cast<double>(report.torn));
      object.Set("firstTorn", static_cast<double>(report.first_torn));
      object.Set("wallMs", report.wall_ms);
      object.Set("counters", CountersObject(env, report.counters));
      object.Set("pinError", report.pin_error.empty() ? env.Null()
                                                      : Napi::String::New(env, report.pin_error));
      object.Set("cpuAtStart", report.cpu_at_start);
      object.Set("cpuAtEnd", report.cpu_at_end);
      array.Set(static_cast<uint32_t>(i), object);
    }
    return array;
  }

  Napi::Promise::Deferred deferred_;
  NativeRunConfig config_;
  NativeRunResult result_;
  Napi::ObjectReference words_;
  Napi::ObjectReference data_;
  Napi::ObjectReference stop_;
  Napi::ObjectReference workspace_;
};

NativeRunConfig RequireConfig(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  NativeRunConfig config{};
  config.mode = RequireBatchMode(env, info[0], "mode");
  config.region = RequireRegion(env, config.mode, Role::kWriter, info[1], info[2]);
  // The threads use this memory after the call returns.
  RequireSharedMemory(env, info[1], "words");
  RequireSharedMemory(env, info[2], "data");
  config.size = RequireByteCount(env, info[3], "size", CopyCapacity(config.mode, config.region),
                                 "what one copy of the shared data holds");
  if (config.size == 0) ThrowRangeError(env, "The \"size\" argument must be at least 1, got 0");

  const ByteView patterns = RequireByteView(env, info[4], "patterns");
  if (patterns.length < 2 || patterns.length % 2 != 0 || patterns.length > 2 * kMaxThreadsPerRole) {
    ThrowRangeError(env, "The \"patterns\" argument must hold two bytes per writer, 1 to " +
                             std::to_string(kMaxThreadsPerRole) + " writers; got " +
                             std::to_string(patterns.length) + " bytes");
  }
  for (size_t i = 0; i < patterns.length; i += 2) {
    config.writer_patterns.push_back({patterns.data[i], patterns.data[i + 1]});
  }
  const ByteView intact = RequireByteView(env, info[5], "intact");
  if (intact.length < config.intact.size()) {
    ThrowRangeError(env, "The \"intact\" argument must hold 256 bytes, got " +
                             std::to_string(intact.length));
  }
  std::copy(intact.data, intact.data + config.intact.size(), config.intact.begin());

  config.readers = RequireCount(env, info[6], "readers", kMaxThreadsPerRole);
  if (config.readers == 0) ThrowRangeError(env, "The \"readers\" argument must be at least 1, got 0");
  config.iters = RequireCount(env, info[7], "iters", kMaxSafeCount);
  config.stop = RequireWordView(env, info[8], "stop", 1).data;
  RequireSharedMemory(env, info[8], "stop");

  const size_t threads = config.writer_patterns.size() + config.readers;
  const WordView cpus = RequireWordView(env, info[9], "cpus", threads);
  for (size_t i = 0; i < threads; ++i) {
    if (cpus.data[i] < -1 || cpus.data[i] >= kMaxCpus) {
      ThrowRangeError(env, "The \"cpus\" argument's elements must be -1 (not pinned) or a CPU from 0 to " +
                               std::to_string(kMaxCpus - 1) + ", got " + std::to_string(cpus.data[i]));
    }
    config.cpus.push_back(cpus.data[i]);
  }
  const WordView paces = RequireWordView(env, info[10], "paces", config.readers * kPaceFields);
  for (size_t r = 0; r < config.readers; ++r) {
    const int32_t* pace = paces.data + r * kPaceFields;
    if (pace[kChunks] < 1 || static_cast<uint64_t>(pace[kChunks]) > kMaxReadChunks ||
        pace[kPauseMicros] < 0 || static_cast<uint64_t>(pace[kPauseMicros]) > kMaxReadPauseMicros ||
        pace[kRestMicros] < 0 || static_cast<uint64_t>(pace[kRestMicros]) > kMaxReadPauseMicros) {
      ThrowRangeError(env, "The \"paces\" argument must hold, per reader, chunks from 1 to " +
                               std::to_string(kMaxReadChunks) + " and a pause and a rest from 0 to " +
                               std::to_string(kMaxReadPauseMicros) + " microseconds");
    }
    config.reader_paces.push_back({static_cast<uint32_t>(pace[kChunks]),
                                   static_cast<uint32_t>(pace[kPauseMicros]),
                                   static_cast<uint32_t>(pace[kRestMicros])});
  }
  const ByteView workspace = RequireByteView(env, info[11], "workspace");
  RequireSharedMemory(env, info[11], "workspace");
  config.stride = RequireCount(env, info[12], "stride", kMaxSafeCount);
  // Writers hold two buffers each, readers one; reader buffers sit after every writer's pair.
  const size_t buffers = 2 * config.writer_patterns.size() + config.readers;
  if (config.stride < config.size ||
      workspace.length < (buffers - 1) * config.stride + config.size) {
    ThrowRangeError(env, "The \"workspace\" argument must hold " + std::to_string(buffers) +
                             " buffers of \"size\" bytes, \"stride\" bytes apart");
  }
  config.workspace = workspace.data;
  config.anatomy_sample = RequireCount(env, info[13], "anatomySample", kMaxAnatomySample);
  if (config.mode == BatchMode::kDoubleBuffer &&
      DoubleBufferSlots(config.region.word_count) < threads + 1) {
    // Fewer slots could leave a writer waiting on a slot a reader never lets go.
    ThrowRangeError(env, "The \"words\" argument must describe at least " +
                             std::to_string(threads + 1) + " double-buffer slots (writers + readers + 1)");
  }
  return config;
}

}  // namespace

Napi::Value StartNativeRun(const Napi::CallbackInfo& info) {
  NativeRunConfig config = RequireConfig(info);
  auto* worker = new NativeRunWorker(info.Env(), std::move(config), info);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace tearlab
