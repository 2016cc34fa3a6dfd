#!/usr/bin/env bash
# Install test (issue 17): `cmake --install` into a temporary prefix, move the prefix elsewhere (nothing may
# depend on where it was installed), hide the source and build trees (a private mount namespace with an
# empty tmpfs over each, when the kernel allows it), and run the installed programs from there with the
# working directory elsewhere: the CLI (detect classical + fcn, classify, finetune, run --chain, the
# --device cuda refusal of a CPU-only build) and the GUI's --smoke-test (offscreen). A tiny consumer
# project checks that find_package(AtomLens) gives atomlens::core and atomlens::nn.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
if [ "${1:-}" = --inner ]; then
  # ---- runs inside the namespace: only the relocated prefix and the work folder are visible ----------
  prefix=$2 work=$3 src=$4
  cli=$prefix/bin/atomlens-cli
  cd "$work"
  unset ATOMLENS_MODELS ATOMLENS_DATA_DIR
  export HOME=$work/home XDG_DATA_HOME=$work/xdg XDG_DATA_DIRS=$work/no-xdg XDG_CONFIG_HOME=$work/config
  export QT_QPA_PLATFORM=offscreen
  mkdir -p "$HOME"
  if [ -d "$src/models" ]; then echo "FAIL: the source tree is visible ($src/models)"; exit 1; fi
  step() { printf '\n--> %s\n' "$*"; }
  rows() { tail -n +2 "$1" | wc -l; }
  step "simulate"
  "$cli" simulate --preset mos2 --size 192 --seed 32 --dose 3e5 -o img.tif --truth truth.csv
  step "detect (classical)"
  "$cli" detect img.tif -o classical.csv
  [ "$(rows classical.csv)" -gt 100 ] || { echo "FAIL: classical detect found $(rows classical.csv) atoms"; exit 1; }
  if ! grep -Eq 'set\(AtomLens_WITH_TORCH (ON|TRUE|1)\)' "$prefix/lib/cmake/AtomLens/AtomLensConfig.cmake"; then
    # A build without LibTorch: the network commands must refuse clearly, not crash or answer wrongly.
    step "detect --method fcn (this build has no networks)"
    if "$cli" detect img.tif --method fcn -o fcn.csv 2> fcn.log; then
      cat fcn.log; echo "FAIL: detect --method fcn succeeded in a build without LibTorch"; exit 1
    fi
    cat fcn.log
    grep -q "does not include" fcn.log || { echo "FAIL: no clear message for the missing FCN"; exit 1; }
  elif [ -f "$prefix/share/atomlens/models/fcn-atoms.yaml" ]; then
    step "detect --method fcn"
    "$cli" detect img.tif --method fcn -o fcn.csv 2> fcn.log || { cat fcn.log; exit 1; }
    cat fcn.log
    grep -q "networks on cpu\|networks on cuda" fcn.log || { echo "FAIL: detect --method fcn did not print its device"; exit 1; }
    [ "$(rows fcn.csv)" -gt 100 ] || { echo "FAIL: fcn detect found $(rows fcn.csv) atoms"; exit 1; }
    step "classify --model mos2-species"
    "$cli" classify img.tif --model mos2-species -o classified.csv
    grep -q ",Mo," classified.csv && grep -q ",S2," classified.csv || { echo "FAIL: no Mo/S2 classes"; exit 1; }
    step "finetune"
    awk -F, 'NR > 1 && $1 > 15 && $2 > 15 && $1 < 177 && $2 < 177 {
               if ($3 == "Mo" && m < 5) { print $1 "," $2 ",metal"; m++ }
               if ($3 == "S2" && s < 5) { print $1 "," $2 ",chalcogen"; s++ } }
             BEGIN { print "x,y,class" }' truth.csv > labels.csv
    "$cli" finetune img.tif --model mos2-species --labels labels.csv --epochs 30 --no-cv -o mine
    "$cli" classify img.tif --model mine -o mine.csv
    grep -q ",metal," mine.csv && grep -q ",chalcogen," mine.csv || { echo "FAIL: fine-tuned classes missing"; exit 1; }
    step "run --chain (installed mos2-defects.yaml)"
    "$cli" run img.tif --chain "$prefix/share/atomlens/chains/mos2-defects.yaml" -o run
    [ -s run/atoms.csv ] && [ -s run/graph.json ] || { echo "FAIL: run wrote no atoms.csv/graph.json"; exit 1; }
    step "--device cuda"
    if "$cli" classify img.tif --model mos2-species --device cuda -o cuda.csv 2> cuda.log; then
      echo "this build has a usable CUDA GPU: classify ran on it"; cat cuda.log
    else
      cat cuda.log
      grep -q "CPU-only\|no GPU is visible\|without LibTorch" cuda.log ||
        { echo "FAIL: --device cuda failed without saying why"; exit 1; }
    fi
  else
    step "run --chain (installed perovskite.yaml; this build has no LibTorch)"
    "$cli" run img.tif --chain "$prefix/share/atomlens/chains/perovskite.yaml" -o run
    [ -s run/atoms.csv ] || { echo "FAIL: run wrote no atoms.csv"; exit 1; }
  fi
  if [ -x "$prefix/bin/atomlens" ]; then
    step "atomlens --smoke-test (offscreen)"
    "$prefix/bin/atomlens" --smoke-test
  fi
  echo; echo "installed programs work from $prefix with the source and build trees hidden"
  exit 0
