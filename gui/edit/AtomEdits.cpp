#include "gui/edit/AtomEdits.h"

#include "core/detect/RefineGaussian.h"
#include "core/job/JobContext.h"
#include "gui/document/Document.h"
#include "gui/edit/UndoCommand.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <memory>
#include <tuple>

namespace atomlens::gui::edit {
namespace {

/// Old and new values of some atoms (matched by id).
struct ValueDiff {
    std::vector<Atom> before, after;
};

std::vector<QPointF> positionsOf(const std::vector<Atom>& atoms) {
    std::vector<QPointF> out;
    out.reserve(atoms.size());
    for (const auto& a : atoms) out.emplace_back(a.x, a.y);
    return out;
}

void writeValues(Document& doc, const std::vector<Atom>& values, bool moved) {
    AtomTable& t = doc.atomsForEdit();
    for (const auto& a : values) {
        const auto row = t.rowOf(a.id);
        if (row >= 0) t.set(std::size_t(row), a);
    }
    doc.notifyAtomsChanged(moved ? positionsOf(values) : std::vector<QPointF>{});
}

Change valueChange(Document& doc, std::shared_ptr<ValueDiff> diff, bool moved) {
    Document* d = &doc;
    return {[d, diff, moved] { writeValues(*d, diff->after, moved); },
            [d, diff, moved] { writeValues(*d, diff->before, moved); }};
}

void insertAtoms(Document& doc, const std::vector<Atom>& atoms) {
    AtomTable& t = doc.atomsForEdit();
    for (const auto& a : atoms) t.add(a);
    doc.notifyAtomsChanged(positionsOf(atoms));
}

void removeAtoms(Document& doc, const std::vector<Atom>& atoms) {
    AtomTable& t = doc.atomsForEdit();
    std::vector<std::size_t> rows;
    for (const auto& a : atoms)
        if (const auto r = t.rowOf(a.id); r >= 0) rows.push_back(std::size_t(r));
    t.removeRows(rows);
    doc.notifyAtomsChanged(positionsOf(atoms));
}

/// Pushes an edit of the current frame: undo and redo first show that frame again, so they always
/// change the frame the edit was made on.
void pushEdit(Document& doc, const QString& text, std::vector<Change> changes) {
    Document* d = &doc;
    const int frame = doc.currentFrame();
    for (auto& c : changes) {
        c.redo = [d, frame, f = std::move(c.redo)] {
            d->setCurrentFrame(frame);
            f();
        };
        c.undo = [d, frame, f = std::move(c.undo)] {
            d->setCurrentFrame(frame);
            f();
        };
    }
    doc.undoStack()->push(new ChangeCommand(text, std::move(changes)));
}

/// Changes a per-atom value of the given ids through `modify`, records the difference, pushes it.
template <class Modify>
void modifyAtoms(Document& doc, const std::vector<std::uint32_t>& ids, const QString& text, Modify modify) {
    auto diff = std::make_shared<ValueDiff>();
    const AtomTable& t = doc.userAtoms(); // the user's state, never a prediction, is what undo records
    for (const auto id : ids) {
        const auto row = t.rowOf(id);
        if (row < 0) continue;
        Atom a = t.at(std::size_t(row));
        Atom b = a;
        modify(b);
        if (std::tie(a.classId, a.confidence, a.flags) == std::tie(b.classId, b.confidence, b.flags))
            continue;
        diff->before.push_back(a);
        diff->after.push_back(b);
    }
    if (diff->after.empty()) return;
    writeValues(doc, diff->after, false);
    pushEdit(doc, text, {valueChange(doc, diff, false)});
}

/// Re-refines the atoms near the given ids (refineAtomsNear) and returns what changed.
std::shared_ptr<ValueDiff> refineAround(Document& doc, const std::vector<std::uint32_t>& ids) {
    auto diff = std::make_shared<ValueDiff>();
    AtomTable& t = doc.atomsForEdit();
    std::vector<std::size_t> rows;
    for (const auto id : ids)
        if (const auto r = t.rowOf(id); r >= 0) rows.push_back(std::size_t(r));
    if (rows.empty() || !doc.hasImage()) return diff;
    // Copies of a few columns (a memcpy each) find the rows the refinement touched.
    const auto x = t.xs(), y = t.ys();
    const auto sigma = t.sigmas(), amplitude = t.amplitudes(), intensity = t.intensities();
    const auto uncertainty = t.uncertainties();
    const auto flags = t.flags();
    const auto errors = t.errors(), crlbs = t.crlbs();
    refineAtomsNear(doc.currentImage(), t, rows, RefineParams{}, nullJobContext());
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (x[i] == t.xs()[i] && y[i] == t.ys()[i] && sigma[i] == t.sigmas()[i] &&
            amplitude[i] == t.amplitudes()[i] && intensity[i] == t.intensities()[i] &&
            uncertainty[i] == t.uncertainties()[i] && flags[i] == t.flags()[i])
            continue;
        Atom after = t.at(i);
        Atom before = after;
        before.x = x[i], before.y = y[i], before.sigma = sigma[i], before.amplitude = amplitude[i];
        before.intensity = intensity[i], before.uncertainty = uncertainty[i], before.flags = flags[i];
        before.errors = errors[i], before.crlb = crlbs[i];
        diff->before.push_back(before);
        diff->after.push_back(after);
    }
    return diff;
}

} // namespace

