// The VTK 3-D view: intensity surface, class-coloured atom spheres and space-time trajectories of a
// simulated MoS2 series, rendered through our QOpenGLWidget adapter (needs an X display: xvfb-run).
#include <catch2/catch.hpp>

#include "core/analysis/Tracking.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/io/FigureWriter.h"
#include "gui/vtk/LatticeSceneView.h"
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <cstdlib>
#include <map>

using namespace atomlens;

namespace {

bool haveDisplay() {
    if (std::getenv("DISPLAY")) return true;
    WARN("ATOMLENS-SKIP: no DISPLAY: the VTK 3-D view test needs one (run it under xvfb-run -a)");
    return false;
}

/// Pixels of an image within `tolerance` (per channel) of a colour scaled by any shading in [0.35, 1.3].
int pixelsLike(const QImage& image, const std::array<std::uint8_t, 3>& c, int tolerance = 40) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor p = image.pixelColor(x, y);
            const double lum = double(p.red() + p.green() + p.blue()) / std::max(1, c[0] + c[1] + c[2]);
            if (lum < 0.35 || lum > 1.3) continue;
            if (std::abs(p.red() - lum * c[0]) < tolerance && std::abs(p.green() - lum * c[1]) < tolerance &&
                std::abs(p.blue() - lum * c[2]) < tolerance)
                ++n;
        }
    return n;
}

void drag(QWidget* w, QPointF from, QPointF to, Qt::MouseButton button) {
    QMouseEvent press(QEvent::MouseButtonPress, from, w->mapToGlobal(from), button, button, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &press);
    for (int i = 1; i <= 5; ++i) {
        const QPointF p = from + (to - from) * (i / 5.0);
        QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, button, Qt::NoModifier);
        QCoreApplication::sendEvent(w, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, to, w->mapToGlobal(to), button, Qt::NoButton,
                        Qt::NoModifier);
    QCoreApplication::sendEvent(w, &release);
}

} // namespace

