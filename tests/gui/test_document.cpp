// The per-frame document (issue 15 item 1, issue 16 item 5): the user's labels and decisions are the
// only state undo records, background predictions live in layers keyed by model and input revision and
// never overwrite a label, a worker's stale result is dropped, and every frame of a stack has its own
// atoms. Each of these failed on the single-table document (predictions written into the editable
// atoms, one AtomTable for all frames, revision never read).
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/detect/Detector.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <cmath>

using namespace atomlens;
using namespace atomlens::gui;

namespace {

std::vector<Atom> rows(const AtomTable& t) {
    std::vector<Atom> out;
    for (std::size_t i = 0; i < t.size(); ++i) out.push_back(t.at(i));
    return out;
}

bool same(const std::vector<Atom>& a, const std::vector<Atom>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tie(a[i].id, a[i].x, a[i].y, a[i].sigma, a[i].classId, a[i].confidence, a[i].flags) !=
            std::tie(b[i].id, b[i].x, b[i].y, b[i].sigma, b[i].classId, b[i].confidence, b[i].flags))
            return false;
    return true;
}

std::string shownClass(const Document& doc, std::uint32_t id) {
    const AtomTable& t = doc.atoms();
    return t.className(t.classIds()[std::size_t(t.rowOf(id))]);
}

/// A background model's prediction of class `name` for every atom, from the document's current revision.
PredictionLayer predictAll(const Document& doc, const std::string& name, float confidence = 0.8f) {
    PredictionLayer layer;
    layer.model = "test-model";
    layer.revision = doc.revision();
    layer.classNames = {name};
    for (const auto id : doc.userAtoms().ids()) {
        layer.ids.push_back(id);
        layer.classIds.push_back(0);
        layer.confidences.push_back(confidence);
    }
    return layer;
}

struct Fixture {
    Document doc;
    std::vector<std::uint32_t> ids;
    Fixture() {
        doc.setMicrograph(test::simulatedMicrograph());
        doc.setAtoms(detectAtoms(doc.currentImage(), DetectParams{}, nullJobContext()));
        REQUIRE(doc.atoms().size() > 50);
        doc.atomsForEdit().setClassNames({"A", "B"});
        ids.assign(doc.atoms().ids().begin(), doc.atoms().ids().begin() + 10);
    }
};

} // namespace

TEST_CASE("document: a background prediction never overwrites a label, the shown class is the label, else "
          "the prediction",
          "[gui][document]") {
    Fixture f;
    edit::relabel(f.doc, {f.ids[0]}, 1); // the user says: B
    const int commands = f.doc.undoStack()->count();
    const auto user = rows(f.doc.userAtoms());
    REQUIRE(f.doc.applyPrediction(0, predictAll(f.doc, "X")));
    CHECK(f.doc.undoStack()->count() == commands); // predictions are never undoable
    CHECK(same(rows(f.doc.userAtoms()), user));    // and never written into the user's state
    CHECK(shownClass(f.doc, f.ids[0]) == "B");     // the label is shown
    CHECK(shownClass(f.doc, f.ids[1]) == "X");     // the prediction where there is no label
    const PredictionLayer* layer = f.doc.frameDocument(0).prediction("test-model");
    REQUIRE(layer);
    CHECK(layer->size() == f.doc.atoms().size()); // the layer keeps its prediction for the labelled atom
    // Accepting a predicted atom makes the shown (predicted) class the user's label.
    edit::accept(f.doc, {f.ids[1]});
    CHECK(f.doc.userAtoms().className(
              f.doc.userAtoms().classIds()[std::size_t(f.doc.userAtoms().rowOf(f.ids[1]))]) == "X");
    // A newer prediction of the same model replaces the older one, still not over the labels.
    REQUIRE(f.doc.applyPrediction(0, predictAll(f.doc, "Y")));
    CHECK(f.doc.frameDocument(0).predictions.size() == 1);
    CHECK(shownClass(f.doc, f.ids[0]) == "B");
    CHECK(shownClass(f.doc, f.ids[1]) == "X");
    CHECK(shownClass(f.doc, f.ids[2]) == "Y");
    CHECK(f.doc.userLabels().size() == 2);
}

TEST_CASE("document: undo after a background prediction restores exactly the user's state",
          "[gui][document][undo]") {
    Fixture f;
    const auto s0 = rows(f.doc.userAtoms());
    edit::relabel(f.doc, {f.ids[0]}, 1);
    const auto s1 = rows(f.doc.userAtoms());
    const Atom moved = f.doc.userAtoms().at(std::size_t(f.doc.userAtoms().rowOf(f.ids[2])));
    edit::moveAtom(f.doc, f.ids[2], QPointF(moved.x + 0.7, moved.y - 0.4));
    const auto s2 = rows(f.doc.userAtoms());
    // The background model re-predicts around the move (after the edits, from their revision).
    REQUIRE(f.doc.applyPrediction(0, predictAll(f.doc, "X")));
    CHECK(shownClass(f.doc, f.ids[2]) == "X");

    f.doc.undoStack()->undo(); // the move
    CHECK(same(rows(f.doc.userAtoms()), s1));
    CHECK(shownClass(f.doc, f.ids[2]) == "X"); // undo leaves predictions alone
    f.doc.undoStack()->undo();                 // the label
    CHECK(same(rows(f.doc.userAtoms()), s0));
    CHECK(f.doc.userLabels().empty());
    CHECK(shownClass(f.doc, f.ids[0]) == "X"); // no label any more: the prediction shows
    f.doc.undoStack()->redo();
    f.doc.undoStack()->redo();
    CHECK(same(rows(f.doc.userAtoms()), s2));
    CHECK(shownClass(f.doc, f.ids[0]) == "B");
}