void relabel(Document& doc, const std::vector<std::uint32_t>& ids, std::int32_t classId) {
    modifyAtoms(doc, ids,
                QCoreApplication::translate("AtomEdits", "Relabel %n atom(s)", nullptr, int(ids.size())),
                [classId](Atom& a) {
                    a.classId = classId;
                    a.confidence = 1.0f;
                    a.flags = (a.flags | kFlagUserReviewed) & ~std::uint32_t(kFlagRejected);
                });
}

void accept(Document& doc, const std::vector<std::uint32_t>& ids) {
    const AtomTable& shown = doc.atoms(); // the class shown (a prediction, maybe) becomes the label
    modifyAtoms(doc, ids, QCoreApplication::translate("AtomEdits", "Accept atoms"), [&shown](Atom& a) {
        if (const auto row = shown.rowOf(a.id); row >= 0) {
            a.classId = shown.classIds()[std::size_t(row)];
            a.confidence = shown.confidences()[std::size_t(row)];
        }
        a.flags = (a.flags | kFlagUserReviewed) & ~std::uint32_t(kFlagRejected);
    });
}

void reject(Document& doc, const std::vector<std::uint32_t>& ids) {
    modifyAtoms(doc, ids, QCoreApplication::translate("AtomEdits", "Reject atoms"),
                [](Atom& a) { a.flags |= kFlagRejected | kFlagUserReviewed; });
}

std::vector<std::uint32_t> applyPredictions(Document& doc, const AtomTable& predicted, const QString& what) {
    AtomTable& t = doc.atomsForEdit();
    auto oldNames = std::make_shared<std::vector<std::string>>(t.classNames());
    // Map the model's class ids onto the document's class list (names appended when new).
    std::vector<std::int32_t> mapped;
    for (const auto& name : predicted.classNames()) mapped.push_back(t.classIndex(name, true));
    auto diff = std::make_shared<ValueDiff>();
    std::vector<std::uint32_t> changed;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (predicted.flags()[i] & kFlagEmptySite) continue;
        const auto row = t.rowOf(predicted.ids()[i]);
        if (row < 0) continue;
        Atom a = t.at(std::size_t(row));
        if (a.flags & (kFlagUserReviewed | kFlagRejected)) continue; // a person decided: keep it
        const auto c = predicted.classIds()[i];
        Atom b = a;
        b.classId = c >= 0 && std::size_t(c) < mapped.size() ? mapped[std::size_t(c)] : -1;
        b.confidence = predicted.confidences()[i];
        if (b.classId == a.classId && b.confidence == a.confidence) continue;
        if (a.classId >= 0 && b.classId != a.classId) changed.push_back(a.id); // the model changed its mind
        diff->before.push_back(a);
        diff->after.push_back(b);
    }
    auto newNames = std::make_shared<std::vector<std::string>>(t.classNames());
    doc.clearPredictions(); // this model's classes replace what background models predicted
    if (!diff->after.empty() || *newNames != *oldNames) {
        writeValues(doc, diff->after, false);
        Document* d = &doc;
        Change names{[d, newNames] { d->atomsForEdit().setClassNames(*newNames); },
                     [d, oldNames] { d->atomsForEdit().setClassNames(*oldNames); }};
        pushEdit(doc, what, {names, valueChange(doc, diff, false)});
    }
    return changed;
}

