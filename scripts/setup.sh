#!/usr/bin/env bash
# Installs what building and testing Vigil needs, from Debian's packages only
# (Debian 12, as root or with sudo). Safe to run again: apt skips what is there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libhyperscan-dev libre2-dev libicu-dev libabsl-dev libyaml-cpp-dev zlib1g-dev
  libphonenumber-dev libprotobuf-dev
  libsimdjson-dev libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  clang-14 libclang-rt-14-dev
  python3 python3-dev pybind11-dev python3-pybind11 python3-pytest python3-pip
  python3-setuptools python3-wheel python3-venv python3-dask python3-distributed
  python3-pandas
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
