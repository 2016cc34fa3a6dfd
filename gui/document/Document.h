#pragma once
#include "core/data/AtomTable.h"
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
/// User decisions live in the atoms' flags (kFlagUserReviewed, kFlagUserAdded, kFlagRejected):
/// a reviewed atom's class is the user's label and model output never overwrites it.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    /// Replaces the micrograph (clears atoms, graph and undo history) and shows frame 0.
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

    const AtomTable& atoms() const { return m_atoms; }
    /// Replaces all atoms without undo (loading a project); use edit::replaceAtoms for user actions.
    void setAtoms(AtomTable atoms);
    /// Direct access for undo commands, which must call notifyAtomsChanged() afterwards.
    AtomTable& atomsForEdit() { return m_atoms; }
    /// Tells the views; `dirty` are positions whose surroundings changed (graph/predictions update
    /// there), empty for edits that moved nothing.
    void notifyAtomsChanged(const std::vector<QPointF>& dirty = {});

    /// The user's labels: every reviewed atom with a class (what fine-tuning learns from).
    Labels userLabels() const;
    /// Class names (the atoms' class list); editing goes through edit::setClassNames.
    QStringList classNames() const;

    /// The lattice graph of the current atoms (null until built); may lag a few edits behind.
    std::shared_ptr<const LatticeGraph> graph() const { return m_graph; }
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
    /// Increases with every change of the atoms (workers compare it to know their snapshot is stale).
    quint64 revision() const { return m_revision; }
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
    AtomTable m_atoms;
    std::shared_ptr<const LatticeGraph> m_graph;
    std::vector<std::uint32_t> m_changedIds;
    QString m_modelName, m_chainText;
    QUndoStack* m_undo;
    quint64 m_revision = 0;
};

} // namespace atomlens::gui
