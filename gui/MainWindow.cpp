#include "gui/MainWindow.h"

#include "core/data/Errors.h"
#include "core/io/MicrographReader.h"
#include "gui/document/Document.h"
#include "gui/jobs/Analysis.h"
#include "gui/jobs/DopantFinder.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/plots/PlotPanel.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"
#include "gui/view/VacancyLineLayer.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QtConcurrent>

#include <cmath>

namespace atomlens::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_view(new ImageView(this)),
      m_analysis(new Analysis(m_document, this)), m_autosave(new QTimer(this)) {
    setCentralWidget(m_view);
    setAcceptDrops(true);
    resize(1280, 860);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorReadout"));
    statusBar()->addPermanentWidget(m_cursorLabel);
    m_dopantFinder = new DopantFinder(m_document, m_view, this);
    connect(m_dopantFinder, &DopantFinder::found, this, [this](const QString& summary) {
        statusBar()->showMessage(summary, 15000);
        addLog(tr("Find dopants"), LogEntry::Info, summary);
    });
    m_series = new SeriesTracking(this);
    connect(m_series, &SeriesTracking::finished, this, [this](bool ok, const QString& message) {
        statusBar()->showMessage(ok ? m_series->summary() : message, 15000);
        if (!ok && !message.endsWith(tr("cancelled"))) Q_EMIT errorOccurred(message);
        // Each frame shows what the tracking found on it (atoms and empty sites), where the user has
        // no atoms of their own yet.
        if (const auto sites = m_series->sites(); ok && sites &&
                                                  m_series->mode() == SeriesTracking::Mode::Sites &&
                                                  int(sites->points.size()) == m_document->frameCount())
            for (int k = 0; k < m_document->frameCount(); ++k)
                m_document->fillFrame(k, SeriesTracking::trackedAtoms(*sites, k));
        if (ok && m_plots) {
            m_series->showIn(*m_plots);
            for (QDockWidget* d : m_docks)
                if (d->widget() == m_plots) d->raise();
        }
    });
    m_vacancyLines = new VacancyLineLayer(m_document, m_view, m_series, this);
    buildUi();
    updateTitle();
    connect(m_view, &ImageView::cursorMoved, this, &MainWindow::updateCursorReadout);
    connect(m_view, &ImageView::clicked, this,
            [this](QPointF p, ImageView::Tool t) { handleClick(p, int(t)); });
    connect(m_view, &ImageView::dragged, this, &MainWindow::handleDrag);
    connect(m_view, &ImageView::lassoFinished, this, &MainWindow::handleLasso);
    connect(m_document, &Document::micrographChanged, this, &MainWindow::showMicrograph);
    connect(m_document, &Document::frameChanged, this, &MainWindow::refreshImage);
    connect(m_document, &Document::frameChanged, this, [this](int frame) {
        if (m_frameSlider && m_frameSlider->value() != frame) {
            m_frameSlider->blockSignals(true);
            m_frameSlider->setValue(frame);
            m_frameSlider->blockSignals(false);
        }
        // Each frame has its own atoms: a frame shown for the first time is detected like a new file.
        if (m_autoDetect && m_document->userAtoms().empty() && !m_analysis->jobs()->isBusy())
            m_analysis->detect();
    });
    connect(m_document, &Document::atomsChanged, this,
            [this] { m_view->atomOverlay()->setAtoms(m_document->atoms()); });
    connect(m_document, &Document::graphChanged, this, [this] {
        m_view->graphOverlay()->setGraph(m_document->graph());
        updatePlots();
    });
    connect(m_document, &Document::changedIdsChanged, this,
            [this] { m_view->atomOverlay()->setHighlighted(m_document->changedIds()); });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::calibrationChanged, this, [this] {
        m_view->setCalibration(m_document->calibration());
        updatePlots();
    });
    // Every runner's lines (analysis, background graph, series tracking, batch dialog) reach the Log dock.
    connect(&JobLog::instance(), &JobLog::logged, this, &MainWindow::addLog);
    connect(m_analysis->jobs(), &JobRunner::started, this, [this] { m_jobWarning.clear(); });
    connect(m_analysis->jobs(), &JobRunner::finished, this, [this](bool ok, const QString& message) {
        statusBar()->showMessage(message, 8000);
        if (!ok) addLog(m_analysis->jobs()->title(), message.endsWith(tr("cancelled")) ? 0 : 2, message);
        if (!ok && !message.endsWith(tr("cancelled"))) Q_EMIT errorOccurred(message);
        if (ok && !m_jobWarning.isEmpty())
            statusBar()->showMessage(tr("%1 - %2 atoms. Warning: %3 (Log tab)")
                                         .arg(message)
                                         .arg(m_document->atoms().size())
                                         .arg(m_jobWarning),
                                     30000);
        else if (ok && m_document->atoms().size() > 0)
            statusBar()->showMessage(tr("%1 - %2 atoms. Next: review (Review tab, keys N/A/R), label (L), or "
                                        "File > Export Figure.")
                                         .arg(message)
                                         .arg(m_document->atoms().size()),
                                     15000);
    });
    m_autosave->setInterval(2 * 60 * 1000);
    connect(m_autosave, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosave->start();
}

