// Early-return helpers for absl::Status / absl::StatusOr, which Debian's
// Abseil (20220623) does not ship as public macros.
#ifndef VIGIL_COMMON_STATUS_MACROS_H_
#define VIGIL_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define VIGIL_CONCAT_INNER_(a, b) a##b
#define VIGIL_CONCAT_(a, b) VIGIL_CONCAT_INNER_(a, b)

#define VIGIL_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::absl::Status vigil_status_ = (expr);         \
    if (!vigil_status_.ok()) return vigil_status_; \
  } while (0)

#define VIGIL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(*tmp)

#define VIGIL_ASSIGN_OR_RETURN(lhs, expr) \
  VIGIL_ASSIGN_OR_RETURN_IMPL_(VIGIL_CONCAT_(vigil_statusor_, __LINE__), lhs, expr)

#endif  // VIGIL_COMMON_STATUS_MACROS_H_
