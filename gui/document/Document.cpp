#include "gui/document/Document.h"

#include <algorithm>

namespace atomlens::gui {

Document::Document(QObject* parent) : QObject(parent) {}

void Document::setMicrograph(std::shared_ptr<const Micrograph> micrograph) {
    m_micrograph = std::move(micrograph);
    m_frame = 0;
    m_atoms.clear();
    m_labels.clear();
    Q_EMIT micrographChanged();
    Q_EMIT atomsChanged();
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
    Q_EMIT atomsChanged();
}

QString Document::filePath() const {
    return m_micrograph ? QString::fromStdString(m_micrograph->sourcePath) : QString();
}

} // namespace atomlens::gui