std::uint32_t addAtom(Document& doc, QPointF position, std::int32_t classId, bool keepUnlessColumn) {
    Atom a;
    a.x = position.x();
    a.y = position.y();
    a.classId = classId;
    a.confidence = classId >= 0 ? 1.0f : 0.0f;
    a.flags = kFlagUserAdded | (classId >= 0 ? kFlagUserReviewed : 0u);
    AtomTable& t = doc.atomsForEdit();
    a.id = t.add(a);
    auto added = std::make_shared<std::vector<Atom>>(1, a);
    auto refined = refineAround(doc, {a.id});
    if (keepUnlessColumn)
        for (Atom& after : refined->after) {
            if (after.id != a.id) continue;
            const double moved = std::hypot(after.x - a.x, after.y - a.y);
            if ((after.flags & kFlagFitFailed) || moved > std::max(1.5, double(after.sigma))) {
                after.x = a.x, after.y = a.y; // no column here: the site stays where the user put it
                if (const auto row = t.rowOf(a.id); row >= 0) t.set(std::size_t(row), after);
            }
        }
    doc.notifyAtomsChanged({position});
    Document* d = &doc;
    Change insert{[d, added] { insertAtoms(*d, *added); }, [d, added] { removeAtoms(*d, *added); }};
    pushEdit(doc, QCoreApplication::translate("AtomEdits", "Add atom"),
             {insert, valueChange(doc, refined, true)});
    return a.id;
}

void moveAtom(Document& doc, std::uint32_t id, QPointF position) {
    AtomTable& t = doc.atomsForEdit();
    const auto row = t.rowOf(id);
    if (row < 0) return;
    auto move = std::make_shared<ValueDiff>();
    move->before.push_back(t.at(std::size_t(row)));
    Atom b = move->before.back();
    b.x = position.x();
    b.y = position.y();
    b.flags |= kFlagUserMoved;
    move->after.push_back(b);
    t.set(std::size_t(row), b);
    auto refined = refineAround(doc, {id});
    doc.notifyAtomsChanged({QPointF(move->before[0].x, move->before[0].y), position});
    pushEdit(doc, QCoreApplication::translate("AtomEdits", "Move atom"),
             {valueChange(doc, move, true), valueChange(doc, refined, true)});
}

void deleteAtoms(Document& doc, const std::vector<std::uint32_t>& ids) {
    auto removed = std::make_shared<std::vector<Atom>>();
    for (const auto id : ids)
        if (const auto r = doc.userAtoms().rowOf(id); r >= 0)
            removed->push_back(doc.userAtoms().at(std::size_t(r)));
    if (removed->empty()) return;
    removeAtoms(doc, *removed);
    Document* d = &doc;
    pushEdit(doc,
             QCoreApplication::translate("AtomEdits", "Delete %n atom(s)", nullptr, int(removed->size())),
             {{[d, removed] { removeAtoms(*d, *removed); }, [d, removed] { insertAtoms(*d, *removed); }}});
}

void replaceAtoms(Document& doc, AtomTable atoms, const QString& what) {
    auto other = std::make_shared<AtomTable>(std::move(atoms));
    Document* d = &doc;
    auto swap = [d, other] {
        std::swap(d->atomsForEdit(), *other);
        d->clearPredictions();
        d->setGraph(nullptr);
        d->notifyAtomsChanged();
    };
    swap();
    pushEdit(doc, what, {{swap, swap}});
}

void setClassNames(Document& doc, const std::vector<std::string>& names) {
    AtomTable& t = doc.atomsForEdit();
    auto oldNames = std::make_shared<std::vector<std::string>>(t.classNames());
    auto newNames = std::make_shared<std::vector<std::string>>(names);
    // A removed class (fewer names, or a name gone) leaves its atoms unclassified; renames keep ids.
    auto diff = std::make_shared<ValueDiff>();
    if (names.size() < oldNames->size())
        for (std::size_t i = 0; i < t.size(); ++i) {
            const auto c = t.classIds()[i];
            if (c < 0) continue;
            const auto& name = (*oldNames)[std::size_t(c)];
            const auto it = std::find(names.begin(), names.end(), name);
            const std::int32_t next = it == names.end() ? -1 : std::int32_t(it - names.begin());
            if (next == c) continue;
            Atom a = t.at(i), b = a;
            b.classId = next;
            if (next < 0) b.confidence = 0;
            diff->before.push_back(a);
            diff->after.push_back(b);
        }
    Document* d = &doc;
    auto setNames = [d](const std::vector<std::string>& n) { d->atomsForEdit().setClassNames(n); };
    Change rename{[setNames, newNames] { setNames(*newNames); },
                  [setNames, oldNames] { setNames(*oldNames); }};
    rename.redo();
    writeValues(doc, diff->after, false);
    pushEdit(doc, QCoreApplication::translate("AtomEdits", "Edit classes"),
             {rename, valueChange(doc, diff, false)});
}

} // namespace atomlens::gui::edit
