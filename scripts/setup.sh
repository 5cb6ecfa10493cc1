#!/usr/bin/env bash
# Installs every Debian 12 package hfc's build and tests need, and nothing
# when they are all there already (so it is cheap to run before each build).
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ python3          # build; python3 runs lit
  llvm-19-dev llvm-19-tools              # the JIT back end; lit and FileCheck
  antlr4 libantlr4-runtime-dev           # the .hf grammar
  nlohmann-json3-dev libfmt-dev          # JSON documents; formatting
  libcli11-dev                           # the command line
  libssl-dev                             # sha256/md5/sha1 digests of workspaces
  libeigen3-dev libnlopt-cxx-dev         # the minimizer
  libgtest-dev libgmock-dev              # unit and parity tests
  libbenchmark-dev                       # bench/
  libedit-dev                            # hfc repl: line editing, history, Tab completion
  zlib1g-dev liblzma-dev liblz4-dev      # io/root: the block formats ROOT writes
  libzstd-dev libxxhash-dev              #   (ZSTD, and LZ4's xxhash64 checksum)
  libxml2-dev                            # HistFactory XML import
  libarchive-dev libcurl4-openssl-dev    # HEPData tarballs; hfc download
  libyaml-cpp-dev libboost-dev           # cabinetry configs; Boost.Histogram templates
  libcairo2-dev libpango1.0-dev libpng-dev  # report/: plots as PNG, SVG and PDF
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-pytest  # python/: import hfc
  ccache                                 # faster rebuilds (used when present)
  libopenmpi-dev openmpi-bin             # optional: mpirun -n N hfc ... (docs/scaling.md)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# jsroot, the independent ROOT reader the writer's tests compare against
# (tests/unit/root/writer_jsroot_test.cpp; they skip without it). Its
# optional `canvas` dependency does not build here, hence --ignore-scripts.
# Debian's nodejs and npm only when no node is there (a NodeSource nodejs,
# which ships its own npm, conflicts with Debian's npm package).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
    echo "setup: could not install nodejs and npm (the jsroot tests will be skipped)"
fi
JSROOT_PREFIX="${HOME}/.cache/hfc/jsroot"
if command -v npm >/dev/null && [ ! -f "${JSROOT_PREFIX}/node_modules/jsroot/modules/main.mjs" ]; then
  mkdir -p "${JSROOT_PREFIX}"
  npm install --prefix "${JSROOT_PREFIX}" jsroot@7.11.2 --ignore-scripts --no-audit --no-fund >/dev/null 2>&1 ||
    echo "setup: could not install jsroot (the tests that read hfc's files with it will be skipped)"
fi