TEST_CASE("document: a worker's result computed from an older revision is dropped", "[gui][document]") {
    Fixture f;
    const PredictionLayer stale = predictAll(f.doc, "X");
    edit::relabel(f.doc, {f.ids[3]}, 0); // the document moves on while the worker runs
    CHECK_FALSE(f.doc.isCurrent(0, stale.revision));
    CHECK_FALSE(f.doc.applyPrediction(0, stale));
    CHECK(f.doc.frameDocument(0).predictions.empty());
    CHECK(shownClass(f.doc, f.ids[4]).empty());

    // The background graph job: an edit made after it started makes its result stale; it is dropped
    // and computed again from the new atoms.
    JobRunner userJobs;
    GraphUpdater graph(&f.doc, &userJobs, nullptr);
    QSignalSpy dropped(&graph, &GraphUpdater::staleResultDropped);
    QSignalSpy updated(&graph, &GraphUpdater::graphUpdated);
    bool edited = false;
    QObject::connect(graph.jobs(), &JobRunner::started, &graph, [&] {
        if (edited) return;
        edited = true;
        edit::relabel(f.doc, {f.ids[5]}, 1); // on the GUI thread, before the job's result is applied
    });
    graph.schedule({QPointF(-1, -1)});
    REQUIRE(test::waitFor(updated, 30000));
    CHECK(edited);
    CHECK(dropped.count() == 1);
    CHECK(f.doc.graph() != nullptr);
}

TEST_CASE("document: frame 10 of a drifting stack shows frame 10's atoms, undo returns to its frame",
          "[gui][document][series]") {
    test::TempDir dir;
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 192;
    p.seed = 7;
    p.frames = 11;
    p.frameDrift = 2.0; // angstrom per frame (random walk): the lattice drifts several pixels
    const SimulationResult sim = simulate(p);
    const std::string path = dir.file("drift.tif");
    writeTiff(sim.micrograph, path);
    auto truthOf = [&](int frame) {
        std::vector<QPointF> out;
        for (const auto& t : sim.truth)
            if (t.frame == frame && t.cls != "empty") out.emplace_back(t.x, t.y);
        return out;
    };
    // Median distance of the shown atoms (away from the border) to the nearest true column of a frame.
    auto medianDistance = [](const AtomTable& atoms, const std::vector<QPointF>& truth) {
        std::vector<double> d;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            if (atoms.flags()[i] & (kFlagEmptySite | kFlagAtEdge)) continue;
            double best = 1e9;
            for (const auto& t : truth)
                best = std::min(best, std::hypot(t.x() - atoms.xs()[i], t.y() - atoms.ys()[i]));
            d.push_back(best);
        }
        std::nth_element(d.begin(), d.begin() + std::ptrdiff_t(d.size() / 2), d.end());
        return d.empty() ? 1e9 : d[d.size() / 2];
    };
    const auto truth0 = truthOf(0), truth10 = truthOf(10);
    double drift = 0;
    for (const auto& t : truth10) {
        double best = 1e9;
        for (const auto& u : truth0) best = std::min(best, std::hypot(t.x() - u.x(), t.y() - u.y()));
        drift += best / double(truth10.size());
    }
    INFO("mean offset of frame 10's columns from frame 0's: " << drift << " px");
    REQUIRE(drift > 1.5); // otherwise frame 0's atoms would fit frame 10 too and the test could not fail

    MainWindow w;
    w.setQuiet(true);
    w.resize(1200, 800);
    w.show();
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(QString::fromStdString(path));
    REQUIRE(test::waitFor(opened));
    REQUIRE(test::waitUntil([&] { return !w.jobs()->isBusy() && w.document()->atoms().size() > 20; }));
    const std::size_t frame0Atoms = w.document()->atoms().size();
    CHECK(medianDistance(w.document()->atoms(), truth0) < 0.5);

    w.document()->setCurrentFrame(10); // what the slider does
    REQUIRE(test::waitUntil([&] { return !w.jobs()->isBusy() && w.document()->atoms().size() > 20; }));
    CHECK(w.document()->currentFrame() == 10);
    CHECK(medianDistance(w.document()->atoms(), truth10) < 0.5);
    CHECK(medianDistance(w.document()->atoms(), truth10) < medianDistance(w.document()->atoms(), truth0));
    REQUIRE(test::waitUntil([&] { return w.document()->graph() != nullptr; }));
    test::saveScreenshot(&w, QStringLiteral("stack_frame10"));

    // Back on frame 0: its own atoms, untouched.
    w.document()->setCurrentFrame(0);
    CHECK(w.document()->atoms().size() == frame0Atoms);
    CHECK(medianDistance(w.document()->atoms(), truth0) < 0.5);
    // Undoing frame 10's detection shows frame 10 again and empties only it.
    w.document()->undoStack()->undo();
    CHECK(w.document()->currentFrame() == 10);
    CHECK(w.document()->atoms().empty());
    CHECK(w.document()->frameDocument(0).atoms.size() == frame0Atoms);
}
