// Issue 16 item 14: exported marks as thick in SVG/PDF as in the PNG, legends of a visible region that
// count that region, and colours that do not collide (classes, unclassified, empty sites, ring sizes).
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include <catch2/catch.hpp>

#include "core/io/FigureWriter.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/export/FigureExport.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageView.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QUndoStack>

#include <cmath>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::waitFor;
using atomlens::test::waitUntil;

namespace {

bool openSample(MainWindow& w) {
    return atomlens::test::openAndDetect(w, atomlens::test::sourceFile("resources/samples/mos2-sample.tif"));
}

/// Pixels within 40 per channel of a colour.
int pixelsOf(const QImage& image, const QColor& c) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor p = image.pixelColor(x, y);
            n += std::abs(p.red() - c.red()) < 40 && std::abs(p.green() - c.green()) < 40 &&
                 std::abs(p.blue() - c.blue()) < 40;
        }
    return n;
}

double colourDistance(const QColor& a, const QColor& b) {
    return std::sqrt(std::pow(a.red() - b.red(), 2) + std::pow(a.green() - b.green(), 2) +
                     std::pow(a.blue() - b.blue(), 2));
}

int legendCount(const QString& svg, const QString& label) {
    const QRegularExpression re(QRegularExpression::escape(label) + QStringLiteral(" \\((\\d+)\\)"));
    const auto m = re.match(svg);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace

TEST_CASE("SVG atom marks are as thick as the PNG's", "[gui][export]") {
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openSample(w));
    FigureRequest r;
    r.dpi = 100, r.widthInches = 6, r.legend = false, r.scaleBar = false;
    r.path = QString::fromStdString(tmp.file("marks.png"));
    exportFigure(*w.view(), *w.document(), r);
    r.path = QString::fromStdString(tmp.file("marks.svg"));
    exportFigure(*w.view(), *w.document(), r);
    const QImage png(QString::fromStdString(tmp.file("marks.png")));
    REQUIRE_FALSE(png.isNull());
    QImage fromSvg(png.size(), QImage::Format_RGB32);
    fromSvg.fill(Qt::black);
    {
        QSvgRenderer svg(QString::fromStdString(tmp.file("marks.svg")));
        REQUIRE(svg.isValid());
        QPainter p(&fromSvg);
        svg.render(&p, QRectF(0, 0, png.width(), png.height()));
    }
    // Unclassified atoms after detection: their green rings, counted in both renderings.
    const QColor mark = AtomOverlayItem::classColour(-1);
    const int inPng = pixelsOf(png, mark), inSvg = pixelsOf(fromSvg, mark);
    INFO("mark pixels: PNG " << inPng << ", SVG " << inSvg);
    REQUIRE(inPng > 500);
    CHECK(inSvg < 2 * inPng); // the SVG's rings were about 4x thicker before
    CHECK(inSvg > inPng / 2);
}

TEST_CASE("a visible-region figure's legend counts that region", "[gui][export]") {
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openSample(w));
    REQUIRE(waitUntil([&] { return !w.graphUpdater()->jobs()->isBusy(); }));
    const AtomTable& atoms = w.document()->atoms();
    const double width = w.document()->micrograph()->width(), height = w.document()->micrograph()->height();
    const QRectF quarter(-0.5, -0.5, width / 2, height / 2);
    int inside = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i)
        inside += quarter.contains(atoms.xs()[i], atoms.ys()[i]) && atoms.classIds()[i] < 0 &&
                  !(atoms.flags()[i] & kFlagRejected);
    REQUIRE(inside > 10);
    FigureRequest r;
    r.path = QString::fromStdString(tmp.file("region.svg"));
    r.region = quarter;
    exportFigure(*w.view(), *w.document(), r);
    QFile f(r.path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(f.readAll());
    CHECK(legendCount(svg, QStringLiteral("unclassified")) == inside);
    const std::size_t emptyInside = w.view()->graphOverlay()->emptySiteCount(quarter);
    CHECK(emptyInside < w.view()->graphOverlay()->emptySiteCount());
    if (emptyInside > 0) CHECK(legendCount(svg, QStringLiteral("empty ideal site")) == int(emptyInside));
}

TEST_CASE("mark colours stay apart: classes, unclassified, empty sites, ring sizes", "[gui][colours]") {
    const QColor unclassified = AtomOverlayItem::classColour(-1), empty = GraphOverlayItem::emptySiteColour();
    CHECK(colourDistance(unclassified, empty) > 100);
    for (int c = 0; c < 8; ++c) {
        INFO("class " << c);
        CHECK(colourDistance(AtomOverlayItem::classColour(c), unclassified) > 100);
        for (int d = c + 1; d < 8; ++d)
            CHECK(colourDistance(AtomOverlayItem::classColour(c), AtomOverlayItem::classColour(d)) > 60);
    }
    // MoS2 models: S1 (class 2) vs an empty-site mark; the "empty" class (3) vs unclassified.
    CHECK(colourDistance(AtomOverlayItem::classColour(2), empty) > 100);
    CHECK(colourDistance(AtomOverlayItem::classColour(3), unclassified) > 100);
    GraphOverlayItem graph;
    for (std::size_t a = 3; a <= 10; ++a)
        for (std::size_t b = a + 1; b <= 10; ++b) {
            if (a == graph.commonRingSize() || b == graph.commonRingSize()) continue; // drawn clear
            INFO("rings " << a << " and " << b);
            CHECK(colourDistance(graph.ringColour(a), graph.ringColour(b)) > 60);
        }
}

TEST_CASE("the Label tool on a spot without a node places a labelled site", "[gui][labels]") {
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openSample(w));
    REQUIRE(waitUntil([&] { return !w.graphUpdater()->jobs()->isBusy(); }));
    // A column whose atom was deleted: labelling it puts a site back on the column (refined there).
    const AtomTable before = w.document()->atoms();
    std::size_t row = before.size() / 2;
    while (before.flags()[row] & kFlagEmptySite) ++row;
    const double cx = before.xs()[row], cy = before.ys()[row];
    edit::deleteAtoms(*w.document(), {before.ids()[row]});
    REQUIRE(w.view()->atomOverlay()->nearestAtom(QPointF(cx, cy), 1.0) < 0);
    const std::size_t labels = w.document()->userLabels().size();
    w.editTools()->handleClick(QPointF(cx + 1.0, cy - 0.8), int(ImageView::Tool::Label));
    const AtomTable& t = w.document()->atoms();
    const int placed = w.view()->atomOverlay()->nearestAtom(QPointF(cx, cy), 2.5);
    REQUIRE(placed >= 0);
    CHECK(std::hypot(t.xs()[std::size_t(placed)] - cx, t.ys()[std::size_t(placed)] - cy) < 0.6);
    CHECK((t.flags()[std::size_t(placed)] & kFlagUserAdded));
    CHECK(w.document()->userLabels().size() == labels + 1);
    // Far from every column (off the lattice, in the corner's background): kept where the user clicked.
    const QPointF corner(-0.4, -0.4);
    if (w.view()->atomOverlay()->nearestAtom(corner, 4.0) < 0) {
        w.editTools()->handleClick(corner, int(ImageView::Tool::Label));
        const int kept = w.view()->atomOverlay()->nearestAtom(corner, 0.01);
        CHECK(kept >= 0);
        CHECK(w.document()->userLabels().size() == labels + 2);
        w.document()->undoStack()->undo();
        CHECK(w.document()->userLabels().size() == labels + 1);
    }
}
