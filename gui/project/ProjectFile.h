#pragma once
#include "core/data/AtomTable.h"
#include "gui/view/DisplaySettings.h"

#include <QPointF>
#include <QString>

namespace atomlens::gui {

class Document;

/// What a project remembers about the view.
struct ProjectView {
    int frame = 0;
    double zoom = 0; ///< 0 = fit the image
    QPointF centre;
    DisplaySettings display;
};

/// A project read from disk (the micrograph itself is read from imagePath afterwards).
struct ProjectContents {
    QString imagePath; ///< resolved: relative to the project first, then as stored
    AtomTable atoms;   ///< with flags: reviewed/added/moved/rejected atoms are the user's decisions
    QString model;     ///< sub-model last applied
    QString chain;     ///< task chain (YAML) last run
    ProjectView view;
};

/// Writes a project (JSON: image path absolute and relative, atoms by column, the user's labels
/// listed apart from predictions, models, chain, view state) atomically.
/// Throws InputError naming the path when it cannot be written.
void saveProject(const QString& path, const Document& document, const ProjectView& view);

/// Reads a project; throws InputError naming the file for malformed JSON, a wrong format tag,
/// columns of different lengths, non-finite positions or duplicate ids.
ProjectContents readProject(const QString& path);

} // namespace atomlens::gui
