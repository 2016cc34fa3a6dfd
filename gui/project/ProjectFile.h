#pragma once
#include "core/data/FrameDocument.h"
#include "core/data/Micrograph.h"
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

/// What a project stores besides the document and the view.
struct ProjectExtras {
    /// The user's project an autosave belongs to ("" = none); recovery continues under that path.
    QString recoveredFrom;
    /// A fine-tuned sub-model's card, relative to the project file ("" = none), and whether it is the
    /// model in use (applied) or only a candidate waiting for "Apply & compare".
    QString fineTunedModel;
    bool fineTunedApplied = false;
};

/// A project read from disk (the micrograph itself is read from imagePath afterwards).
struct ProjectContents {
    QString imagePath; ///< resolved: relative to the project first, then as stored
    /// True when neither the relative nor the absolute image path exists (the micrograph moved):
    /// imagePath is then the stored absolute path, for the message and the "Locate Image" dialog.
    bool imageMissing = false;
    /// Per frame: atoms with the user's decisions (flags; labels applied) and prediction layers.
    std::vector<FrameDocument> frames;
    QString model; ///< sub-model last applied
    QString chain; ///< task chain (YAML) last run
    ProjectView view;
    ProjectExtras extras; ///< fineTunedModel resolved to an absolute path
    /// The user's pixel size (Image > Set Pixel Size), when set.
    Calibration calibration;
    bool hasCalibration = false;
};

/// The GUI's side of core/io/ProjectFile (the format lives there, Qt-free, and the CLI reads it too).
/// Writes a project (JSON: image path absolute and relative, per frame the atoms by column, the
/// user's labels listed apart, prediction layers with model and revision; models, chain, pixel size,
/// fine-tuned model, view state) atomically.
/// Throws InputError naming the path when it cannot be written.
void saveProject(const QString& path, const Document& document, const ProjectView& view,
                 const ProjectExtras& extras = {});

/// Reads a project (also the one-table files of earlier versions); throws InputError naming the file for
/// malformed JSON, a wrong format tag, no image path, columns of different lengths, non-finite
/// positions or duplicate ids.
ProjectContents readProject(const QString& path);

} // namespace atomlens::gui
