#include "validate/word_boundary.h"

#include "common/text.h"
#include "common/utf8.h"

namespace vigil {

bool IsWholeWordMatch(std::string_view text, size_t start, size_t end, bool check_left,
                      bool check_right) {
  if (check_left && start > 0 && IsWordCodePoint(DecodeUtf8Before(text, start))) return false;
  if (check_right && end < text.size() && IsWordCodePoint(DecodeUtf8At(text, end))) return false;
  return true;
}

}  // namespace vigil
