#!/bin/sh
# pip_install_test.sh — the binding's second install path, as a user runs it:
# libvigil installed into a prefix (cmake --install), then
#   pip install --no-build-isolation --no-index ./bindings/python
# offline, with Debian's setuptools and pybind11, finding libvigil through
# pkg-config (vigil.pc). The installed package must import from the install
# (not the build tree), load the installed library and classify.
#
#   pip_install_test.sh PYTHON CMAKE BUILD_DIR SOURCE_DIR WORK_DIR
# Registered by bindings/python/CMakeLists.txt as python.pip_install.
set -eu

python=$1
cmake=$2
build_dir=$3
source_dir=$4
work=$5

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" ||
  { cat "$work/install.log"; fail "cmake --install $build_dir"; }
pc=$(find "$prefix" -name vigil.pc -print -quit)
[ -n "$pc" ] || fail "no vigil.pc installed under $prefix"

# pip builds in the folder it is given: build a copy, so the source tree
# keeps no build/ or *.egg-info.
mkdir -p "$work/src"
cp -R "$source_dir/bindings/python/." "$work/src/"
rm -rf "$work/src/build" "$work/src"/*.egg-info

PKG_CONFIG_PATH=$(dirname "$pc") PYTHONPATH= "$python" -m pip install --no-build-isolation \
  --no-index --no-deps --disable-pip-version-check --no-warn-script-location \
  --target "$work/site" "$work/src" >"$work/pip.log" 2>&1 ||
  { cat "$work/pip.log"; fail "pip install --no-build-isolation --no-index"; }
echo "pip installed: $(ls "$work/site")"

cd "$work"
PYTHONPATH=$work/site "$python" - "$work/site" "$prefix" <<'PY' || fail "the installed package does not work"
import os, sys
site, prefix = sys.argv[1], sys.argv[2]
import vigil
assert vigil.__file__.startswith(site), vigil.__file__
assert os.path.exists(os.path.join(site, "vigil", "py.typed"))
# The extension loads the installed libvigil (RPATH), not the build tree's.
maps = open("/proc/self/maps").read()
libs = {line.split()[-1] for line in maps.splitlines() if "libvigil.so" in line}
assert libs and all(os.path.realpath(l).startswith(os.path.realpath(prefix)) for l in libs), libs
engine = vigil.Engine.from_string(
    "ruleset: pip\nguidelines: {respect: {title: Respect, url: 'https://x.example/r'}}\n"
    "rules:\n  - {id: respect.rude, guideline: respect, category: abuse, words: [idiot], action: censor}\n")
v = engine.classify("你好 idiot")
assert v.action is vigil.Action.CENSOR and v.matches[0].span == (3, 8), v
assert v.censored_body == "你好 *****"
print(f"vigil {vigil.__version__} from {os.path.dirname(vigil.__file__)}: ok")
PY
echo "pip install test: ok"
