#include "capi/handles.h"

#include <new>

namespace vigil {

int ToVigilStatus(const absl::Status& status, StatusContext context) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return VIGIL_OK;
    case absl::StatusCode::kInvalidArgument:
      return context == StatusContext::kClassify ? VIGIL_E_INVALID_ARGUMENT : VIGIL_E_RULESET;
    case absl::StatusCode::kOutOfRange:
      if (context == StatusContext::kClassify) return VIGIL_E_POST_TOO_LARGE;
      if (context == StatusContext::kLoad) return VIGIL_E_ENGINE_TRUNCATED;
      return VIGIL_E_IO;
    case absl::StatusCode::kDataLoss:
      return context == StatusContext::kClassify ? VIGIL_E_INVALID_UTF8 : VIGIL_E_ENGINE_CORRUPT;
    case absl::StatusCode::kFailedPrecondition:
      return VIGIL_E_ENGINE_VERSION;
    case absl::StatusCode::kUnimplemented:
      return VIGIL_E_ENGINE_PLATFORM;
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kPermissionDenied:
      return VIGIL_E_IO;
    case absl::StatusCode::kResourceExhausted:
      return VIGIL_E_NO_MEMORY;
    case absl::StatusCode::kInternal:
      return context == StatusContext::kClassify ? VIGIL_E_SCAN : VIGIL_E_INTERNAL;
    default:
      return VIGIL_E_INTERNAL;
  }
}

vigil_diagnostics* MakeDiagnostics(const Diagnostics& diags, const absl::Status& status,
                                   const std::string& file) {
  auto* out = new (std::nothrow) vigil_diagnostics();
  if (!out) return nullptr;
  try {
    out->all = diags.all();
    out->error_count = diags.error_count();
    // A failure that produced no diagnostic of its own (I/O, damaged file)
    // still gets one, so callers always have something to print.
    if (!status.ok() && diags.error_count() == 0) {
      out->all.push_back({true, {file, 0, 0}, "", std::string(status.message())});
      ++out->error_count;
    }
    for (const Diagnostic& d : out->all) out->formatted.push_back(d.Format());
  } catch (...) {
    delete out;
    return nullptr;
  }
  return out;
}

}  // namespace vigil
