// Issue 19: the GUI's dopant layer shows each Si dopant of a graphene image with its coordination (ring
// colour, bonds to its host columns) and its class and confidence.
#include <catch2/catch.hpp>

#include "core/analysis/GrapheneDopants.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/DopantFinder.h"
#include "gui/jobs/JobRunner.h"
#include "gui/view/DopantOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <QImage>
#include <QPainter>
#include <QSignalSpy>

#include <cmath>

using namespace atomlens;
using namespace atomlens::gui;

namespace {

/// A clean 256^2 graphene-si image at 0.1 A/px with `each` 3-fold and `each` 4-fold relaxed Si.
SimulationResult simulatedGraphene(std::uint64_t seed, int each) {
    SimulationParams p;
    p.preset = "graphene-si";
    p.width = p.height = 256;
    p.pixelSize = 0.1;
    p.seed = seed;
    p.dose = 1e6;
    p.siThreeFold = each, p.siFourFold = each;
    p.siRelaxed = true;
    return simulate(p);
}

int pixelsNear(const QImage& image, QPointF at, double radius, const QColor& c) {
    int n = 0;
    for (int y = std::max(0, int(at.y() - radius)); y <= std::min(image.height() - 1, int(at.y() + radius));
         ++y)
        for (int x = std::max(0, int(at.x() - radius));
             x <= std::min(image.width() - 1, int(at.x() + radius)); ++x) {
            const QColor p = image.pixelColor(x, y);
            n += std::abs(p.red() - c.red()) < 50 && std::abs(p.green() - c.green()) < 50 &&
                 std::abs(p.blue() - c.blue()) < 50;
        }
    return n;
}

} // namespace

TEST_CASE("dopant layer: every Si ringed in its coordination's colour with its bonds", "[gui][dopants]") {
    const SimulationResult sim = simulatedGraphene(3, 3);
    const GrapheneAnalysis analysis = analyseGrapheneImage(sim.micrograph.frame(0));
    REQUIRE(analysis.dopants.size() >= 4);

    const auto marks = DopantOverlayItem::marksOf(analysis);
    REQUIRE(marks.size() == analysis.dopants.size());
    std::size_t three = 0, four = 0;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const auto& d = analysis.dopants[i];
        CHECK(marks[i].bonded.size() == d.bonded.size());
        CHECK(marks[i].cls == QString::fromStdString(d.cls));
        three += d.cls == "Si3", four += d.cls == "Si4";
    }
    CHECK(three >= 2);
    CHECK(four >= 2);

    ImageView view;
    view.resize(800, 800);
    QImage grey(256, 256, QImage::Format_RGB32);
    grey.fill(QColor(60, 60, 60));
    view.imageItem()->setImage(grey);
    view.dopantOverlay()->setDopants(marks, analysis.bondLength);
    CHECK(view.dopantOverlay()->count(3) == three);
    CHECK(view.dopantOverlay()->count(4) == four);

    // Rendered 3x: each dopant's ring shows its coordination colour around it, and its bonds run out.
    QImage out(768, 768, QImage::Format_RGB32);
    out.fill(Qt::black);
    {
        QPainter painter(&out);
        view.scene()->render(&painter, QRectF(0, 0, 768, 768), QRectF(-0.5, -0.5, 256, 256));
    }
    out.save(QStringLiteral(ATOMLENS_SCREENSHOT_DIR "/dopant_layer.png"));
    for (const auto& m : marks) {
        if (m.coordination != 3 && m.coordination != 4) continue;
        INFO("dopant " << m.cls.toStdString() << " at " << m.x << ", " << m.y);
        const QPointF at((m.x + 0.5) * 3, (m.y + 0.5) * 3);
        const double ring = std::max(3.0, 0.55 * analysis.bondLength) * 3;
        CHECK(pixelsNear(out, at, ring + 3, DopantOverlayItem::coordinationColour(m.coordination)) > 20);
    }
    CHECK(DopantOverlayItem::coordinationColour(3) != DopantOverlayItem::coordinationColour(4));
    view.dopantOverlay()->clear();
    CHECK(view.dopantOverlay()->dopants().empty());
}

TEST_CASE("Analysis > Find Dopants puts a graphene image's dopants on the layer", "[gui][dopants]") {
    const SimulationResult sim = simulatedGraphene(4, 2);
    atomlens::test::TempDir tmp;
    const std::string tif = tmp.file("graphene.tif");
    writeTiff(sim.micrograph, tif);
    MainWindow w;
    w.setQuiet(true);
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(QString::fromStdString(tif));
    REQUIRE(atomlens::test::waitFor(opened));
    QSignalSpy found(w.dopantFinder(), &DopantFinder::found);
    REQUIRE(w.dopantFinder()->find());
    REQUIRE(atomlens::test::waitFor(found, 60000));
    const auto& layer = *w.view()->dopantOverlay();
    CHECK(layer.count(3) + layer.count(4) >= 3);
    CHECK(w.dopantFinder()->summary().contains(QStringLiteral("three-fold")));
    // another frame or file clears it: the layer belongs to what it was computed from
    w.document()->setMicrograph(std::make_shared<const Micrograph>(sim.micrograph));
    CHECK(layer.dopants().empty());
}
