// The two ways BuildSkeletonView (text_view.h) builds the skeleton view,
// exposed for the test that checks they agree byte for byte and offset for
// offset. Everything else calls BuildSkeletonView.
#ifndef VIGIL_NORMALIZE_SKELETON_PATHS_H_
#define VIGIL_NORMALIZE_SKELETON_PATHS_H_

#include <string_view>

#include "normalize/text_view.h"

namespace vigil::skeleton_internal {

// The byte path for ASCII with at most emoji-like symbols besides, either
// level. Returns false, the view unspecified, for any other text.
bool BuildAscii(std::string_view original, bool strict, TextView* view);

// The general path: any text, either level.
void BuildGeneral(std::string_view original, bool strict, TextView* view);

}  // namespace vigil::skeleton_internal

#endif  // VIGIL_NORMALIZE_SKELETON_PATHS_H_
