#!/bin/sh
# run_package_test.sh — consume Vigil the way another project does.
#
#   run_package_test.sh install   CMAKE BUILD_DIR SOURCE_DIR CC WORK_DIR
#   run_package_test.sh multiarch CMAKE BUILD_DIR SOURCE_DIR CC WORK_DIR
#
# install:   `cmake --install BUILD_DIR --prefix WORK_DIR/prefix`, then build
#            and run tests/package/ with find_package(vigil) (vigil::vigil),
#            and main.c with `pkg-config --cflags --libs vigil`.
# multiarch: configure SOURCE_DIR as Debian packages it (prefix /usr, libdir
#            lib/<multiarch triplet>), lay out the library, the headers and the
#            vigil.pc that configuration produces under a fake root, and build
#            main.c with pkg-config from there: the .pc must find its library
#            and headers wherever the tree is unpacked.
# Registered by tests/capi/CMakeLists.txt (package.install and
# package.pkgconfig_multiarch).
set -eu

mode=$1
cmake=$2
build_dir=$3
source_dir=$4
cc=$5
work=$6
consumer_src=$source_dir/tests/package

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

rm -rf "$work"
mkdir -p "$work"

# Builds main.c with the flags pkg-config gives for the .pc in $1 and runs it.
build_with_pkg_config() {
  pc_dir=$1
  out=$2
  export PKG_CONFIG_PATH="$pc_dir"
  pkg-config --exists --print-errors vigil || fail "pkg-config cannot read $pc_dir/vigil.pc"
  echo "pkg-config: version $(pkg-config --modversion vigil)," \
    "cflags '$(pkg-config --cflags vigil)', libs '$(pkg-config --libs vigil)'"
  pc_libdir=$(pkg-config --variable=libdir vigil)
  pc_includedir=$(pkg-config --variable=includedir vigil)
  [ -f "$pc_includedir/vigil/vigil.h" ] ||
    fail "vigil.pc: includedir=$pc_includedir has no vigil/vigil.h ($pc_dir/vigil.pc:" \
      "$(grep -E '^(prefix|libdir|includedir)=' "$pc_dir/vigil.pc" | tr '\n' ' '))"
  ls "$pc_libdir"/libvigil.so >/dev/null 2>&1 ||
    fail "vigil.pc: libdir=$pc_libdir has no libvigil.so ($pc_dir/vigil.pc:" \
      "$(grep -E '^(prefix|libdir|includedir)=' "$pc_dir/vigil.pc" | tr '\n' ' '))"
  # shellcheck disable=SC2046 # the flags are meant to split
  "$cc" -std=c99 -Wall -Wextra -pedantic -Werror "$consumer_src/main.c" \
    $(pkg-config --cflags --libs vigil) -o "$out" ||
    fail "compiling main.c with pkg-config --cflags --libs vigil"
  LD_LIBRARY_PATH="$pc_libdir" "$out" || fail "$out (pkg-config build) failed"
  unset PKG_CONFIG_PATH
}

case "$mode" in
install)
  prefix=$work/prefix
  "$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" ||
    { cat "$work/install.log"; fail "cmake --install $build_dir"; }
  echo "installed into $prefix:"
  (cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')

  # Only the C ABI is installed: no internal static library, no private header.
  if find "$prefix" -name 'libvigil_core*' | grep -q .; then
    fail "libvigil_core is installed"
  fi
  [ "$(find "$prefix/include" -type f | wc -l)" -ge 1 ] || fail "no headers installed"
  if find "$prefix/include" -type f ! -path '*/vigil/*.h' | grep -q .; then
    fail "unexpected files under include/: $(find "$prefix/include" -type f ! -path '*/vigil/*.h')"
  fi

  # find_package(vigil CONFIG) + vigil::vigil
  "$cmake" -S "$consumer_src" -B "$work/consumer" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/consumer-configure.log" 2>&1 ||
    { cat "$work/consumer-configure.log"; fail "configuring the find_package consumer"; }
  grep -q "vigil_DIR:PATH=$prefix" "$work/consumer/CMakeCache.txt" ||
    fail "find_package(vigil) found a vigil outside $prefix: $(grep vigil_DIR "$work/consumer/CMakeCache.txt")"
  "$cmake" --build "$work/consumer" >"$work/consumer-build.log" 2>&1 ||
    { cat "$work/consumer-build.log"; fail "building the find_package consumer"; }
  "$work/consumer/vigil_consumer" || fail "the find_package consumer failed"

  # pkg-config --cflags --libs vigil
  pc=$(find "$prefix" -name vigil.pc -print -quit)
  [ -n "$pc" ] || fail "no vigil.pc installed"
  build_with_pkg_config "$(dirname "$pc")" "$work/consumer_pkg_config"
  ;;

multiarch)
  triplet=$("$cc" -print-multiarch 2>/dev/null || true)
  [ -n "$triplet" ] || triplet=x86_64-linux-gnu
  libdir=lib/$triplet

  # The library and headers as this build installs them...
  stage=$work/stage
  "$cmake" --install "$build_dir" --prefix "$stage" >"$work/install.log" ||
    { cat "$work/install.log"; fail "cmake --install $build_dir"; }
  # ...and vigil.pc as a configuration for a Debian package writes it.
  "$cmake" -S "$source_dir" -B "$work/configure" \
    -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR="$libdir" \
    -DVIGIL_BUILD_TESTS=OFF -DVIGIL_BUILD_BENCH=OFF -DVIGIL_BUILD_TOOLS=OFF \
    >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; fail "configuring $source_dir with libdir $libdir"; }
  pc=$(find "$work/configure" -name vigil.pc ! -path '*/CMakeFiles/*' -print -quit)
  [ -n "$pc" ] || fail "configuring with libdir $libdir wrote no vigil.pc"

  root=$work/root/usr
  mkdir -p "$root/$libdir/pkgconfig" "$root/include"
  so=$(find "$stage" -name libvigil.so -print -quit)
  [ -n "$so" ] || fail "no libvigil.so installed"
  cp -P "$(dirname "$so")"/libvigil.so* "$root/$libdir/"
  cp -R "$stage/include/vigil" "$root/include/"
  cp "$pc" "$root/$libdir/pkgconfig/vigil.pc"
  echo "vigil.pc for libdir $libdir:"
  sed 's/^/  /' "$pc"
  build_with_pkg_config "$root/$libdir/pkgconfig" "$work/consumer_multiarch"
  ;;

*)
  fail "unknown mode $mode"
  ;;
esac
echo "package test ($mode): ok"
