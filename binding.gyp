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
        "OTHER_CPLUSPLUSFLAGS": ["-Wall", "-Wextra"]
      },
      "msvs_settings": {
        # Node's common.gypi passes -std:c++17 first; without removing it MSVC warns D9025 (one overrides the other).
        "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++20"], "AdditionalOptions!": ["-std:c++17"] }
      },
      "configurations": {
        # A configuration's settings are merged last, after node-addon-api's except.gypi (from the
        # node_addon_api_except dependency), which sets MACOSX_DEPLOYMENT_TARGET 10.7 and would win over the
        # target's own xcode_settings.
        "Common": {
          "abstract": 1,
          "xcode_settings": {
            # std::atomic's wait/notify (native/atomic_ref.h) are in Apple's libc++ from macOS 11 on.
            "MACOSX_DEPLOYMENT_TARGET": "11.0"
          }
        },
        "Debug": { "inherit_from": ["Common"] },
        "Release": {
          "inherit_from": ["Common"],
          "conditions": [
            # MSVC defines no macro for its optimization (Node's common.gypi gives Release /Ox): native/build_flags.h
            # reads this instead.
            ["OS=='win'", { "defines": ["NDEBUG"] }]
          ]
        }
      }
    }
  ]
}
