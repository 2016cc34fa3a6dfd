#include "gui/controllers/FileController.h"

#include "core/io/MicrographReader.h"
#include "gui/controllers/ImageLoader.h"
#include "gui/controllers/ProjectController.h"
#include "gui/controllers/RecentFiles.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"

#include <QActionGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QUndoStack>

namespace atomlens::gui {

FileController::FileController(Document* document, ImageLoader* loader, RecentFiles* recent,
                               ProjectController* projects, StepRunner* steps, QWidget* dialogParent)
    : QObject(dialogParent), m_doc(document), m_loader(loader), m_recent(recent), m_projects(projects),
      m_steps(steps), m_dialogParent(dialogParent) {
    connect(m_loader, &ImageLoader::loaded, this, [this](const QString& path, bool project) {
        Q_EMIT fileOpened(path);
        if (!project) detectOnOpen();
    });
    // Each frame has its own atoms: a frame shown for the first time is detected like a new file.
    connect(m_doc, &Document::frameChanged, this, [this] {
        if (m_autoDetect && m_doc->userAtoms().empty() && !m_steps->jobs()->isBusy()) m_steps->detect();
    });
    connect(m_recent, &RecentFiles::changed, this, &FileController::updateRecentMenu);
    connect(m_doc, &Document::micrographChanged, this, &FileController::updateSignalMenu);
}

void FileController::openFile(const QString& path) {
    if (!m_projects->maybeSave()) return;
    m_loader->load(path);
}

void FileController::open(const QString& path) {
    path.endsWith(QLatin1String(".atomlens")) ? m_projects->open(path) : openFile(path);
}

void FileController::openDialog() {
    QStringList patterns;
    for (const auto& e : supportedExtensions()) patterns << QStringLiteral("*") + QString::fromStdString(e);
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Open Micrograph or Project"), QString(),
        tr("Micrographs and projects (%1 *.atomlens);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
    if (!path.isEmpty()) open(path);
}

bool FileController::openSignal(int signal) {
    if (!m_doc->hasImage() || signal < 0 || signal >= int(m_doc->micrograph()->signals.size())) return false;
    if (!m_projects->maybeSave()) return false;
    m_loader->load(m_doc->filePath(), signal);
    return true;
}

void FileController::setMenus(QMenu* recent, QMenu* signal) {
    m_recentMenu = recent;
    m_signalMenu = signal;
    updateRecentMenu();
    updateSignalMenu();
}

void FileController::updateRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList recent = m_recent->paths();
    for (const QString& f : recent)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { open(f); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void FileController::updateSignalMenu() {
    if (!m_signalMenu) return;
    m_signalMenu->clear();
    const auto m = m_doc->micrograph();
    const bool several = m && m->signals.size() > 1;
    m_signalMenu->setEnabled(several);
    if (!several) return;
    auto* group = new QActionGroup(m_signalMenu);
    for (std::size_t i = 0; i < m->signals.size(); ++i) {
        const QString name = QString::fromStdString(m->signals[i]);
        QAction* a = m_signalMenu->addAction(name, this, [this, i] { openSignal(int(i)); });
        a->setCheckable(true);
        a->setChecked(m->signals[i] == m->title);
        group->addAction(a);
    }
}

void FileController::detectOnOpen() {
    if (!m_autoDetect || !m_steps->detect()) return;
    // The detection on open is part of opening: the result counts as unchanged (Open and Quit do not
    // ask about it) unless the user edits while it runs.
    connect(
        m_steps->jobs(), &JobRunner::finished, this,
        [this, micrograph = m_doc->micrograph()](bool ok) {
            if (ok && m_doc->micrograph() == micrograph && m_doc->undoStack()->count() == 1)
                m_doc->undoStack()->setClean();
        },
        Qt::SingleShotConnection);
    Q_EMIT status(tr("Detecting atoms... (the window stays usable; Esc cancels)"), 0);
}

} // namespace atomlens::gui
