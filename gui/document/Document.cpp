#include "gui/document/Document.h"

#include <QUndoStack>

#include <algorithm>

namespace atomlens::gui {

Document::Document(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

void Document::setMicrograph(std::shared_ptr<const Micrograph> micrograph) {
    m_micrograph = std::move(micrograph);
    m_frame = 0;
    m_hasCalibration = false;
    m_atoms.clear();
    m_graph.reset();
    m_changedIds.clear();
    m_modelName.clear();
    m_undo->clear();
    ++m_revision;
    Q_EMIT micrographChanged();
    Q_EMIT atomsChanged();
    Q_EMIT graphChanged();
}

Calibration Document::calibration() const {
    if (m_hasCalibration) return m_calibration;
    return m_micrograph ? m_micrograph->calibration : Calibration{};
}

void Document::setCalibration(const Calibration& calibration) {
    m_calibration = calibration;
    m_hasCalibration = true;
    Q_EMIT calibrationChanged();
}

void Document::setCurrentFrame(int frame) {
    if (!hasImage()) return;
    frame = std::clamp(frame, 0, m_micrograph->frameCount() - 1);
    if (frame == m_frame) return;
    m_frame = frame;
    Q_EMIT frameChanged(frame);
}

void Document::setAtoms(AtomTable atoms) {
    m_atoms = std::move(atoms);
    m_graph.reset();
    ++m_revision;
    Q_EMIT atomsChanged();
    Q_EMIT graphChanged();
}

void Document::notifyAtomsChanged(const std::vector<QPointF>& dirty) {
    ++m_revision;
    Q_EMIT atomsChanged();
    if (!dirty.empty()) Q_EMIT atomsMoved(dirty);
}

Labels Document::userLabels() const {
    Labels labels;
    for (std::size_t i = 0; i < m_atoms.size(); ++i) {
        const auto flags = m_atoms.flags()[i];
        if (!(flags & kFlagUserReviewed) || (flags & kFlagRejected) || m_atoms.classIds()[i] < 0) continue;
        labels.add({m_atoms.xs()[i], m_atoms.ys()[i], m_atoms.className(m_atoms.classIds()[i]),
                    std::int64_t(m_atoms.ids()[i])});
    }
    return labels;
}

QStringList Document::classNames() const {
    QStringList names;
    for (const auto& n : m_atoms.classNames()) names << QString::fromStdString(n);
    return names;
}

void Document::setGraph(std::shared_ptr<const LatticeGraph> graph) {
    m_graph = std::move(graph);
    Q_EMIT graphChanged();
}

void Document::setChangedIds(std::vector<std::uint32_t> ids) {
    m_changedIds = std::move(ids);
    Q_EMIT changedIdsChanged();
}

QString Document::filePath() const {
    return m_micrograph ? QString::fromStdString(m_micrograph->sourcePath) : QString();
}

} // namespace atomlens::gui
