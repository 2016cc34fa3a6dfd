#pragma once
#include "core/data/AtomTable.h"

#include <QPointF>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens::gui {

class Document;

/// Every user edit of a document's atoms. Each function applies the edit at once and pushes one undo
/// command holding only the difference, so undo/redo stay instant with 10^5 atoms. GUI thread only.
namespace edit {

/// Gives atoms a class as a user decision (marked reviewed, confidence 1, no longer rejected).
void relabel(Document& doc, const std::vector<std::uint32_t>& ids, std::int32_t classId);
/// Marks atoms reviewed, keeping their class (the prediction becomes the user's label).
void accept(Document& doc, const std::vector<std::uint32_t>& ids);
/// Marks atoms rejected (false detections): kept for undo and statistics, left out of analyses.
void reject(Document& doc, const std::vector<std::uint32_t>& ids);
/// Sets model predictions on the given rows' atoms; reviewed atoms keep the user's class. The class
/// names are mapped onto the document's (appended when new). Returns the ids whose earlier
/// class (a previous model's) changed, for highlighting.
std::vector<std::uint32_t> applyPredictions(Document& doc, const AtomTable& predicted, const QString& what);
/// Adds an atom at a position (user-added), then re-refines it and its neighbours locally.
/// `keepUnlessColumn`: a label placed where no node was (issue 14): the refined position is kept only
/// when the fit found a column within max(1.5 px, sigma) of the click; otherwise the site stays where
/// the user put it (a vacancy the user labels has no column to fit).
std::uint32_t addAtom(Document& doc, QPointF position, std::int32_t classId = -1,
                      bool keepUnlessColumn = false);
/// Moves an atom (user-moved), then re-refines it and its neighbours locally.
void moveAtom(Document& doc, std::uint32_t id, QPointF position);
/// Removes atoms (undo puts them back with their ids and values).
void deleteAtoms(Document& doc, const std::vector<std::uint32_t>& ids);
/// Replaces all atoms (a detection run). The one edit that keeps the previous table for undo.
void replaceAtoms(Document& doc, AtomTable atoms, const QString& what);
/// Renames, adds or removes class names; atoms of a removed class become unclassified.
void setClassNames(Document& doc, const std::vector<std::string>& names);

} // namespace edit
} // namespace atomlens::gui
