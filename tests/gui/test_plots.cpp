// Plots: ticks, a bond-length histogram with a known peak, hover readout, zoom by wheel and drag,
// SVG/PNG export, class bars and per-frame class counts of a simulated series (screenshots saved).
#include <catch2/catch.hpp>

#include "core/analysis/Statistics.h"
#include "core/data/AtomTable.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/FigureWriter.h"
#include "gui/plots/PlotPanel.h"
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <QFile>
#include <QImage>
#include <QMouseEvent>
#include <QWheelEvent>

#include <map>
#include <random>

using namespace atomlens;

namespace {

/// Atoms of frame 0 of a simulated micrograph with their true classes (empty sites flagged), moved by
/// Gaussian noise of `jitter` px (the truth is a perfect lattice: all bonds would be equal).
AtomTable jitteredTruthAtoms(const SimulationResult& sim, double jitter = 0.25) {
    AtomTable atoms;
    std::mt19937 rng(11);
    std::normal_distribution<double> noise(0.0, jitter);
    for (const TruthColumn& t : sim.truth) {
        if (t.frame != 0) continue;
        Atom a;
        a.x = t.x + noise(rng), a.y = t.y + noise(rng);
        if (t.cls == "empty")
            a.flags = kFlagEmptySite;
        else
            a.classId = atoms.classIndex(t.cls, true);
        atoms.add(a);
    }
    return atoms;
}

SimulationResult simulateMoS2(int frames) {
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 200;
    p.frames = frames;
    p.seed = 5;
    return simulate(p);
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

} // namespace

TEST_CASE("niceTicks gives 1-2-5 steps covering the range") {
    const auto t = niceTicks(0.0, 1.0, 5);
    REQUIRE(t.size() == 6);
    CHECK(t.front() == Approx(0.0));
    CHECK(t[1] == Approx(0.2));
    CHECK(t.back() == Approx(1.0));
    const auto u = niceTicks(0.13, 0.47, 4);
    REQUIRE(u.size() == 3);
    CHECK(u[0] == Approx(0.2));
    CHECK(u[2] == Approx(0.4));
    CHECK(niceTicks(1.0, 1.0).empty());
    CHECK(niceTicks(0.0, std::nan("")).empty());
}

TEST_CASE("Bond-length histogram of simulated MoS2 peaks at the true bond, hover and zoom work") {
    const SimulationResult sim = simulateMoS2(1);
    const AtomTable atoms = jitteredTruthAtoms(sim);
    const LatticeGraph graph = buildGraph(atoms);
    PlotPanel panel;
    panel.resize(640, 420);
    panel.show();
    panel.showStatistics(atoms, graph, sim.pixelSize, QStringLiteral("Å"));
    PlotWidget* plot = panel.bondLengthPlot();
    panel.setCurrentWidget(plot);

    // every bond counted once; the fullest bin holds the projected Mo-S bond a / sqrt(3) = 1.84 A
    const std::size_t bonds = bondLengths(graph).size();
    REQUIRE(bonds > 100);
    double total = 0, peak = 0;
    std::size_t peakBin = 0;
    for (std::size_t b = 0; b < plot->binCounts().size(); ++b) {
        total += plot->binCounts()[b];
        if (plot->binCounts()[b] > peak) peak = plot->binCounts()[b], peakBin = b;
    }
    CHECK(total == Approx(double(bonds)));
    const double peakCentre = plot->binStart() + (double(peakBin) + 0.5) * plot->binWidth();
    CHECK(peakCentre == Approx(3.19 / std::sqrt(3.0)).margin(0.12));

    // hover over the peak bin reads out its count
    const QPointF over = plot->toWidget(QPointF(peakCentre, 0.5 * peak));
    sendMouse(plot, QEvent::MouseMove, over, Qt::NoButton, Qt::NoButton);
    CHECK(plot->readout().endsWith(QStringLiteral(": ") + QString::number(peak)));
    CHECK(plot->readout().contains(QStringLiteral("Å")));
    atomlens::test::saveScreenshot(&panel, QStringLiteral("plot_bond_lengths"));

    // the wheel zooms about the cursor: the data point under it stays put
    const QRectF before = plot->viewRange();
    const QPointF anchor = plot->toData(over);
    QWheelEvent wheel(over, plot->mapToGlobal(over), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plot, &wheel);
    CHECK(plot->viewRange().width() == Approx(before.width() / 1.25));
    CHECK(plot->toData(over).x() == Approx(anchor.x()));
    CHECK(plot->toData(over).y() == Approx(anchor.y()));

    // dragging a rectangle shows exactly that data range; a double click resets
    const QPointF a = plot->toWidget(QPointF(1.6, 0.2 * peak)), b = plot->toWidget(QPointF(2.1, 0.9 * peak));
    sendMouse(plot, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    sendMouse(plot, QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton);
    sendMouse(plot, QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
    CHECK(plot->viewRange().left() == Approx(1.6).margin(1e-6));
    CHECK(plot->viewRange().right() == Approx(2.1).margin(1e-6));
    CHECK(plot->viewRange().bottom() == Approx(0.9 * peak).margin(1e-6));
    atomlens::test::saveScreenshot(&panel, QStringLiteral("plot_bond_lengths_zoomed"));
    sendMouse(plot, QEvent::MouseButtonDblClick, a, Qt::LeftButton, Qt::LeftButton);
    CHECK(plot->viewRange() == plot->dataBounds());

    // bond angles of a honeycomb: 120 degrees
    const PlotWidget* angles = panel.bondAnglePlot();
    std::size_t angleBin = 0;
    for (std::size_t k = 0; k < angles->binCounts().size(); ++k)
        if (angles->binCounts()[k] > angles->binCounts()[angleBin]) angleBin = k;
    CHECK(angles->binStart() + (double(angleBin) + 0.5) * angles->binWidth() == Approx(120).margin(4));
}

TEST_CASE("Plots export as SVG and PNG") {
    atomlens::test::TempDir dir;
    PlotWidget plot;
    plot.resize(400, 300);
    plot.setTitle(QStringLiteral("Strain"));
    plot.setHistogram({0.01, 0.02, 0.02, 0.03, std::nan("")}, 3, QStringLiteral("Strain exx"),
                      QStringLiteral("%"));
    CHECK(plot.binCounts() == std::vector<double>{1, 2, 1});
    plot.setHistogram({2.0, 2.0}, 8, QStringLiteral("Same"), QString()); // equal values: one bin around them
    REQUIRE(plot.binCounts().size() == 8);
    CHECK(plot.binCounts()[0] == 2);
    CHECK(plot.binStart() + 0.5 * plot.binWidth() == Approx(2.0));
    plot.setHistogram({0.01, 0.02, 0.02, 0.03}, 3, QStringLiteral("Strain exx"), QStringLiteral("%"));
    const QString svg = QString::fromStdString((dir.path() / "plot.svg").string());
    const QString png = QString::fromStdString((dir.path() / "plot.png").string());
    plot.exportSvg(svg);
    plot.exportPng(png, 2.0);
    QFile f(svg);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    CHECK(text.contains("<svg"));
    CHECK(text.contains("Strain exx [%]"));
    const QImage image(png);
    CHECK(image.size() == QSize(800, 600));
    // a bar is drawn in the bar colour somewhere in the middle of the plot
    bool barColour = false;
    for (int y = 0; y < image.height() && !barColour; ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y) == QColor(70, 130, 200)) {
                barColour = true;
                break;
            }
    CHECK(barColour);
    CHECK_THROWS(plot.exportPng(QStringLiteral("/nonexistent-dir/plot.png")));
}

TEST_CASE("Class bars and per-frame class counts of a simulated series") {
    const SimulationResult sim = simulateMoS2(6);
    PlotPanel panel;
    panel.resize(640, 420);
    panel.show();
    AtomTable atoms = jitteredTruthAtoms(sim);
    panel.showStatistics(atoms, buildGraph(atoms), sim.pixelSize, QStringLiteral("Å"));
    const auto truthCounts = countByClass(atoms);
    REQUIRE(panel.countPlot()->binCounts().size() == truthCounts.size());
    std::size_t i = 0;
    for (const auto& [name, n] : truthCounts) CHECK(panel.countPlot()->binCounts()[i++] == double(n));
    // bars in the class colours of the figures: the middle of the Mo bar has Mo's colour
    const QImage bars = panel.countPlot()->grab().toImage();
    const auto moBar = double(std::distance(truthCounts.begin(), truthCounts.find("Mo")));
    const QPointF moCentre = panel.countPlot()->toWidget(QPointF(moBar, 0.5 * double(truthCounts.at("Mo"))));
    const auto mo = classColour(atoms.classIndex("Mo"));
    CHECK(bars.pixelColor(moCentre.toPoint()) == QColor(mo[0], mo[1], mo[2]));
    panel.setCurrentWidget(panel.countPlot());
    atomlens::test::saveScreenshot(&panel, QStringLiteral("plot_class_counts"));

    // counts per class per frame from the truth -> one curve per class
    std::map<std::string, std::vector<double>> perClass;
    for (const TruthColumn& t : sim.truth) {
        auto& v = perClass[t.cls];
        v.resize(6, 0.0);
        v[std::size_t(t.frame)] += 1;
    }
    const std::vector<double> frames{0, 1, 2, 3, 4, 5};
    for (const auto& [name, v] : perClass) panel.setSeries(QString::fromStdString(name), frames, v);
    PlotWidget* time = panel.timePlot();
    REQUIRE(time->series().size() == perClass.size());
    panel.setSeries(time->series().front().name, frames, std::vector<double>(6, 1.0)); // replaces by name
    CHECK(time->series().size() == perClass.size());
    CHECK(time->series().front().y == std::vector<double>(6, 1.0));
    CHECK_THROWS_AS(time->setSeries(QStringLiteral("bad"), {1, 2}, {1}), std::invalid_argument);
    panel.setSeries(time->series().front().name, frames, perClass.begin()->second);
    // hovering a curve point reads its values out
    const PlotSeries& s = time->series().back();
    sendMouse(time, QEvent::MouseMove, time->toWidget(QPointF(s.x[3], s.y[3])), Qt::NoButton, Qt::NoButton);
    INFO(time->readout().toStdString());
    CHECK(time->readout().endsWith(QStringLiteral(": Frame = 3, Count = ") + QString::number(s.y[3])));
    atomlens::test::saveScreenshot(&panel, QStringLiteral("plot_counts_per_frame"));
}

TEST_CASE("Scatter series: points drawn, nearest point read out, NaNs skipped") {
    PlotWidget plot;
    plot.resize(400, 300);
    plot.show();
    plot.setAxisLabels(QStringLiteral("exx"), QStringLiteral("%"), QStringLiteral("eyy"),
                       QStringLiteral("%"));
    plot.setSeries(QStringLiteral("strain"), {-1.0, 0.0, 2.0, std::nan("")}, {0.5, -0.5, 1.5, 3.0}, true);
    REQUIRE(plot.series().size() == 1);
    CHECK(plot.series()[0].scatter);
    CHECK(plot.dataBounds().bottom() < 2.0); // the NaN point (y = 3) is left out of the bounds
    const QPointF p = plot.toWidget(QPointF(2.0, 1.5));
    CHECK(plot.readoutAt(p + QPointF(3, -2)) == QStringLiteral("strain: exx = 2 %, eyy = 1.5 %"));
    CHECK(plot.readoutAt(plot.toWidget(QPointF(0.5, 1.0))).isEmpty()); // far from every point
    const QImage image = plot.grab().toImage();
    CHECK(image.pixelColor(p.toPoint()) == plot.series()[0].colour);
}
