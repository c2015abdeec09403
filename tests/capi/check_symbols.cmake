# check_symbols.cmake — libvigil.so exports exactly the C API: every symbol it
# defines is a vigil_* function declared in include/vigil/*.h (plus the
# version node of its symbol map), and every function those headers declare
# is exported. No C++ symbol, and nothing from a dependency, leaks.
#
#   cmake -DNM=nm -DLIB=libvigil.so -DHEADER_DIR=include/vigil -P check_symbols.cmake
cmake_minimum_required(VERSION 3.16)

foreach(var NM LIB HEADER_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_symbols.cmake: pass -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND ${NM} -D --defined-only ${LIB}
  OUTPUT_VARIABLE nm_out ERROR_VARIABLE nm_err RESULT_VARIABLE nm_rc)
if(NOT nm_rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIB} failed: ${nm_err}")
endif()

# The functions the public headers declare.
file(GLOB headers ${HEADER_DIR}/*.h)
set(declared "")
foreach(header IN LISTS headers)
  file(READ ${header} text)
  string(REGEX MATCHALL "VIGIL_API[^;(]*[ *](vigil_[a-z0-9_]+)\\(" decls "${text}")
  foreach(decl IN LISTS decls)
    string(REGEX REPLACE ".*[ *](vigil_[a-z0-9_]+)\\($" "\\1" name "${decl}")
    list(APPEND declared ${name})
  endforeach()
endforeach()
list(LENGTH declared declared_count)
if(declared_count LESS 10)
  message(FATAL_ERROR "found only ${declared_count} declarations in ${HEADER_DIR}")
endif()

string(REPLACE "\n" ";" lines "${nm_out}")
set(exported "")
set(leaks "")
foreach(line IN LISTS lines)
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  # "<address> <type> <name>[@@version]"
  string(REGEX MATCH "([A-Za-z?]) ([^ ]+)$" m "${line}")
  set(type "${CMAKE_MATCH_1}")
  string(REGEX REPLACE "@.*$" "" name "${CMAKE_MATCH_2}")
  if(name MATCHES "^vigil_" AND type STREQUAL "T")
    list(APPEND exported ${name})
  elseif(type STREQUAL "A" AND name MATCHES "^VIGIL_[A-Za-z0-9_.]*$")
    # The version node of src/capi/vigil.map.
  else()
    list(APPEND leaks "${line}")
  endif()
endforeach()

set(problems "")
foreach(line IN LISTS leaks)
  string(APPEND problems "  exported but not part of the C API: ${line}\n")
endforeach()
foreach(name IN LISTS exported)
  if(NOT name IN_LIST declared)
    string(APPEND problems "  exported but declared in no public header: ${name}\n")
  endif()
endforeach()
foreach(name IN LISTS declared)
  if(NOT name IN_LIST exported)
    string(APPEND problems "  declared in a public header but not exported: ${name}\n")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${LIB}:\n${problems}")
endif()
list(LENGTH exported exported_count)
message(STATUS "${LIB}: exports exactly the ${exported_count} functions of the C API")