TEST_CASE("VTK view shows surface, class-coloured atoms and space-time tracks") {
    if (!haveDisplay()) return;
    SimulationParams params;
    params.preset = "mos2";
    params.width = params.height = 128;
    params.frames = 6;
    params.seed = 7;
    const SimulationResult sim = simulate(params);
    const int frames = 6;

    // the true identities as the tracking result: every column keeps its truth id through the series
    AtomTable atoms;
    std::vector<FramePoints> points(frames);
    TrackingResult tracking;
    tracking.trackOf.resize(frames);
    std::map<int, int> trackOfId;
    for (const TruthColumn& t : sim.truth) {
        if (t.cls == "empty") continue;
        const auto f = std::size_t(t.frame);
        points[f].x.push_back(t.x);
        points[f].y.push_back(t.y);
        const auto [it, added] = trackOfId.emplace(t.id, int(tracking.tracks.size()));
        if (added) tracking.tracks.push_back({t.frame, t.frame, 0, t.x, t.y});
        Track& track = tracking.tracks[std::size_t(it->second)];
        track.lastFrame = t.frame, ++track.observations;
        tracking.trackOf[f].push_back(it->second);
        if (t.frame != 0) continue;
        Atom a;
        a.x = t.x, a.y = t.y, a.classId = atoms.classIndex(t.cls, true);
        atoms.add(a);
    }

    SceneOptions options;
    options.maxSurfaceSide = 64; // 128 px -> 2 x 2 blocks
    LatticeSceneView view(nullptr, options);
    view.resize(720, 540);
    const double ps = sim.pixelSize; // angstrom
    view.setImage(sim.micrograph.frame(0), ps, QStringLiteral("Å"));
    view.setAtoms(atoms);
    view.setTrajectories(points, tracking);
    view.resetCamera();
    view.show();
    REQUIRE(atomlens::test::waitUntil([&] { return view.renderCount() > 0; }, 10000));
    REQUIRE(view.isGlReady());

    // surface: 64 x 64 block means spanning the image in calibrated units, relief up to reliefHeight
    vtkPolyData* surface = view.surface();
    CHECK(surface->GetNumberOfPoints() == 64 * 64);
    CHECK(surface->GetNumberOfCells() == 63 * 63);
    double b[6];
    surface->GetBounds(b);
    CHECK(b[0] == Approx(0.5 * ps));
    CHECK(b[1] == Approx(126.5 * ps));
    CHECK(b[2] == Approx(-126.5 * ps));
    CHECK(b[5] == Approx(view.reliefHeight()));
    CHECK(b[4] == Approx(0.0).margin(1e-9));

    // atoms: one sphere per frame-0 atom, coloured like the 2-D figures
    vtkPolyData* spheres = view.atomPoints();
    REQUIRE(spheres->GetNumberOfPoints() == vtkIdType(atoms.size()));
    auto* colours = vtkUnsignedCharArray::SafeDownCast(spheres->GetPointData()->GetArray("colour"));
    REQUIRE(colours);
    for (vtkIdType i : {vtkIdType(0), spheres->GetNumberOfPoints() - 1}) {
        const auto c = classColour(atoms.classIds()[std::size_t(i)]);
        CHECK(int(colours->GetValue(3 * i)) == c[0]);
        CHECK(int(colours->GetValue(3 * i + 2)) == c[2]);
    }

    // trajectories: one polyline per track seen at least twice, climbing one timeStep per frame
    std::size_t multi = 0, complete = 0;
    for (const Track& t : tracking.tracks) multi += t.observations >= 2, complete += t.observations == frames;
    REQUIRE(complete > 50);
    REQUIRE(multi > complete); // S vacancies hop: some columns vanish or appear
    CHECK(std::size_t(view.trajectories()->GetNumberOfCells()) == multi);
    view.trajectories()->GetBounds(b);
    CHECK(b[5] - b[4] == Approx(5 * view.timeStep()));
    CHECK(b[4] > view.reliefHeight());
    CHECK(view.caption().startsWith(QStringLiteral("x, y: Å   up: frame 0 to 5")));

    // colour by time: each track's points run from the first frame's colour to the last's
    auto* trackColours =
        vtkUnsignedCharArray::SafeDownCast(view.trajectories()->GetPointData()->GetArray("colour"));
    REQUIRE(trackColours);
    REQUIRE(trackColours->GetNumberOfTuples() == view.trajectories()->GetNumberOfPoints());
    {
        vtkIdType n = 0;
        const vtkIdType* ids = nullptr;
        view.trajectories()->GetLines()->InitTraversal();
        REQUIRE(view.trajectories()->GetLines()->GetNextCell(n, ids));
        REQUIRE(n >= 2);
        const auto first = LatticeSceneView::timeColour(0.0), last = LatticeSceneView::timeColour(1.0);
        CHECK(int(trackColours->GetValue(3 * ids[0] + 2)) == int(first[2]));
        if (n == frames) CHECK(int(trackColours->GetValue(3 * ids[n - 1])) == int(last[0]));
    }

    // the rendered frame shows the spheres (Mo colour) and the tracks (their last frame in yellow)
    QImage frame = view.grabFramebuffer();
    frame.save(QStringLiteral(ATOMLENS_SCREENSHOT_DIR) + QStringLiteral("/vtk_view.png"));
    const int mo = atoms.classIndex("Mo");
    REQUIRE(mo >= 0);
    CHECK(pixelsLike(frame, classColour(mo)) > 200);
    const auto yellow = LatticeSceneView::timeColour(1.0);
    CHECK(pixelsLike(frame, {yellow[0], yellow[1], yellow[2]}, 40) > 50);

    // mouse: left drag rotates the camera, the wheel zooms in
    vtkCamera* camera = view.renderer()->GetActiveCamera();
    double p0[3], p1[3];
    camera->GetPosition(p0);
    const int before = view.renderCount();
    drag(&view, QPointF(360, 270), QPointF(460, 230), Qt::LeftButton);
    camera->GetPosition(p1);
    CHECK((p1[0] - p0[0]) * (p1[0] - p0[0]) + (p1[1] - p0[1]) * (p1[1] - p0[1]) > 1e-6);
    const double distance = camera->GetDistance();
    QWheelEvent wheel(QPointF(360, 270), view.mapToGlobal(QPointF(360, 270)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&view, &wheel);
    CHECK(camera->GetDistance() < distance);
    REQUIRE(atomlens::test::waitUntil([&] { return view.renderCount() > before; }, 5000));
    view.grabFramebuffer().save(QStringLiteral(ATOMLENS_SCREENSHOT_DIR) +
                                QStringLiteral("/vtk_view_rotated.png"));

    CHECK_THROWS_AS(view.setTrajectories({points[0]}, tracking), std::invalid_argument);
}

TEST_CASE("VTK view downsamples a large image into a bounded surface (no display needed)") {
    Image image(1000, 600, 0.0f);
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 1000; ++x) image.at(x, y) = float(x); // a ramp: heights rise to the right
    LatticeSceneView view; // not shown: building the scene needs no OpenGL context
    view.setImage(image, 0.05, QStringLiteral("nm"));
    vtkPolyData* surface = view.surface();
    CHECK(surface->GetNumberOfPoints() == 250 * 150); // 4 x 4 blocks for at most 256 a side
    double b[6];
    surface->GetBounds(b);
    CHECK(b[0] == Approx(1.5 * 0.05));
    CHECK(b[1] == Approx(997.5 * 0.05));
    CHECK(b[5] == Approx(view.reliefHeight()));
    CHECK(view.reliefHeight() == Approx(0.08 * 1000 * 0.05));
    double left[3], right[3]; // heights follow the ramp: left edge low, right edge high
    surface->GetPoint(0, left);
    surface->GetPoint(249, right);
    CHECK(left[2] < 0.01 * view.reliefHeight());
    CHECK(right[2] > 0.99 * view.reliefHeight());
    CHECK_THROWS_AS(view.setImage(Image()), std::invalid_argument);
}

