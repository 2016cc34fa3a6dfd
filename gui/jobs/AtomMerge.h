#pragma once
#include "core/data/AtomTable.h"

namespace atomlens::gui {

/// The atoms analyses should see: rejected detections left out (and empty ideal sites too when
/// dropEmptySites), ids and values kept.
AtomTable activeAtoms(const AtomTable& atoms, bool dropEmptySites = false);

/// A fresh detection merged with what the user did: atoms the user added, moved or reviewed are kept
/// (with their classes) and detections closer than half their sigma-scaled radius to one of them are
/// dropped, so re-running detection never erases a human decision. Class names are the old table's.
AtomTable keepUserAtoms(AtomTable detected, const AtomTable& previous);

} // namespace atomlens::gui
