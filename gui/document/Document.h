#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Labels.h"
#include "core/data/Micrograph.h"

#include <QObject>
#include <QString>

#include <memory>

namespace atomlens::gui {

/// One open micrograph with what was found in it and what the user said about it. The GUI's single
/// source of truth: views observe it, commands change it on the GUI thread only.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    /// Replaces the micrograph (clears atoms and labels) and shows frame 0.
    void setMicrograph(std::shared_ptr<const Micrograph> micrograph);
    /// The micrograph as an immutable snapshot that workers may read while the GUI goes on.
    std::shared_ptr<const Micrograph> micrograph() const { return m_micrograph; }
    bool hasImage() const { return m_micrograph && !m_micrograph->frames.empty(); }
    const Image& currentImage() const { return m_micrograph->frame(m_frame); }
    int currentFrame() const { return m_frame; }
    void setCurrentFrame(int frame);

    const AtomTable& atoms() const { return m_atoms; }
    /// Replaces all atoms (e.g. after a detection run) and tells the views.
    void setAtoms(AtomTable atoms);
    /// Direct access for undo commands, which must call notifyAtomsChanged() afterwards.
    AtomTable& atomsForEdit() { return m_atoms; }
    void notifyAtomsChanged() { Q_EMIT atomsChanged(); }

    const Labels& labels() const { return m_labels; }
    Labels& labelsForEdit() { return m_labels; }

    QString filePath() const;

Q_SIGNALS:
    void micrographChanged();
    void frameChanged(int frame);
    void atomsChanged();

private:
    std::shared_ptr<const Micrograph> m_micrograph;
    int m_frame = 0;
    AtomTable m_atoms;
    Labels m_labels;
};

} // namespace atomlens::gui
