#pragma once
#include "core/data/AtomTable.h"
#include "core/data/FrameDocument.h"
#include "core/data/Labels.h"
#include "core/data/Micrograph.h"
#include "core/graph/LatticeGraph.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QUndoStack;

namespace atomlens::gui {

/// One open micrograph with what was found in it and what the user said about it. The GUI's single
/// source of truth: views observe it, commands (gui/edit) change it on the GUI thread only.
///
/// Per frame (a FrameDocument): the measured atoms with the user's decisions (flags user-added/moved/
/// reviewed/rejected; a reviewed atom's class is the user's label), which undo records, and the
/// prediction layers of background models keyed by model and input revision, which undo never touches
/// and which never overwrite a label. atoms() is what is shown: the label where there is one, else the
/// newest prediction, else the class a step the user ran gave the atom.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    /// Replaces the micrograph (one empty FrameDocument per frame; clears graph and undo history) and
    /// shows frame 0.
    void setMicrograph(std::shared_ptr<const Micrograph> micrograph);
    /// The micrograph as an immutable snapshot that workers may read while the GUI goes on.
    std::shared_ptr<const Micrograph> micrograph() const { return m_micrograph; }
    bool hasImage() const { return m_micrograph && !m_micrograph->frames.empty(); }
    const Image& currentImage() const { return m_micrograph->frame(m_frame); }
    int currentFrame() const { return m_frame; }
    /// The pixel size in use: the user's (Image > Set Pixel Size, kept in projects) when set, else the
    /// file's. Scale bars, tables, plots and exports use this one.
    Calibration calibration() const;
    /// Overrides the file's pixel size (uncalibrated JPEG/PNG/TIFF, or a wrong header); calibrationChanged.
    void setCalibration(const Calibration& calibration);
    bool hasCalibrationOverride() const { return m_hasCalibration; }
    void setCurrentFrame(int frame);

    /// The current frame's atoms as shown: labels, else predictions (composeShown). Same ids and rows
    /// as userAtoms().
    const AtomTable& atoms() const;
    /// The current frame's atoms with the user's decisions only (what undo records), no predictions.
    const AtomTable& userAtoms() const { return m_frames[std::size_t(m_frame)].atoms; }
    /// Replaces the current frame's atoms without undo (loading); use edit::replaceAtoms for user actions.
    void setAtoms(AtomTable atoms);
    /// Replaces every frame (loading a project); frames beyond the micrograph's are dropped, missing
    /// ones are empty.
    void setFrames(std::vector<FrameDocument> frames);
    /// Gives frame k atoms when it has none yet (a series analysis found them), without undo; false and
    /// nothing changed when the frame has atoms (the user's work is never replaced this way).
    bool fillFrame(int frame, AtomTable atoms);
    /// Frame k's atoms, decisions and prediction layers (k clamped to the frames).
    const FrameDocument& frameDocument(int frame) const;
    int frameCount() const { return int(m_frames.size()); }
    /// Direct access for undo commands, which must call notifyAtomsChanged() afterwards.
    AtomTable& atomsForEdit() { return m_frames[std::size_t(m_frame)].atoms; }
    /// Tells the views; `dirty` are positions whose surroundings changed (graph/predictions update
    /// there), empty for edits that moved nothing. Increases the current frame's revision.
    void notifyAtomsChanged(const std::vector<QPointF>& dirty = {});

    /// Stores a background model's prediction for `frame`, computed from `revision` of its atoms. A
    /// stale result (the frame's atoms changed since) is dropped: returns false and changes nothing.
    /// Not undoable; labels keep their class (the shown class is the label).
    bool applyPrediction(int frame, PredictionLayer layer);
    /// True while `frame`'s atoms are still at `revision` (a worker's snapshot is still current).
    bool isCurrent(int frame, quint64 revision) const;
    /// Drops the current frame's prediction layers (a step the user ran classified the atoms anew).
    void clearPredictions();

    /// The user's labels: every reviewed atom with a class (what fine-tuning learns from).
    Labels userLabels() const;
    /// Class names (the atoms' class list); editing goes through edit::setClassNames.
    QStringList classNames() const;

    /// The lattice graph of the current frame's atoms (null until built); may lag a few edits behind.
    std::shared_ptr<const LatticeGraph> graph() const { return m_graphs[std::size_t(m_frame)]; }
    void setGraph(std::shared_ptr<const LatticeGraph> graph);

    /// Ids whose class changed when a model was last applied (highlighted for comparison).
    const std::vector<std::uint32_t>& changedIds() const { return m_changedIds; }
    void setChangedIds(std::vector<std::uint32_t> ids);

    /// The sub-model (card path or name) last applied, recorded in projects.
    QString modelName() const { return m_modelName; }
    void setModelName(const QString& name) { m_modelName = name; }
    /// The task chain (YAML text) last run, recorded in projects.
    QString chainText() const { return m_chainText; }
    void setChainText(const QString& text) { m_chainText = text; }

    QUndoStack* undoStack() const { return m_undo; }
    /// The current frame's revision: increases with every change of its atoms (workers compare it to
    /// know their snapshot is stale).
    quint64 revision() const { return m_frames[std::size_t(m_frame)].revision; }
    QString filePath() const;

Q_SIGNALS:
    void micrographChanged();
    void frameChanged(int frame);
    void atomsChanged();
    /// After an edit that added, moved or removed atoms near these positions.
    void atomsMoved(const std::vector<QPointF>& dirty);
    void graphChanged();
    void changedIdsChanged();
    void calibrationChanged();

private:
    std::shared_ptr<const Micrograph> m_micrograph;
    int m_frame = 0;
    Calibration m_calibration;
    bool m_hasCalibration = false;
    std::vector<FrameDocument> m_frames{1};
    std::vector<std::shared_ptr<const LatticeGraph>> m_graphs{1};
    mutable AtomTable m_shown; ///< composeShown of the current frame, rebuilt when m_shownValid is false
    mutable bool m_shownValid = false;
    std::vector<std::uint32_t> m_changedIds;
    QString m_modelName, m_chainText;
    QUndoStack* m_undo;
    quint64 m_nextRevision = 1; ///< revisions are unique over all frames and micrographs
};

} // namespace atomlens::gui
