#!/usr/bin/env bash
# AtomLens set-up: installs missing Debian packages, configures, builds, then runs the demo or the tests.
#   bash cmake/setup.sh demo   # open the bundled sample in the GUI (headless run + figure without a display)
#   bash cmake/setup.sh test   # build everything and run every test (GUI/VTK tests under xvfb-run)
# Idempotent: packages already present are not reinstalled and the build is incremental.
set -euo pipefail
mode=${1:-demo}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${ATOMLENS_BUILD_DIR:-$root/build}
jobs=${ATOMLENS_JOBS:-$(nproc)}
step() { printf '\n==> %s\n' "$*"; }

packages=(build-essential cmake pkg-config git qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-svg-dev libqt6opengl6-dev libgl-dev libtorch-dev libopencv-dev libeigen3-dev libvtk9-dev libyaml-cpp-dev
  catch2 libhdf5-dev libtiff-dev libnanoflann-dev nlohmann-json3-dev xvfb xauth fonts-wqy-microhei desktop-file-utils
  slurmctld slurmd slurm-client munge # Slurm + munge: the single-node cluster of the Slurm batch test
  python3-minimal) # the `layers` test (cmake/check_layers.py)
step "checking Debian packages"
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  step "installing ${#missing[@]} missing packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all ${#packages[@]} packages present"
fi

step "configuring ($build)"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release ${ATOMLENS_CMAKE_ARGS:-}
else
  echo "already configured"
fi

case "$mode" in
  demo)
    step "building with $jobs jobs"
    cmake --build "$build" -j "$jobs" --target atomlens-cli $(grep -q 'ATOMLENS_BUILD_GUI:BOOL=ON' "$build/CMakeCache.txt" && echo atomlens)
    sample="$root/resources/samples/mos2-sample.tif"
    if [ -n "${DISPLAY:-}" ] && [ -x "$build/app/atomlens" ]; then
      step "opening $sample in the AtomLens GUI"
      exec "$build/app/atomlens" "$sample"
    fi
    out="$root/out/demo"
    step "no display: running the default MoS2 task chain headless on $sample"
    "$build/app/atomlens-cli" run "$sample" --chain "$root/resources/chains/mos2-defects.yaml" -o "$out"
    step "done: annotated figure $out/figure.png (and .svg), atoms table $out/atoms.csv, graph $out/graph.json"
    ;;
  test)
    step "building everything with $jobs jobs"
    cmake --build "$build" -j "$jobs"
    step "running all tests (ctest; GUI/VTK tests under xvfb-run)"
    cd "$build"
    if command -v xvfb-run >/dev/null; then
      xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j "$jobs" --timeout 1500
    else
      ctest --output-on-failure -j "$jobs" --timeout 1500
    fi
    ;;
  *)
    echo "usage: bash cmake/setup.sh demo|test" >&2
    exit 2
    ;;
esac
