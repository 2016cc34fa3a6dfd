// Undo/redo of every edit (state -> undo -> redo -> state), the review queue's order and filters.
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/detect/Detector.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/review/ReviewQueue.h"

#include <QUndoStack>

using namespace atomlens;
using namespace atomlens::gui;

namespace {

/// Every value of every atom, for exact before/after comparisons.
std::vector<Atom> snapshot(const AtomTable& t) {
    std::vector<Atom> out;
    for (std::size_t i = 0; i < t.size(); ++i) out.push_back(t.at(i));
    return out;
}

bool same(const std::vector<Atom>& a, const std::vector<Atom>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Atom &x = a[i], &y = b[i];
        if (x.id != y.id || x.x != y.x || x.y != y.y || x.sigma != y.sigma || x.amplitude != y.amplitude ||
            x.intensity != y.intensity || x.uncertainty != y.uncertainty || x.classId != y.classId ||
            x.confidence != y.confidence || x.flags != y.flags)
            return false;
    }
    return true;
}

/// Applies an edit, then checks undo restores the state before and redo the state after, twice.
template <class Edit> void checkUndoRedo(Document& doc, Edit edit) {
    const auto before = snapshot(doc.atoms());
    const auto namesBefore = doc.atoms().classNames();
    const int commands = doc.undoStack()->count();
    edit();
    REQUIRE(doc.undoStack()->count() == commands + 1);
    const auto after = snapshot(doc.atoms());
    const auto namesAfter = doc.atoms().classNames();
    CHECK_FALSE((same(before, after) && namesBefore == namesAfter));
    for (int round = 0; round < 2; ++round) {
        doc.undoStack()->undo();
        CHECK(same(snapshot(doc.atoms()), before));
        CHECK(doc.atoms().classNames() == namesBefore);
        doc.undoStack()->redo();
        CHECK(same(snapshot(doc.atoms()), after));
        CHECK(doc.atoms().classNames() == namesAfter);
    }
}

struct Fixture {
    Document doc;
    Fixture() {
        doc.setMicrograph(test::simulatedMicrograph());
        doc.setAtoms(detectAtoms(doc.currentImage(), DetectParams{}, nullJobContext()));
        REQUIRE(doc.atoms().size() > 50);
        doc.atomsForEdit().setClassNames({"A", "B"});
    }
    std::vector<std::uint32_t> firstIds(std::size_t n) const {
        return {doc.atoms().ids().begin(), doc.atoms().ids().begin() + std::ptrdiff_t(n)};
    }
};

} // namespace

TEST_CASE("edits: relabel, accept and reject store differences and undo/redo exactly", "[gui][undo]") {
    Fixture f;
    const auto ids = f.firstIds(20);
    checkUndoRedo(f.doc, [&] { edit::relabel(f.doc, ids, 1); });
    const auto row = std::size_t(f.doc.atoms().rowOf(ids[3]));
    CHECK(f.doc.atoms().classIds()[row] == 1);
    CHECK((f.doc.atoms().flags()[row] & kFlagUserReviewed));
    CHECK(f.doc.userLabels().size() == 20);
    checkUndoRedo(f.doc, [&] { edit::accept(f.doc, f.firstIds(30)); }); // 10 new ones change
    checkUndoRedo(f.doc, [&] { edit::reject(f.doc, {ids[0]}); });
    CHECK((f.doc.atoms().flags()[std::size_t(f.doc.atoms().rowOf(ids[0]))] & kFlagRejected));
    // A no-op edit pushes nothing.
    const int count = f.doc.undoStack()->count();
    edit::accept(f.doc, {ids[1]});
    CHECK(f.doc.undoStack()->count() == count);
}

TEST_CASE("edits: add, move and delete re-refine locally and undo/redo exactly", "[gui][undo]") {
    Fixture f;
    const auto& t = f.doc.atoms();
    // Move an atom 1.5 px off its column: refinement pulls it back close to where it was.
    const std::size_t row = t.size() / 2;
    const std::uint32_t id = t.ids()[row];
    const double x0 = t.xs()[row], y0 = t.ys()[row];
    checkUndoRedo(f.doc, [&] { edit::moveAtom(f.doc, id, QPointF(x0 + 1.5, y0 - 1.0)); });
    const auto moved = std::size_t(t.rowOf(id));
    CHECK(std::hypot(t.xs()[moved] - x0, t.ys()[moved] - y0) < 0.5);
    CHECK((t.flags()[moved] & kFlagUserMoved));
    // Delete it, then add it back by clicking near the column.
    checkUndoRedo(f.doc, [&] { edit::deleteAtoms(f.doc, {id}); });
    CHECK(t.rowOf(id) < 0);
    std::uint32_t added = 0;
    checkUndoRedo(f.doc, [&] { added = edit::addAtom(f.doc, QPointF(x0 + 1.0, y0 + 1.0)); });
    const auto a = std::size_t(t.rowOf(added));
    CHECK(std::hypot(t.xs()[a] - x0, t.ys()[a] - y0) < 0.5);
    CHECK((t.flags()[a] & kFlagUserAdded));
}

