# check_header_includes.cmake — the public headers include only <stddef.h>
# and <stdint.h> (and each other), so any C toolchain can use them.
#
#   cmake -DHEADER_DIR=include/vigil -P check_header_includes.cmake
file(GLOB headers ${HEADER_DIR}/*.h)
set(problems "")
foreach(header IN LISTS headers)
  file(STRINGS ${header} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS includes)
    if(NOT line MATCHES "<(stddef|stdint)\\.h>" AND NOT line MATCHES "\"vigil/[a-z_]+\\.h\"")
      string(APPEND problems "  ${header}: ${line}\n")
    endif()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "public headers include more than <stddef.h> and <stdint.h>:\n${problems}")
endif()