MainWindow::~MainWindow() {
    m_analysis->jobs()->cancel();
    m_analysis->background()->cancel();
}

bool MainWindow::setPixelSize(double size, const QString& unit) {
    if (!m_document->hasImage() || !(size > 0) || !std::isfinite(size)) return false;
    Calibration c = m_document->calibration();
    c.pixelSizeX = c.pixelSizeY = size;
    c.unit = unit.toStdString();
    if (!c.isCalibrated()) return false; // not a length unit
    m_document->setCalibration(c);
    m_modified = true;
    updateTitle();
    statusBar()->showMessage(tr("Pixel size set to %1 %2 (kept in the project).").arg(size).arg(unit), 8000);
    return true;
}

void MainWindow::pixelSizeDialog() {
    if (!m_document->hasImage()) return;
    const Calibration c = m_document->calibration();
    bool ok = false;
    const QStringList units{QStringLiteral("nm"), QStringLiteral("\u00c5"), QStringLiteral("pm"),
                            QStringLiteral("\u00b5m")};
    const QString unit = QInputDialog::getItem(
        this, tr("Set Pixel Size"), tr("Unit:"), units,
        c.isCalibrated() ? std::max<int>(0, int(units.indexOf(QString::fromStdString(c.unit)))) : 0, false,
        &ok);
    if (!ok) return;
    const double size =
        QInputDialog::getDouble(this, tr("Set Pixel Size"), tr("Size of one pixel in %1:").arg(unit),
                                c.isCalibrated() ? c.pixelSizeX : 0.01, 1e-6, 1e6, 6, &ok);
    if (ok && !setPixelSize(size, unit)) reportError(tr("%1 %2 is not a pixel size.").arg(size).arg(unit));
}

bool MainWindow::isModified() const {
    return m_modified || !m_document->undoStack()->isClean();
}

