#include "gui/controllers/ProjectController.h"

#include "core/data/Errors.h"
#include "gui/controllers/ImageLoader.h"
#include "gui/controllers/RecentFiles.h"
#include "gui/document/Document.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <memory>

namespace atomlens::gui {

ProjectController::ProjectController(Document* document, ImageLoader* loader, RecentFiles* recent,
                                     FewShotTrainer* fewShot, GraphUpdater* graph, QWidget* dialogParent)
    : QObject(dialogParent), m_doc(document), m_loader(loader), m_recent(recent), m_fewShot(fewShot),
      m_graph(graph), m_dialogParent(dialogParent), m_autosave(new QTimer(this)) {
    // A new image is not a project (a project's restore sets its path and state right after).
    connect(m_loader, &ImageLoader::loaded, this, [this](const QString& path, bool project) {
        m_modified = false;
        if (project) return;
        m_projectPath.clear();
        m_recent->add(path);
        Q_EMIT titleChanged();
    });
    m_autosave->setInterval(2 * 60 * 1000);
    connect(m_autosave, &QTimer::timeout, this, &ProjectController::autosaveNow);
    m_autosave->start();
}

bool ProjectController::isModified() const {
    return m_modified || !m_doc->undoStack()->isClean();
}

void ProjectController::markModified() {
    m_modified = true;
    Q_EMIT titleChanged();
}

bool ProjectController::maybeSave() {
    if (m_quiet || !m_doc->hasImage() || !isModified()) return true;
    const auto answer = QMessageBox::question(
        m_dialogParent, tr("AtomLens"),
        tr("%1 has unsaved changes (edits, review decisions or labels). Save the project first?")
            .arg(QFileInfo(m_projectPath.isEmpty() ? m_doc->filePath() : m_projectPath).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return saveDialog(false);
    return true;
}

ProjectView ProjectController::currentView() const {
    if (m_view.current) return m_view.current();
    ProjectView v;
    v.frame = m_doc->currentFrame();
    return v;
}

ProjectExtras ProjectController::extras(const QString& path) {
    ProjectExtras extras;
    if (!m_fewShot->hasCandidate()) return extras;
    // The fine-tuned model goes next to the project ("<name>.models/fine-tuned.yaml + .pt").
    const QFileInfo info(path);
    const QString folder =
        info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".models");
    QString card;
    const QString error = m_fewShot->writeCandidate(folder, QStringLiteral("fine-tuned"), &card);
    if (!error.isEmpty())
        throw InputError(path.toStdString(), "fine-tuned model not saved: " + error.toStdString());
    extras.fineTunedModel = info.absoluteDir().relativeFilePath(card);
    extras.fineTunedApplied = m_fewShot->candidateApplied();
    return extras;
}

bool ProjectController::saveTo(const QString& path) {
    try {
        saveProject(path, *m_doc, currentView(), extras(path));
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    m_projectPath = path;
    m_modified = false;
    m_doc->undoStack()->setClean();
    m_recent->add(path);
    Q_EMIT titleChanged();
    Q_EMIT status(tr("Saved %1").arg(path), 5000);
    return true;
}

bool ProjectController::saveDialog(bool saveAs) {
    if (!m_doc->hasImage()) return false;
    QString path = m_projectPath;
    if (saveAs || path.isEmpty()) {
        const QString base = QFileInfo(m_doc->filePath()).completeBaseName();
        path = QFileDialog::getSaveFileName(m_dialogParent, tr("Save Project"),
                                            base + QStringLiteral(".atomlens"),
                                            tr("AtomLens projects (*.atomlens)"));
        if (path.isEmpty()) return false;
    }
    return saveTo(path);
}

void ProjectController::open(const QString& path) {
    if (!maybeSave()) return;
    load(path, false);
}

QString ProjectController::locateImage(const QString& missing, const QString& project) {
    if (m_imageLocator) return m_imageLocator(missing);
    if (m_quiet) return {};
    QMessageBox box(QMessageBox::Warning, tr("AtomLens"),
                    tr("The micrograph of %1 is not where it was:\n%2\n\nLocate it to open the project "
                       "(its atoms, labels and decisions are kept).")
                        .arg(QFileInfo(project).fileName(), missing),
                    QMessageBox::Cancel, m_dialogParent);
    QPushButton* locate = box.addButton(tr("Locate Image..."), QMessageBox::AcceptRole);
    box.setDefaultButton(locate);
    box.exec();
    if (box.clickedButton() != locate) return {};
    const QString name = QFileInfo(missing).fileName();
    return QFileDialog::getOpenFileName(m_dialogParent, tr("Locate Image"), QFileInfo(project).absolutePath(),
                                        tr("%1 (%1);;All files (*)").arg(name));
}

void ProjectController::load(const QString& path, bool recovery) {
    ProjectContents contents;
    try {
        contents = readProject(path);
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    const bool relocated = contents.imageMissing;
    if (relocated) {
        const QString located = locateImage(contents.imagePath, path);
        if (located.isEmpty()) {
            Q_EMIT errorOccurred(
                tr("%1: its micrograph %2 was not found (moved or renamed?). Open the project again "
                   "and choose Locate Image... to say where it is now.")
                    .arg(path, contents.imagePath));
            return;
        }
        contents.imagePath = located;
    }
    auto shared = std::make_shared<ProjectContents>(std::move(contents));
    // Restore atoms and view once the image is read (on a worker, like any file); nothing changes when
    // the image cannot be read.
    m_loader->load(shared->imagePath, -1, [this, shared, path, recovery, relocated] {
        // A recovered autosave continues as the user's project (or as a new, unsaved one).
        m_projectPath = recovery ? shared->extras.recoveredFrom : path;
        m_recent->add(m_projectPath);
        m_doc->setFrames(std::move(shared->frames));
        m_doc->setModelName(shared->model);
        m_doc->setChainText(shared->chain);
        m_doc->setCurrentFrame(shared->view.frame);
        if (shared->hasCalibration) m_doc->setCalibration(shared->calibration);
        if (m_view.restore) m_view.restore(shared->view);
        m_graph->schedule();
        if (!shared->extras.fineTunedModel.isEmpty())
            m_fewShot->restoreCandidate(shared->extras.fineTunedModel, shared->extras.fineTunedApplied);
        m_doc->undoStack()->setClean();
        // Recovered work and a relocated image are not saved yet: the title shows it and Quit asks.
        m_modified = recovery || relocated;
        Q_EMIT titleChanged();
        if (recovery)
            Q_EMIT status(tr("Recovered the autosaved work (not saved yet): File > Save Project keeps it."),
                          15000);
        Q_EMIT projectOpened(path);
    });
}

QString ProjectController::autosavePath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/autosave.atomlens");
}

QString ProjectController::autosaveNow() {
    if (!m_doc->hasImage() || !isModified()) return {};
    try {
        ProjectExtras e = extras(autosavePath());
        e.recoveredFrom = m_projectPath.isEmpty() ? QString() : QFileInfo(m_projectPath).absoluteFilePath();
        saveProject(autosavePath(), *m_doc, currentView(), e);
    } catch (const std::exception& e) {
        Q_EMIT status(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())), 8000);
        return {};
    }
    return autosavePath();
}

bool ProjectController::recoverAutosave() {
    const QString path = autosavePath();
    if (!QFile::exists(path)) return false;
    if (!m_quiet &&
        QMessageBox::question(m_dialogParent, tr("AtomLens"),
                              tr("AtomLens did not close properly last time. Recover the autosaved work?")) !=
            QMessageBox::Yes) {
        QFile::remove(path);
        return false;
    }
    load(path, true);
    return true;
}

} // namespace atomlens::gui
