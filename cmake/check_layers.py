#!/usr/bin/env python3
"""AtomLens layering check (ctest `layers`): core's folders form a DAG, bottom up

    data, base, io | job, detect, graph, simulate, chain, describe, analysis, nn, training

(one CMake target per folder, each linking only the folders below it; README "Layout"). Fails on:
  - an include from core/X of core/Y where Y is not below X (upward or sideways), or of bench/, gui/, app/, tests/;
  - a folder of core/ that is not in the order above (add it to LAYERS and to core/CMakeLists.txt);
  - a Qt header in core/, bench/ or tests/core/; a torch header outside core/nn and core/training, or a header
    of theirs that includes torch used from anywhere else (public headers stay torch-free: pimpl);
  - an include of core/training/ or bench/ from the GUI (gui/, app/gui_main.cpp, app/GuiSmokeTest.*), or a
    GUI CMakeLists that links atomlens::training or atomlens::bench;
  - a benchmark file (*Bench*) in a product folder of core/;
  - a source-tree path compiled into a binary (a compile definition naming a *_SOURCE_DIR in a CMakeLists).
Usage: check_layers.py [ROOT] (default: the current directory). Prints each violation; exit 1 if any."""
import os
import re
import sys

LAYERS = ["data", "base", "io", "job", "detect", "graph", "simulate", "chain", "describe", "analysis", "nn",
          "training"]
RANK = {name: i for i, name in enumerate(LAYERS)}
RANK["job"] = RANK["io"]  # io and job are siblings: neither may include the other
SOURCE_EXT = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'\s*#\s*include\s*([<"])([^>"]+)[>"]')
QT_HEADER = re.compile(r"^(Q[A-Z]\w*|Qt\w*/.*|qglobal\.h)$")
SOURCE_PATH_DEFINE = re.compile(r'\w+=\\?"?\$\{(PROJECT|CMAKE|CMAKE_CURRENT|\w+)_SOURCE_DIR\}')


def sources(root, top):
    base = os.path.join(root, top)
    for dirpath, dirnames, files in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not d.startswith("build")]
        for f in sorted(files):
            if f.endswith(SOURCE_EXT):
                yield os.path.relpath(os.path.join(dirpath, f), root)


def includes(root, rel):
    with open(os.path.join(root, rel), errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1), m.group(2)


def check(root):
    bad = []
    core = os.path.join(root, "core")
    for entry in sorted(os.listdir(core)) if os.path.isdir(core) else []:
        if os.path.isdir(os.path.join(core, entry)) and entry not in RANK:
            bad.append(f"core/{entry}/ is not a layer: add it to LAYERS in cmake/check_layers.py and to core/")
    for rel in sources(root, "core"):
        parts = rel.split(os.sep)
        if len(parts) < 3 or parts[1] not in RANK:
            continue
        here = parts[1]
        if "Bench" in parts[-1]:
            bad.append(f"benchmark file in a product folder: {rel} (benchmarks live in bench/)")
        for number, kind, path in includes(root, rel):
            where = f"{rel}:{number}"
            if kind == '"':
                m = re.match(r"core/([A-Za-z_]+)/", path)
                if m and m.group(1) != here:
                    there = m.group(1)
                    if there not in RANK:
                        bad.append(f"{where}: includes {path} from unknown layer core/{there}/")
                    elif RANK[there] >= RANK[here]:
                        bad.append(f"upward include {where}: core/{here}/ -> core/{there}/ ({path})")
                elif re.match(r"(bench|gui|app|tests)/", path):
                    bad.append(f"{where}: core includes {path} (core sits below bench, gui, app and tests)")
            else:
                if QT_HEADER.match(path):
                    bad.append(f"{where}: core includes the Qt header <{path}>")
                if path.startswith("torch/") and here not in ("nn", "training"):
                    bad.append(f"{where}: <{path}> outside core/nn and core/training")
    # Headers that pull in torch (the networks' private headers) stay inside nn and training.
    torch_headers = {rel.replace(os.sep, "/") for rel in sources(root, "core") if rel.endswith((".h", ".hpp"))
                     and any(k == "<" and p.startswith("torch/") for _, k, p in includes(root, rel))}
    for top in ("core", "gui", "app", "bench", "tests"):
        for rel in sources(root, top):
            parts = rel.split(os.sep)
            if parts[0] == "core" and len(parts) > 2 and parts[1] in ("nn", "training"):
                continue
            for number, kind, path in includes(root, rel):
                if kind == '"' and path in torch_headers:
                    bad.append(f"{rel}:{number}: includes {path}, which includes torch (keep torch behind a pimpl)")
    gui_files = list(sources(root, "gui")) + [r for r in sources(root, "app") if not r.startswith(os.path.join("app", "cli"))]
    for rel in gui_files:
        for number, kind, path in includes(root, rel):
            if kind == "<" and path.startswith("torch/"):
                bad.append(f"{rel}:{number}: the GUI includes the torch header <{path}>")
            if kind == '"' and (path.startswith("core/training/") or path.startswith("bench/")):
                bad.append(f"{rel}:{number}: the GUI includes {path} (training and benchmarks are not product)")
    for top in ("bench", os.path.join("tests", "core")):
        for rel in sources(root, top):
            for number, kind, path in includes(root, rel):
                if kind == "<" and QT_HEADER.match(path):
                    bad.append(f"{rel}:{number}: includes the Qt header <{path}> (Qt-free code)")
    for dirpath, dirnames, files in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not d.startswith("build")]
        if "CMakeLists.txt" not in files:
            continue
        rel = os.path.relpath(os.path.join(dirpath, "CMakeLists.txt"), root)
        with open(os.path.join(root, rel), errors="replace") as fh:
            text = fh.read()
        for number, line in enumerate(text.splitlines(), 1):
            if SOURCE_PATH_DEFINE.search(line) and "ENVIRONMENT" not in line:
                bad.append(f"source path compiled in: {rel}:{number}: {line.strip()}")
        if rel.split(os.sep)[0] == "gui" and re.search(r"atomlens(::|_)(training|bench)\b", text):
            bad.append(f"{rel}: the GUI links training or bench code")
    return bad


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    bad = check(root)
    if bad:
        print("\n".join(bad))
        print(f"layers: {len(bad)} violation(s)")
        return 1
    print("layers: core is a DAG (" + " < ".join(LAYERS).replace("io < job", "io|job") + "), no Qt in core, torch only behind nn/training, "
          "no benchmarks in product folders, no training or bench in the GUI, no source paths compiled in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