bool MainWindow::maybeSave() {
    if (m_quiet || !m_document->hasImage() || !isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("AtomLens"),
        tr("%1 has unsaved changes (edits, review decisions or labels). Save the project first?")
            .arg(QFileInfo(m_projectPath.isEmpty() ? m_document->filePath() : m_projectPath).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return saveProjectDialog(false);
    return true;
}

bool MainWindow::openSignal(int signal) {
    if (!m_document->hasImage() || signal < 0 || signal >= int(m_document->micrograph()->signals.size()))
        return false;
    if (!maybeSave()) return false;
    loadImage(m_document->filePath(), signal);
    return true;
}

void MainWindow::updateSignalMenu() {
    if (!m_signalMenu) return;
    m_signalMenu->clear();
    const auto m = m_document->micrograph();
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

void MainWindow::openFile(const QString& path) {
    if (!maybeSave()) return;
    loadImage(path);
}

void MainWindow::loadImage(const QString& path, int signal) {
    statusBar()->showMessage(tr("Opening %1...").arg(QFileInfo(path).fileName()));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    // Exceptions do not cross QtConcurrent cleanly: the worker returns the error text instead.
    struct Loaded {
        std::shared_ptr<const Micrograph> micrograph;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, path] {
        QApplication::restoreOverrideCursor();
        watcher->deleteLater();
        const Loaded loaded = watcher->result();
        const auto restore = std::move(m_pendingRestore);
        m_pendingRestore = nullptr;
        if (!loaded.micrograph) {
            reportError(loaded.error);
            return;
        }
        m_modified = false;
        m_document->setMicrograph(loaded.micrograph);
        if (restore) { // a project: it restores its atoms, view and path
            Q_EMIT fileOpened(path);
            restore();
            return;
        }
        m_projectPath.clear();
        addRecentFile(path);
        updateTitle();
        Q_EMIT fileOpened(path);
        if (m_autoDetect && m_analysis->detect()) {
            // The detection on open is part of opening: the result counts as unchanged (Open and Quit
            // do not ask about it) unless the user edits while it runs.
            connect(
                m_analysis->jobs(), &JobRunner::finished, this,
                [this, micrograph = loaded.micrograph](bool ok) {
                    if (ok && m_document->micrograph() == micrograph && m_document->undoStack()->count() == 1)
                        m_document->undoStack()->setClean();
                },
                Qt::SingleShotConnection);
            statusBar()->showMessage(tr("Detecting atoms... (the window stays usable; Esc cancels)"));
        }
    });
    const std::string file = path.toStdString();
    watcher->setFuture(QtConcurrent::run([file, signal]() -> Loaded {
        try {
            ReadOptions options;
            options.signalIndex = signal;
            return {std::make_shared<const Micrograph>(readMicrograph(file, options)), {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::setDisplay(const DisplaySettings& display) {
    m_display = display;
    if (m_colourMap) m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findData(display.colourMap)));
    if (m_gamma) m_gamma->setValue(display.gamma);
    refreshImage();
}

void MainWindow::showMicrograph() {
    if (!m_document->hasImage()) return;
    const Micrograph& m = *m_document->micrograph();
    updateSignalMenu();
    m_display = DisplaySettings::autoContrast(m.frame(0));
    m_display.colourMap = m_colourMap->currentData().toString();
    m_display.gamma = m_gamma->value();
    m_view->setCalibration(m_document->calibration());
    const QRectF bounds(-0.5, -0.5, m.width(), m.height());
    m_view->atomOverlay()->setBounds(bounds);
    m_view->graphOverlay()->setBounds(bounds);
    m_view->atomOverlay()->setHighlighted({});
    // A new file: the previous file's cursor readout and log do not apply to it.
    m_cursorLabel->clear();
    m_log.clear();
    if (m_logPanel) m_logPanel->clear();
    addLog(tr("Open"), LogEntry::Info, m_document->filePath());
    m_frameSlider->blockSignals(true);
    m_frameSlider->setRange(0, m.frameCount() - 1);
    m_frameSlider->setValue(0);
    m_frameSlider->blockSignals(false);
    m_frameSlider->setEnabled(m.frameCount() > 1);
    refreshImage();
    m_view->fitImage();
    updateTitle();
    statusBar()->showMessage(tr("%1 x %2 px, %3 frame(s), %4")
                                 .arg(m.width())
                                 .arg(m.height())
                                 .arg(m.frameCount())
                                 .arg(m.calibration.isCalibrated()
                                          ? tr("%1 %2/px")
                                                .arg(m.calibration.pixelSizeX)
                                                .arg(QString::fromStdString(m.calibration.unit))
                                          : tr("uncalibrated (Image > Set Pixel Size)")));
}

void MainWindow::refreshImage() {
    if (!m_document->hasImage()) return;
    m_view->imageItem()->setImage(renderImage(m_document->currentImage(), m_display));
    m_frameLabel->setText(
        tr(" Frame %1/%2 ").arg(m_document->currentFrame() + 1).arg(m_document->micrograph()->frameCount()));
    // Atom size follows the lattice: a third of the typical spacing once atoms exist.
    const auto& atoms = m_document->atoms();
    if (!atoms.empty()) {
        std::vector<float> s(atoms.sigmas().begin(), atoms.sigmas().end());
        std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(s.size() / 2), s.end());
        m_view->atomOverlay()->setRadius(std::clamp(double(s[s.size() / 2]) * 1.2, 1.5, 30.0));
    }
}

void MainWindow::updateTitle() {
    QString name = m_projectPath.isEmpty() ? QFileInfo(m_document->filePath()).fileName()
                                           : QFileInfo(m_projectPath).fileName();
    if (name.isEmpty()) {
        setWindowTitle(tr("AtomLens"));
        return;
    }
    if (isModified()) name += QLatin1Char('*');
    setWindowTitle(tr("AtomLens - %1").arg(name));
}

void MainWindow::reportError(const QString& message) {
    statusBar()->showMessage(message);
    Q_EMIT errorOccurred(message);
    if (!m_quiet) QMessageBox::warning(this, tr("AtomLens"), message);
}

void MainWindow::addRecentFile(const QString& path) {
    if (path.isEmpty()) return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 10) recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& f : recent)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] {
            f.endsWith(QLatin1String(".atomlens")) ? openProject(f) : openFile(f);
        });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateCursorReadout(QPointF p) {
    if (!m_document->hasImage()) return;
    const Image& img = m_document->currentImage();
    const int x = int(std::lround(p.x())), y = int(std::lround(p.y()));
    if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
        m_cursorLabel->clear();
        return;
    }
    const Calibration c = m_document->calibration();
    QString text = tr("x %1  y %2 px").arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1);
    if (c.isCalibrated())
        text += tr("  (%1, %2 %3)")
                    .arg(c.originX + p.x() * c.pixelSizeX, 0, 'g', 5)
                    .arg(c.originY + p.y() * c.pixelSizeY, 0, 'g', 5)
                    .arg(QString::fromStdString(c.unit));
    text += tr("  value %1").arg(double(img.at(x, y)), 0, 'g', 6);
    m_cursorLabel->setText(text);
}

void MainWindow::addLog(const QString& job, int level, const QString& text) {
    LogEntry e{level, job, text, QDateTime::currentDateTime()};
    m_log << e;
    if (m_logPanel) m_logPanel->add(e);
    if (level == LogEntry::Warning) {
        if (m_analysis->jobs()->isBusy()) m_jobWarning = text;
        statusBar()->showMessage(tr("Warning (%1): %2 - see the Log tab").arg(job, text), 30000);
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    const QString path = urls.first().toLocalFile();
    path.endsWith(QLatin1String(".atomlens")) ? openProject(path) : openFile(path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QFile::remove(autosavePath()); // a clean exit: nothing to recover
    event->accept();
}

// ---- projects -------------------------------------------------------------------------------

ProjectView MainWindow::currentView() const {
    ProjectView v;
    v.frame = m_document->currentFrame();
    v.zoom = m_view->zoom();
    v.centre = m_view->mapToScene(m_view->viewport()->rect().center());
    v.display = m_display;
    return v;
}

ProjectExtras MainWindow::projectExtras(const QString& path) {
    ProjectExtras extras;
    if (!m_analysis->hasCandidate()) return extras;
    // The fine-tuned model goes next to the project ("<name>.models/fine-tuned.yaml + .pt").
    const QFileInfo info(path);
    const QString folder =
        info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".models");
    QString card;
    const QString error = m_analysis->writeCandidate(folder, QStringLiteral("fine-tuned"), &card);
    if (!error.isEmpty())
        throw InputError(path.toStdString(), "fine-tuned model not saved: " + error.toStdString());
    extras.fineTunedModel = info.absoluteDir().relativeFilePath(card);
    extras.fineTunedApplied = m_analysis->candidateApplied();
    return extras;
}

bool MainWindow::saveProjectTo(const QString& path) {
    try {
        saveProject(path, *m_document, currentView(), projectExtras(path));
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return false;
    }
    m_projectPath = path;
    m_modified = false;
    m_document->undoStack()->setClean();
    addRecentFile(path);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::openProject(const QString& path) {
    if (!maybeSave()) return;
    loadProject(path, false);
}

QString MainWindow::locateImage(const QString& missing, const QString& project) {
    if (m_imageLocator) return m_imageLocator(missing);
    if (m_quiet) return {};
    QMessageBox box(QMessageBox::Warning, tr("AtomLens"),
                    tr("The micrograph of %1 is not where it was:\n%2\n\nLocate it to open the project "
                       "(its atoms, labels and decisions are kept).")
                        .arg(QFileInfo(project).fileName(), missing),
                    QMessageBox::Cancel, this);
    QPushButton* locate = box.addButton(tr("Locate Image..."), QMessageBox::AcceptRole);
    box.setDefaultButton(locate);
    box.exec();
    if (box.clickedButton() != locate) return {};
    const QString name = QFileInfo(missing).fileName();
    return QFileDialog::getOpenFileName(this, tr("Locate Image"), QFileInfo(project).absolutePath(),
                                        tr("%1 (%1);;All files (*)").arg(name));
}

void MainWindow::loadProject(const QString& path, bool recovery) {
    ProjectContents contents;
    try {
        contents = readProject(path);
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return;
    }
    const bool relocated = contents.imageMissing;
    if (relocated) {
        const QString located = locateImage(contents.imagePath, path);
        if (located.isEmpty()) {
            reportError(tr("%1: its micrograph %2 was not found (moved or renamed?). Open the project again "
                           "and choose Locate Image... to say where it is now.")
                            .arg(path, contents.imagePath));
            return;
        }
        contents.imagePath = located;
    }
    auto shared = std::make_shared<ProjectContents>(std::move(contents));
    // Restore atoms and view once the image is read (on a worker, like any file); nothing changes when
    // the image cannot be read.
    m_pendingRestore = [this, shared, path, recovery, relocated] {
        // A recovered autosave continues as the user's project (or as a new, unsaved one).
        m_projectPath = recovery ? shared->extras.recoveredFrom : path;
        addRecentFile(m_projectPath);
        m_document->setFrames(std::move(shared->frames));
        m_document->setModelName(shared->model);
        m_document->setChainText(shared->chain);
        m_document->setCurrentFrame(shared->view.frame);
        if (shared->hasCalibration) m_document->setCalibration(shared->calibration);
        if (shared->view.display.high > shared->view.display.low) setDisplay(shared->view.display);
        if (shared->view.zoom > 0) {
            m_view->setZoom(shared->view.zoom);
            m_view->centreOn(shared->view.centre);
        }
        refreshImage();
        m_analysis->scheduleGraph();
        if (!shared->extras.fineTunedModel.isEmpty())
            m_analysis->restoreCandidate(shared->extras.fineTunedModel, shared->extras.fineTunedApplied);
        m_document->undoStack()->setClean();
        // Recovered work and a relocated image are not saved yet: the title shows it and Quit asks.
        m_modified = recovery || relocated;
        updateTitle();
        if (recovery)
            statusBar()->showMessage(
                tr("Recovered the autosaved work (not saved yet): File > Save Project keeps it."), 15000);
        Q_EMIT projectOpened(path);
    };
    loadImage(shared->imagePath);
}

QString MainWindow::autosavePath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/autosave.atomlens");
}

QString MainWindow::autosaveNow() {
    if (!m_document->hasImage() || !isModified()) return {};
    try {
        ProjectExtras extras = projectExtras(autosavePath());
        extras.recoveredFrom =
            m_projectPath.isEmpty() ? QString() : QFileInfo(m_projectPath).absoluteFilePath();
        saveProject(autosavePath(), *m_document, currentView(), extras);
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())), 8000);
        return {};
    }
    return autosavePath();
}

bool MainWindow::recoverAutosave() {
    const QString path = autosavePath();
    if (!QFile::exists(path)) return false;
    if (!m_quiet &&
        QMessageBox::question(this, tr("AtomLens"),
                              tr("AtomLens did not close properly last time. Recover the autosaved work?")) !=
            QMessageBox::Yes) {
        QFile::remove(path);
        return false;
    }
    loadProject(path, true);
    return true;
}

} // namespace atomlens::gui