TEST_CASE("edits: class list edits and whole-table replacement undo/redo", "[gui][undo]") {
    Fixture f;
    edit::relabel(f.doc, f.firstIds(5), 0);
    edit::relabel(f.doc, f.firstIds(2), 1);
    checkUndoRedo(f.doc, [&] { edit::setClassNames(f.doc, {"A", "B", "C"}); });
    checkUndoRedo(f.doc, [&] { edit::setClassNames(f.doc, {"Sr", "B", "C"}); }); // rename keeps ids
    CHECK(f.doc.atoms().className(f.doc.atoms().classIds()[4]) == "Sr");
    checkUndoRedo(f.doc, [&] { edit::setClassNames(f.doc, {"B", "C"}); }); // removing re-indexes
    CHECK(f.doc.atoms().classIds()[4] == -1);
    CHECK(f.doc.atoms().className(f.doc.atoms().classIds()[0]) == "B");
    AtomTable fresh;
    Atom one;
    one.x = 10, one.y = 10;
    fresh.add(one);
    checkUndoRedo(f.doc, [&] { edit::replaceAtoms(f.doc, fresh, QStringLiteral("replace")); });
}

TEST_CASE("edits: model predictions never overwrite a user's decision", "[gui][undo]") {
    Fixture f;
    const auto ids = f.firstIds(10);
    edit::relabel(f.doc, {ids[0]}, 1);
    AtomTable predicted = f.doc.atoms();
    predicted.setClassNames({"X", "Y"});
    for (std::size_t i = 0; i < predicted.size(); ++i) predicted.setClass(i, 0, 0.7f);
    std::vector<std::uint32_t> changed;
    checkUndoRedo(f.doc,
                  [&] { changed = edit::applyPredictions(f.doc, predicted, QStringLiteral("model")); });
    const auto& t = f.doc.atoms();
    CHECK(changed.empty()); // they had no class before: nothing to compare with
    for (std::size_t i = 0; i < predicted.size(); ++i) predicted.setClass(i, 1, 0.6f);
    checkUndoRedo(f.doc,
                  [&] { changed = edit::applyPredictions(f.doc, predicted, QStringLiteral("model 2")); });
    CHECK(changed.size() == t.size() - 1); // every prediction changed from X to Y, the user's label stays
    CHECK(t.className(t.classIds()[std::size_t(t.rowOf(ids[0]))]) == "B"); // the user's label stays
    CHECK(t.className(t.classIds()[std::size_t(t.rowOf(ids[1]))]) == "Y");
    // Re-detection keeps the reviewed atom (and drops the detection on the same column).
    const AtomTable merged = keepUserAtoms(detectAtoms(f.doc.currentImage(), {}, nullJobContext()), t);
    CHECK(merged.size() == t.size());
    std::size_t reviewed = 0;
    for (std::size_t i = 0; i < merged.size(); ++i)
        if (merged.flags()[i] & kFlagUserReviewed) {
            ++reviewed;
            CHECK(merged.className(merged.classIds()[i]) == "B");
        }
    CHECK(reviewed == 1);
}

TEST_CASE("review queue: least certain first, filters by class and confidence, skips reviewed",
          "[gui][review]") {
    AtomTable t;
    t.setClassNames({"A", "B"});
    const float conf[] = {0.9f, 0.3f, 0.6f, 0.95f, 0.5f};
    for (int i = 0; i < 5; ++i) {
        Atom a;
        a.x = i * 10;
        a.classId = i % 2;
        a.confidence = conf[i];
        t.add(a);
    }
    ReviewQueue q;
    q.rebuild(t, {});
    CHECK(q.ids() == std::vector<std::uint32_t>{2, 5, 3, 1, 4}); // confidences .3 .5 .6 .9 .95
    ReviewFilter onlyB;
    onlyB.classId = 1;
    q.rebuild(t, onlyB);
    CHECK(q.ids() == std::vector<std::uint32_t>{2, 4});
    ReviewFilter range;
    range.minConfidence = 0.55f;
    range.maxConfidence = 0.92f;
    q.rebuild(t, range);
    CHECK(q.ids() == std::vector<std::uint32_t>{3, 1});
    // next() skips entries reviewed after the queue was built, and wraps.
    q.rebuild(t, {});
    q.setIndex(0);
    t.setFlags(std::size_t(t.rowOf(5)), kFlagUserReviewed);
    CHECK(q.current() == 2);
    CHECK(q.next(t) == 3);
    CHECK(q.previous(t) == 2);
    CHECK(q.previous(t) == 4);
}
