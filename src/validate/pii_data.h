// The files of data/pii/, embedded into the library at build time by
// cmake/embed_data.cmake, so that an engine never reads a data file from a
// runtime path. validate/pii_tables.cc parses them.
#ifndef VIGIL_VALIDATE_PII_DATA_H_
#define VIGIL_VALIDATE_PII_DATA_H_

#include <cstddef>

namespace vigil {

struct EmbeddedFile {
  const char* name;           // file name relative to data/pii/, e.g. "card_issuers.tsv"
  const unsigned char* data;  // the file's bytes (not NUL-terminated)
  size_t size;
};

// Defined in the generated pii_data.cc.
extern const EmbeddedFile kPiiDataFiles[];
extern const size_t kPiiDataFileCount;

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_DATA_H_
