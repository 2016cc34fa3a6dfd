// bench_gui: GUI timings for BENCHMARKS.md (run offscreen: QT_QPA_PLATFORM=offscreen ./bench_gui).
// A 4096 x 4096 image with 100k atoms (and their graph): frame time while panning at three zooms, and
// the time to relabel 10k atoms with a lasso, undo it and redo it (with every view update it causes).
#include "core/graph/LatticeGraph.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace atomlens;
using namespace atomlens::gui;

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLensBench"));
    const int size = 4096, grid = 317; // 317^2 = 100 489 atoms, 12.9 px apart
    auto m = std::make_shared<Micrograph>();
    Image image(size, size);
    std::mt19937 rng(1);
    std::normal_distribution<float> noise(0, 0.1f);
    const double spacing = double(size) / grid;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const double fx = std::fmod(x + spacing / 2, spacing) - spacing / 2,
                         fy = std::fmod(y + spacing / 2, spacing) - spacing / 2;
            image.at(x, y) = float(std::exp(-(fx * fx + fy * fy) / 8.0)) + noise(rng);
        }
    m->frames.push_back(std::move(image));
    m->calibration.pixelSizeX = m->calibration.pixelSizeY = 0.02;
    m->calibration.unit = "nm";
    AtomTable atoms;
    atoms.setClassNames({"A", "B", "C"});
    atoms.reserve(std::size_t(grid * grid));
    for (int j = 0; j < grid; ++j)
        for (int i = 0; i < grid; ++i) {
            Atom a;
            a.x = i * spacing, a.y = j * spacing;
            a.sigma = 2;
            a.classId = (i + j) % 3;
            a.confidence = float((i * 7 + j * 13) % 100) / 100.0f;
            atoms.add(a);
        }
    MainWindow window;
    window.setQuiet(true);
    window.files()->setAutoDetect(false);
    window.resize(1600, 1000);
    window.show();
    Document& doc = *window.document();
    doc.setMicrograph(m);
    doc.setAtoms(atoms);
    auto graph = std::make_shared<LatticeGraph>(buildGraph(atoms));
    doc.setGraph(graph);
    app.processEvents();
    ImageView* view = window.view();
    std::printf(
        "AtomLens GUI bench: %d x %d image, %zu atoms, %zu bonds, viewport %d x %d (offscreen, raster)\n",
        size, size, atoms.size(), graph->edgeCount(), view->viewport()->width(), view->viewport()->height());
    std::printf("%-44s %10s %10s %12s\n", "full repaint after a 20 px pan step", "median ms", "p95 ms",
                "atoms shown");
    struct Layers {
        const char* name;
        bool atoms;
        int graph;
    };
    const Layers layerSets[] = {
        {"image", false, 0},
        {"image + atoms", true, 0},
        {"image + atoms + bonds + sites", true, GraphOverlayItem::Bonds | GraphOverlayItem::EmptySites}};
    for (const auto& layers : layerSets) {
        view->atomOverlay()->setVisible(layers.atoms);
        view->graphOverlay()->setLayers(layers.graph);
        for (const double zoom : {0.0, 1.0, 4.0}) {
            if (zoom == 0)
                view->fitImage();
            else
                view->setZoom(zoom);
            view->centreOn(QPointF(size / 2.0, size / 2.0));
            app.processEvents();
            std::vector<double> ms;
            QElapsedTimer t;
            for (int k = 0; k < 40; ++k) {
                const int dx = (k / 20 % 2 ? -1 : 1) * 20;
                t.start();
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + dx);
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + dx / 2);
                view->viewport()->repaint();
                ms.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            const QRectF vis = view->visibleRegion();
            const double shown =
                layers.atoms
                    ? std::min(1.0, vis.width() * vis.height() / (double(size) * size)) * double(atoms.size())
                    : 0;
            const QString label = QStringLiteral("%1, %2").arg(QString::fromLatin1(layers.name),
                                                               zoom == 0 ? QStringLiteral("fit")
                                                                         : QStringLiteral("%1:1").arg(zoom));
            std::printf("%-44s %10.2f %10.2f %12.0f\n", label.toLatin1().constData(), percentile(ms, 0.5),
                        percentile(ms, 0.95), shown);
        }
    }
    view->atomOverlay()->setVisible(true);
    // Lasso relabel of ~10k atoms (a 100 x 100 atom square), then undo and redo.
    view->fitImage();
    app.processEvents();
    const double side = 100 * spacing - 1;
    const QPolygonF lasso({QPointF(1, 1), QPointF(side, 1), QPointF(side, side), QPointF(1, side)});
    QElapsedTimer t;
    t.start();
    window.editTools()->handleLasso(lasso);
    app.processEvents();
    const double lassoMs = double(t.nsecsElapsed()) / 1e6;
    // The edit itself (diff applied, signals delivered, overlay arrays refreshed) and the repaint that
    // follows, measured apart.
    std::vector<double> undoMs, redoMs, repaintMs;
    for (int k = 0; k < 5; ++k) {
        t.start();
        doc.undoStack()->undo();
        undoMs.push_back(double(t.nsecsElapsed()) / 1e6);
        app.processEvents();
        t.start();
        doc.undoStack()->redo();
        redoMs.push_back(double(t.nsecsElapsed()) / 1e6);
        app.processEvents();
        t.start();
        view->viewport()->repaint();
        repaintMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("lasso relabel of %zu atoms: %.1f ms (with the review queue rebuild and a repaint)\n",
                doc.userLabels().size(), lassoMs);
    std::printf("undo median %.2f ms, redo median %.2f ms; the repaint after it (fit zoom) %.1f ms\n",
                percentile(undoMs, 0.5), percentile(redoMs, 0.5), percentile(repaintMs, 0.5));
    return 0;
}
