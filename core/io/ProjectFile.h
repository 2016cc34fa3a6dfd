#pragma once
#include "core/data/FrameDocument.h"
#include "core/data/Micrograph.h"

#include <string>
#include <vector>

namespace atomlens {

/// What a project remembers about the view (the GUI's; the CLI ignores it).
struct ProjectView {
    int frame = 0;
    double zoom = 0; ///< 0 = fit the image
    double centreX = 0, centreY = 0;
    double low = 0, high = 1, gamma = 1; ///< display range and gamma
    std::string colourMap = "grey";
};

/// An AtomLens project (`.atomlens`, JSON): the micrograph's path and, per frame, the measured atoms
/// with the user's decisions and labels, and the prediction layers with their model and input revision.
struct Project {
    /// Read: resolved (relative to the project first, then as stored). Write: the micrograph's path.
    std::string imagePath;
    /// Read: true when neither the relative nor the absolute image path exists (imagePath is then the
    /// stored absolute path, for the message and a "locate" dialog).
    bool imageMissing = false;
    std::vector<FrameDocument>
        frames;        ///< one per frame of the micrograph (frames without atoms may be empty)
    std::string model; ///< sub-model last applied
    std::string chain; ///< task chain (YAML) last run
    ProjectView view;
    std::string recoveredFrom; ///< the user's project an autosave belongs to ("" = none)
    /// A fine-tuned sub-model's card ("" = none): read resolved to an absolute path; written relative to
    /// the project and absolute. `fineTunedApplied`: it is the model in use, not only a candidate.
    std::string fineTunedModel;
    bool fineTunedApplied = false;
    Calibration calibration; ///< the user's pixel size when hasCalibration
    bool hasCalibration = false;
};

/// Writes a project atomically (temporary file, then rename): image path absolute and relative, per
/// frame the atoms by column, the user's labels listed apart, the prediction layers; models, chain,
/// pixel size override, fine-tuned model, view. Throws InputError naming the path on failure.
void writeProject(const std::string& path, const Project& project);

/// Reads a project (format 2, and format 1 files of earlier versions: one atom table, taken as frame 0).
/// Labels are applied to their atoms (a label is a reviewed atom of that class). Throws InputError naming
/// the file for malformed JSON, a wrong format tag, no image path, columns of different lengths,
/// non-finite positions, duplicate ids or a pixel size that is not a length.
Project readProject(const std::string& path);

/// A JSON summary for `atomlens-cli info PROJECT`: image (and whether it exists), per frame the atom,
/// label, rejected, user-added and per-class counts and the prediction layers, model, pixel size.
std::string projectSummaryJson(const Project& project, const std::string& path);

/// True when the file starts like a project (JSON with the atomlens-project format tag).
bool isProjectFile(const std::string& path);

} // namespace atomlens
