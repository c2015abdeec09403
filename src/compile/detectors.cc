#include "compile/detectors.h"

namespace vigil {
namespace {

// Candidate patterns are deliberately a little generous and linear; the
// checks in validate/detector_checks.cc decide.
constexpr DetectorSpec kDetectors[] = {
    {DetectorKind::kEmail, "email",
     R"([a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,24})",
     R"([a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24})",
     "an e-mail address with a plausible top-level domain"},
    {DetectorKind::kUrl, "url",
     R"((https?://|www\.)[^\s<>"'])",
     R"((?:https?://|www\.)[^\s<>"']+)",
     "an http(s) link or a www. address"},
    {DetectorKind::kPhone, "phone",
     R"(\+?\d[\d \-.()]{6,22}\d)",
     R"(\+?\(?\d[\d \-.()]{6,22}\d)",
     "a phone number of 9 to 15 digits, national or international (+CC)"},
};

}  // namespace

const DetectorSpec* FindDetector(std::string_view name) {
  for (const DetectorSpec& spec : kDetectors) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

const DetectorSpec* AllDetectors(size_t* count) {
  *count = sizeof(kDetectors) / sizeof(kDetectors[0]);
  return kDetectors;
}

}  // namespace vigil
