// Whole-word checks after a match, Unicode-aware.
//
// Hyperscan refuses \b in UTF-8/UCP mode, and in byte mode treats every
// non-ASCII byte as a non-word character, so word boundaries are checked here
// on the few matches instead of in the pattern: a listed word matches only
// when the characters on both sides are not letters, digits or marks of any
// script. At an edge whose character is from a script written without spaces
// (Han, Kana, Thai, …) no boundary is required; the pattern table records
// which edges need one.
#ifndef VIGIL_VALIDATE_WORD_BOUNDARY_H_
#define VIGIL_VALIDATE_WORD_BOUNDARY_H_

#include <cstddef>
#include <string_view>

namespace vigil {

// True when text[start, end) is not glued to word characters on the sides
// that need a boundary.
bool IsWholeWordMatch(std::string_view text, size_t start, size_t end, bool check_left,
                      bool check_right);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_WORD_BOUNDARY_H_
