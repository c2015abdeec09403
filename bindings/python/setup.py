"""Builds the `vigil` package against an installed libvigil, offline.

    pip install --no-build-isolation --no-index ./bindings/python

Everything comes from Debian (python3-setuptools, python3-pybind11); nothing is
downloaded. libvigil is found, in this order, with:

  1. $VIGIL_PREFIX: the prefix Vigil was installed to (cmake --install build
     --prefix PREFIX), with include/vigil/vigil.h and lib*/libvigil.so;
  2. pkg-config vigil (vigil.pc; set PKG_CONFIG_PATH for a non-system prefix);
  3. /usr/local, then /usr.

The extension gets an RPATH to a library outside the system's directories,
so `import vigil` works without LD_LIBRARY_PATH.
"""

import glob
import os
import re
import shlex
import subprocess

from pybind11.setup_helpers import Pybind11Extension, build_ext
from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_LIBDIRS = {"/lib", "/lib64", "/usr/lib", "/usr/lib64"} | set(
    glob.glob("/usr/lib/*-linux-gnu") + glob.glob("/lib/*-linux-gnu"))


def _libdir_under(prefix):
    for pattern in ("lib", "lib64", "lib/*-linux-gnu"):
        for d in glob.glob(os.path.join(prefix, pattern)):
            if glob.glob(os.path.join(d, "libvigil.so*")):
                return d
    return None


def _from_prefix(prefix):
    include = os.path.join(prefix, "include")
    libdir = _libdir_under(prefix)
    if os.path.exists(os.path.join(include, "vigil", "vigil.h")) and libdir:
        return include, libdir
    return None


def _from_pkg_config():
    try:
        out = subprocess.run(["pkg-config", "--variable=includedir", "vigil"],
                             capture_output=True, text=True, check=True).stdout.strip()
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "vigil"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    include = os.path.normpath(shlex.split(out)[0]) if out else ""
    libdir = os.path.normpath(libdir) if libdir else ""
    if os.path.exists(os.path.join(include, "vigil", "vigil.h")):
        return include, libdir
    return None


def find_vigil():
    prefix = os.environ.get("VIGIL_PREFIX")
    if prefix:
        found = _from_prefix(os.path.abspath(prefix))
        if not found:
            raise SystemExit(f"VIGIL_PREFIX={prefix}: no include/vigil/vigil.h and lib*/libvigil.so "
                             "there (cmake --install BUILD --prefix PREFIX puts them there)")
        return found
    found = _from_pkg_config() or _from_prefix("/usr/local") or _from_prefix("/usr")
    if not found:
        raise SystemExit("libvigil not found: install it (cmake --install build), then set "
                         "VIGIL_PREFIX to its prefix or PKG_CONFIG_PATH to the folder of vigil.pc")
    return found


def vigil_version(include):
    with open(os.path.join(include, "vigil", "vigil.h"), encoding="utf-8") as f:
        header = f.read()
    parts = [re.search(rf"#define VIGIL_VERSION_{p}\s+(\d+)", header).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


include_dir, lib_dir = find_vigil()
extension = Pybind11Extension(
    "vigil._vigil",
    sources=[os.path.join("src", f) for f in ("module.cc", "post.cc", "verdict.cc")],
    include_dirs=[include_dir],
    library_dirs=[lib_dir] if lib_dir else [],
    libraries=["vigil"],
    runtime_library_dirs=[lib_dir] if lib_dir and lib_dir not in SYSTEM_LIBDIRS else [],
    cxx_std=17,
)

setup(
    version=vigil_version(include_dir),
    packages=["vigil"],
    package_data={"vigil": ["py.typed", "*.pyi"]},
    ext_modules=[extension],
    cmdclass={"build_ext": build_ext},
    zip_safe=False,
)
