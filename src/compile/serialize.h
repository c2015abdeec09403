// The compiled-engine file: compile once, ship one file to every node, load
// it in milliseconds.
//
// Layout (little-endian):
//   header  magic "VIGILENG", format version, library version, platform tag,
//           payload size, payload CRC-32, header CRC-32
//   payload options, ruleset path, every ruleset source file, per view the
//           pattern table as compiled and the serialized Hyperscan
//           database, the rules left to RE2
// Loading re-reads the embedded sources (no disk access) for the rules, and
// takes the pattern table and databases as stored: the expensive Hyperscan
// compile and the transformation of every term are skipped.
//
// A damaged file is untrusted input: each kind of damage has its own status
// (see the mapping in capi/), and nothing is read past a checked bound.
#ifndef VIGIL_COMPILE_SERIALIZE_H_
#define VIGIL_COMPILE_SERIALIZE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "compile/engine.h"

namespace vigil {

inline constexpr char kEngineMagic[8] = {'V', 'I', 'G', 'I', 'L', 'E', 'N', 'G'};
// 2: the pattern table is stored, not rebuilt from the sources.
inline constexpr uint32_t kEngineFormatVersion = 2;
inline constexpr size_t kEngineHeaderSize = 56;

absl::StatusOr<std::string> SerializeEngine(const Engine& engine);

// Errors: DataLoss (corrupt), OutOfRange (truncated), FailedPrecondition
// (other format or library version), Unimplemented (other platform),
// InvalidArgument (the embedded ruleset no longer compiles; see `diags`).
absl::StatusOr<std::unique_ptr<Engine>> DeserializeEngine(std::string_view bytes,
                                                          Diagnostics* diags);

// The platform tag written into and checked against compiled files.
std::string EnginePlatformTag();

}  // namespace vigil

#endif  // VIGIL_COMPILE_SERIALIZE_H_