fi

build=$(cd "${1:?BUILD_DIR}" && pwd)
src=$(cd "${2:?SOURCE_DIR}" && pwd)
tmp=$(mktemp -d /tmp/atomlens-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
echo "--> cmake --install $build --prefix $tmp/prefix"
cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; exit 1; }
mv "$tmp/prefix" "$tmp/moved" # relocated: nothing may depend on the prefix it was installed to
prefix=$tmp/moved
missing=0
for f in bin/atomlens-cli share/atomlens/chains/mos2-defects.yaml share/atomlens/samples/mos2-sample.tif \
  include/atomlens/core/data/AtomTable.h lib/cmake/AtomLens/AtomLensConfig.cmake lib/libatomlens_data.a \
  lib/libatomlens_analysis.a lib/libatomlens_nn.a; do
  [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; missing=1; }
done
if [ -e "$build/app/atomlens" ]; then
  for f in bin/atomlens share/applications/atomlens.desktop share/icons/hicolor/scalable/apps/atomlens.svg \
    share/mime/packages/atomlens.xml share/atomlens/translations/atomlens_de.qm share/atomlens/translations/atomlens_zh_CN.qm; do
    [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; missing=1; }
  done
  command -v desktop-file-validate > /dev/null || { echo "FAIL: desktop-file-validate missing (cmake/setup.sh installs desktop-file-utils)"; exit 1; }
  desktop-file-validate "$prefix/share/applications/atomlens.desktop"
fi
if grep -q "ATOMLENS_WITH_TORCH:BOOL=ON" "$build/CMakeCache.txt"; then
  for f in share/atomlens/models/mos2-species.yaml share/atomlens/models/mos2-species.pt \
    share/atomlens/models/fcn-atoms.pt lib/libatomlens_nn.a; do
    [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; missing=1; }
  done
fi
[ "$missing" = 0 ] || exit 1
echo "installed: $(cd "$prefix" && find . -type f | wc -l) files"

echo "--> find_package(AtomLens) from a consumer project"
mkdir -p "$tmp/consumer"
cat > "$tmp/consumer/CMakeLists.txt" << 'CMAKE'
cmake_minimum_required(VERSION 3.21)
project(AtomLensConsumer LANGUAGES C CXX)
find_package(AtomLens REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE atomlens::core)
if(TARGET atomlens::nn)
  target_link_libraries(consumer PRIVATE atomlens::nn)
  target_compile_definitions(consumer PRIVATE WITH_NN=1)
endif()
CMAKE
cat > "$tmp/consumer/main.cpp" << 'CPP'
#include "core/simulate/Simulator.h"
#ifdef WITH_NN
#include "core/nn/ModelCard.h"
#endif
#include <cstdio>
int main() {
    atomlens::SimulationParams p;
    p.width = p.height = 64;
    const auto sim = atomlens::simulate(p);
    std::printf("simulated %dx%d\n", sim.micrograph.width(), sim.micrograph.height());
#ifdef WITH_NN
    const auto card = atomlens::loadModel("mos2-species"); // found through $ATOMLENS_DATA_DIR
    std::printf("model %s with %zu classes\n", card.name.c_str(), card.classes.size());
    if (card.classes.empty()) return 1;
#endif
    return sim.micrograph.width() == 64 ? 0 : 1;
}
CPP
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  > "$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; exit 1; }
cmake --build "$tmp/consumer/build" -j 2 >> "$tmp/consumer.log" 2>&1 || { tail -n 40 "$tmp/consumer.log"; exit 1; }
ATOMLENS_DATA_DIR=$prefix/share/atomlens "$tmp/consumer/build/consumer"

mkdir -p "$tmp/work"
self=$tmp/install_test.sh
cp "$0" "$self"
# Hide the trees in a private mount namespace (root, or an unprivileged user namespace).
hide="mount -t tmpfs none '$src'"
case "$build/" in "$src"/*) ;; *) hide="$hide && mount -t tmpfs none '$build'" ;; esac
if unshare --mount true 2> /dev/null; then ns=(unshare --mount); elif unshare --user --map-root-user --mount true 2> /dev/null; then
  ns=(unshare --user --map-root-user --mount); else ns=(); fi
if [ ${#ns[@]} -gt 0 ] && "${ns[@]}" sh -c "$hide" 2> /dev/null; then
  echo "--> running the installed programs with $src and $build hidden (empty tmpfs over them)"
  "${ns[@]}" bash -c "$hide && exec bash '$self' --inner '$prefix' '$tmp/work' '$src'"
else
  echo "WARNING: cannot hide the source tree here (no mount namespace); running from the relocated prefix"
  bash "$self" --inner "$prefix" "$tmp/work" /nonexistent-source-tree
fi
