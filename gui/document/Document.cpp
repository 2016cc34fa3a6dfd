#include "gui/document/Document.h"

#include <QUndoStack>

#include <algorithm>

namespace atomlens::gui {

Document::Document(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

void Document::setMicrograph(std::shared_ptr<const Micrograph> micrograph) {
    m_micrograph = std::move(micrograph);
    m_frame = 0;
    m_hasCalibration = false;
    const std::size_t frames = m_micrograph ? std::max<std::size_t>(1, m_micrograph->frames.size()) : 1;
    m_frames.assign(frames, FrameDocument{});
    for (auto& f : m_frames) f.revision = m_nextRevision++;
    m_graphs.assign(frames, nullptr);
    m_shownValid = false;
    m_changedIds.clear();
    m_modelName.clear();
    m_undo->clear();
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
    frame = std::clamp(frame, 0, int(m_frames.size()) - 1);
    if (frame == m_frame) return;
    m_frame = frame;
    m_shownValid = false;
    m_changedIds.clear();
    Q_EMIT frameChanged(frame);
    Q_EMIT atomsChanged();
    Q_EMIT graphChanged();
    Q_EMIT changedIdsChanged();
}

const AtomTable& Document::atoms() const {
    const FrameDocument& f = m_frames[std::size_t(m_frame)];
    if (f.predictions.empty()) return f.atoms;
    if (!m_shownValid) {
        m_shown = composeShown(f.atoms, f.predictions);
        m_shownValid = true;
    }
    return m_shown;
}

const FrameDocument& Document::frameDocument(int frame) const {
    return m_frames[std::size_t(std::clamp(frame, 0, int(m_frames.size()) - 1))];
}

void Document::setAtoms(AtomTable atoms) {
    FrameDocument& f = m_frames[std::size_t(m_frame)];
    f.atoms = std::move(atoms);
    f.predictions.clear();
    f.revision = m_nextRevision++;
    m_graphs[std::size_t(m_frame)].reset();
    m_shownValid = false;
    Q_EMIT atomsChanged();
    Q_EMIT graphChanged();
}

void Document::setFrames(std::vector<FrameDocument> frames) {
    frames.resize(m_frames.size());
    m_frames = std::move(frames);
    for (auto& f : m_frames) f.revision = m_nextRevision++; // prediction layers keep the revision they had
    m_graphs.assign(m_frames.size(), nullptr);
    m_shownValid = false;
    Q_EMIT atomsChanged();
    Q_EMIT graphChanged();
}

bool Document::fillFrame(int frame, AtomTable atoms) {
    if (frame < 0 || frame >= int(m_frames.size()) || !m_frames[std::size_t(frame)].atoms.empty())
        return false;
    FrameDocument& f = m_frames[std::size_t(frame)];
    f.atoms = std::move(atoms);
    f.predictions.clear();
    f.revision = m_nextRevision++;
    m_graphs[std::size_t(frame)].reset();
    if (frame == m_frame) {
        m_shownValid = false;
        Q_EMIT atomsChanged();
        Q_EMIT graphChanged();
    }
    return true;
}

void Document::notifyAtomsChanged(const std::vector<QPointF>& dirty) {
    m_frames[std::size_t(m_frame)].revision = m_nextRevision++;
    m_shownValid = false;
    Q_EMIT atomsChanged();
    if (!dirty.empty()) Q_EMIT atomsMoved(dirty);
}

bool Document::isCurrent(int frame, quint64 revision) const {
    return frame >= 0 && frame < int(m_frames.size()) && m_frames[std::size_t(frame)].revision == revision;
}

bool Document::applyPrediction(int frame, PredictionLayer layer) {
    if (!isCurrent(frame, layer.revision)) return false;
    FrameDocument& f = m_frames[std::size_t(frame)];
    // The class list is shared by labels and predictions (names only, so that a class id means the same
    // in atoms() and userAtoms()).
    for (const auto& name : layer.classNames) f.atoms.classIndex(name, true);
    f.setPrediction(layer);
    if (frame == m_frame) {
        m_shownValid = false;
        Q_EMIT atomsChanged();
    }
    return true;
}

void Document::clearPredictions() {
    FrameDocument& f = m_frames[std::size_t(m_frame)];
    if (f.predictions.empty()) return;
    f.predictions.clear();
    m_shownValid = false;
    Q_EMIT atomsChanged();
}

Labels Document::userLabels() const {
    return userLabelsOf(userAtoms());
}

QStringList Document::classNames() const {
    QStringList names;
    for (const auto& n : atoms().classNames()) names << QString::fromStdString(n);
    return names;
}

void Document::setGraph(std::shared_ptr<const LatticeGraph> graph) {
    m_graphs[std::size_t(m_frame)] = std::move(graph);
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
