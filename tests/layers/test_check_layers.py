#!/usr/bin/env python3
"""Test of cmake/check_layers.py (ctest `layers_checker`): a clean tree passes; each kind of violation, planted
alone in an otherwise clean temporary tree, makes the checker fail and name the file and line."""
import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cmake", "check_layers.py")

CLEAN = {
    "core/data/Image.h": '#pragma once\n#include <vector>\n',
    "core/graph/LatticeGraph.h": '#pragma once\n#include "core/data/Image.h"\n',
    "core/nn/FcnModel.cpp": '#include "core/graph/LatticeGraph.h"\n#include <torch/torch.h>\n',
    "gui/MainWindow.cpp": '#include "core/graph/LatticeGraph.h"\n#include <QWidget>\n',
    "bench/DetectBench.cpp": '#include "core/nn/FcnModel.h"\n',
    "app/cli/CmdTrain.cpp": '#include "core/training/FcnTraining.h"\n',
    "core/CMakeLists.txt": 'add_library(x STATIC a.cpp)\n',
    "tests/CMakeLists.txt": 'set_tests_properties(t PROPERTIES ENVIRONMENT "DATA=${PROJECT_SOURCE_DIR}/x")\n',
}

# (name, files added to the clean tree, text the report must contain)
VIOLATIONS = [
    ("upward include", {"core/data/Image.h": '#pragma once\n#include "core/graph/LatticeGraph.h"\n'},
     "upward include core/data/Image.h:2"),
    ("sideways include", {"core/io/Reader.cpp": '#include "core/job/JobContext.h"\n'}, "core/io/Reader.cpp:1"),
    ("core includes bench", {"core/detect/Detector.cpp": '#include "bench/Benchmark.h"\n'}, "Detector.cpp:1"),
    ("unknown layer", {"core/misc/Thing.h": '#pragma once\n'}, "core/misc/"),
    ("Qt in core", {"core/graph/Json.cpp": '#include <QString>\n'}, "core/graph/Json.cpp:1"),
    ("torch outside nn", {"core/detect/Net.cpp": '#include <torch/torch.h>\n'}, "core/detect/Net.cpp:1"),
    ("torch header used outside nn", {"core/nn/Net.h": '#pragma once\n#include <torch/torch.h>\n',
                                      "gui/Use.cpp": '#include "core/nn/Net.h"\n'}, "which includes torch"),
    ("torch in the GUI", {"gui/View.cpp": '#include <torch/script.h>\n'}, "gui/View.cpp:1"),
    ("training in the GUI", {"gui/Train.cpp": '#include "core/training/FcnTraining.h"\n'}, "gui/Train.cpp:1"),
    ("GUI links bench", {"gui/CMakeLists.txt": 'target_link_libraries(g PRIVATE atomlens::bench)\n'},
     "gui/CMakeLists.txt"),
    ("bench file in core", {"core/graph/GraphBench.cpp": '#include "core/graph/LatticeGraph.h"\n'},
     "core/graph/GraphBench.cpp"),
    ("source path compiled in", {"core/nn/CMakeLists.txt":
                                 'target_compile_definitions(x PRIVATE DIR="${PROJECT_SOURCE_DIR}/models")\n'},
     "core/nn/CMakeLists.txt:1"),
]


def run(files):
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as fh:
                fh.write(text)
        r = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
        return r.returncode, r.stdout + r.stderr


def main():
    failures = 0
    code, out = run(CLEAN)
    if code != 0:
        print(f"FAIL: the clean tree was rejected:\n{out}")
        failures += 1
    for name, extra, expected in VIOLATIONS:
        code, out = run({**CLEAN, **extra})
        if code == 0 or expected not in out:
            print(f"FAIL: {name}: exit {code}, expected '{expected}' in:\n{out}")
            failures += 1
        else:
            print(f"ok: {name} -> {out.splitlines()[0]}")
    print(f"{len(VIOLATIONS) + 1 - failures} of {len(VIOLATIONS) + 1} checker cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
