// libFuzzer target: the ruleset parser, loader and compiler on arbitrary
// bytes (vigil_engine_compile_string). Every input must compile or be
// refused with a status and diagnostics; a compiled engine then classifies a
// few fixed posts and survives a serialize/deserialize round trip.
//
// The ruleset is "named" inside a folder that does not exist, so includes
// and list files that the fuzzer invents fail to open instead of reading the
// machine's files (absolute paths are still read; see docs/RELIABILITY.md).
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vigil_engine* engine = nullptr;
  vigil_diagnostics* diags = nullptr;
  const int status = vigil_engine_compile_string(reinterpret_cast<const char*>(data), size,
                                                 "/nonexistent-vigil-fuzz/fuzz.yaml", nullptr,
                                                 &engine, &diags);
  // Every diagnostic must be readable; a failure must explain itself.
  for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i) {
    if (!vigil_diagnostics_format(diags, i)[0]) std::abort();
  }
  if (status != VIGIL_OK) {
    if (engine) std::abort();
    if (status != VIGIL_E_RULESET && status != VIGIL_E_IO && status != VIGIL_E_INVALID_UTF8 &&
        status != VIGIL_E_NO_MEMORY) {
      std::fprintf(stderr, "unexpected status %s\n", vigil_status_name(status));
      std::abort();
    }
    if (vigil_diagnostics_error_count(diags) == 0) {
      std::fprintf(stderr, "%s without an error diagnostic\n", vigil_status_name(status));
      std::abort();
    }
  }
  vigil_diagnostics_free(diags);
  if (!engine) return 0;

  vigil_fuzz::ClassifySamples(engine);
  void* bytes = nullptr;
  size_t n = 0;
  if (vigil_engine_serialize(engine, &bytes, &n) == VIGIL_OK) {
    vigil_engine* loaded = nullptr;
    const int load_status = vigil_engine_deserialize(bytes, n, &loaded, nullptr);
    if (load_status != VIGIL_OK) {
      std::fprintf(stderr, "a compiled engine does not load back: %s\n",
                   vigil_status_name(load_status));
      std::abort();
    }
    vigil_engine_free(loaded);
    vigil_buffer_free(bytes);
  }
  vigil_engine_free(engine);
  return 0;
}