TEST_CASE("VTK view thins static tracks and keeps every appearing or vanishing one (no display needed)") {
    // 1000 columns seen in all 3 frames and 7 seen only in frame 1: 1000 vertical lines would be a wall.
    const int frames = 3;
    std::vector<FramePoints> points(frames);
    TrackingResult tracking;
    tracking.trackOf.resize(frames);
    for (int t = 0; t < 1007; ++t) {
        const bool moving = t >= 1000;
        tracking.tracks.push_back(
            {moving ? 1 : 0, moving ? 2 : 2, moving ? 2 : 3, double(t % 40) * 5, t / 40 * 5.0});
        for (int f = moving ? 1 : 0; f < frames; ++f) {
            points[std::size_t(f)].x.push_back(double(t % 40) * 5);
            points[std::size_t(f)].y.push_back(t / 40 * 5.0);
            tracking.trackOf[std::size_t(f)].push_back(t);
        }
    }
    Image image(200, 130, 1.0f);
    LatticeSceneView view;
    view.setImage(image, 0.1, QStringLiteral("nm"));
    view.setTrajectories(points, tracking);
    // stride ceil(1000 / 300) = 4: 250 of the static tracks, and all 7 that appear
    CHECK(view.trajectories()->GetNumberOfCells() == 250 + 7);
    CHECK(view.caption().contains(QStringLiteral("1 in 4 of the 1000")));
    // per-point time colours: frame 0 purple, frame 2 yellow
    auto* c = vtkUnsignedCharArray::SafeDownCast(view.trajectories()->GetPointData()->GetArray("colour"));
    REQUIRE(c);
    const auto purple = LatticeSceneView::timeColour(0), yellow = LatticeSceneView::timeColour(1);
    CHECK(int(purple[0]) == 68);
    CHECK(int(yellow[1]) == 231);
    CHECK(int(c->GetValue(0)) == int(purple[0])); // the first point is a static track's frame 0
}
