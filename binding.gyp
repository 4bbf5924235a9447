{
  "targets": [
    {
      "target_name": "tearlab",
      "sources": [
        "native/addon.cc",
        "native/affinity.cc",
        "native/anatomy.cc",
        "native/args.cc",
        "native/batch.cc",
        "native/classify.cc",
        "native/copy.cc",
        "native/shared_lock.cc",
        "native/seqlock.cc",
        "native/double_buffer.cc",
        "native/gil.cc",
        "native/native_run.cc",
        "native/native_run_call.cc",
        "native/outcome_tally.cc",
        "native/region_args.cc",
        "native/scenario_steps.cc"
      ],
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"
      ],
      "defines": [
        "NAPI_VERSION=8",
        # A worker terminated in the middle of an addon call (the watchdog ends hung runs that way) must not
        # abort the process: node-addon-api then drops the exception it can no longer throw.
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"
      ],
      "cflags_cc": ["-std=c++20", "-O3", "-Wall", "-Wextra"],
      "xcode_settings": {
        "CLANG_CXX_LANGUAGE_STANDARD": "c++20",
        "GCC_OPTIMIZATION_LEVEL": "3",
        # std::atomic's wait/notify (native/atomic_ref.h) are in Apple's libc++ from macOS 11 on.
        "MACOSX_DEPLOYMENT_TARGET": "11.0",
        "OTHER_CPLUSPLUSFLAGS": ["-Wall", "-Wextra"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++20"] }
      }
    }
  ]
}
