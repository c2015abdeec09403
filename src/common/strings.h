// Debian's Abseil is built with its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW is 0), which does not convert implicitly
// from std::string_view. Our code uses std::string_view; these convert at the
// few places that hand views to Abseil's string functions.
#ifndef VIGIL_COMMON_STRINGS_H_
#define VIGIL_COMMON_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace vigil {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace vigil

#endif  // VIGIL_COMMON_STRINGS_H_
