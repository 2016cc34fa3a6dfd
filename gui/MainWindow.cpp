// MainWindow: composition of the controllers, the shown image, the title and the status bar.
#include "gui/MainWindow.h"

#include "gui/controllers/DisplayController.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/ImageLoader.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/PlotsController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/controllers/RecentFiles.h"
#include "gui/document/Document.h"
#include "gui/jobs/DetectorRefiner.h"
#include "gui/jobs/DopantFinder.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StackClassifier.h"
#include "gui/jobs/StepRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/panels/LogPanel.h"
#include "gui/plots/PlotPanel.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"
#include "gui/view/VacancyLineLayer.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

#include <cmath>

namespace atomlens::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_view(new ImageView(this)),
      m_jobs(new JobRunner(this)), m_graph(new GraphUpdater(
                                       m_document, m_jobs, [this] { return m_subModels->model(); }, this)),
      m_steps(new StepRunner(m_document, m_jobs, m_graph, this)),
      m_subModels(new SubModelController(m_document, m_steps, this)),
      m_fewShotTrainer(new FewShotTrainer(m_document, m_jobs, m_subModels, this)),
      m_stackClassifier(new StackClassifier(m_document, m_jobs, m_subModels, m_fewShotTrainer, this)),
      m_recent(new RecentFiles(this)), m_loader(new ImageLoader(m_document, this)),
      m_projects(new ProjectController(m_document, m_loader, m_recent, m_fewShotTrainer, m_graph, this)),
      m_files(new FileController(m_document, m_loader, m_recent, m_projects, m_steps, this)),
      m_exports(new ExportController(m_document, m_view, this)), m_languages(new LanguageController(this)),
      m_editTools(new EditToolController(
          m_document, m_view, [this] { return m_fewShot; }, this)),
      m_plotsController(new PlotsController(m_document, this)),
      m_messages(new JobMessages(m_document, m_jobs, this)),
      m_display(new DisplayController(m_document, m_view, this)),
      m_dopantFinder(new DopantFinder(m_document, m_view, this)),
      m_detectorRefiner(new DetectorRefiner(m_document, this)) {
    setCentralWidget(m_view);
    setAcceptDrops(true);
    resize(1280, 860);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorReadout"));
    statusBar()->addPermanentWidget(m_cursorLabel);
    m_display->setCursorLabel(m_cursorLabel);
    m_vacancyLines = new VacancyLineLayer(m_document, m_view, seriesTracking(), this);
    wireControllers();
    buildUi();
    updateTitle();
}

MainWindow::~MainWindow() {
    m_jobs->cancel();
    m_graph->jobs()->cancel();
}

void MainWindow::wireControllers() {
    auto status = [this](auto* controller) {
        using C = std::remove_pointer_t<decltype(controller)>;
        connect(controller, &C::status, this, &MainWindow::showStatus);
    };
    status(m_loader), status(m_projects), status(m_files), status(m_exports), status(m_editTools);
    status(m_plotsController), status(m_messages), status(m_display);
    connect(m_loader, &ImageLoader::failed, this, &MainWindow::reportError);
    connect(m_projects, &ProjectController::errorOccurred, this, &MainWindow::reportError);
    connect(m_exports, &ExportController::errorOccurred, this, &MainWindow::reportError);
    connect(m_plotsController, &PlotsController::errorOccurred, this, &MainWindow::reportError);
    connect(m_plotsController, &PlotsController::jobFailed, this, &MainWindow::errorOccurred);
    connect(m_messages, &JobMessages::jobFailed, this, &MainWindow::errorOccurred);
    connect(m_files, &FileController::fileOpened, this, &MainWindow::fileOpened);
    connect(m_projects, &ProjectController::projectOpened, this, &MainWindow::projectOpened);
    connect(m_projects, &ProjectController::titleChanged, this, &MainWindow::updateTitle);
    connect(m_exports, &ExportController::pixelSizeChanged, m_projects, &ProjectController::markModified);
    connect(m_languages, &LanguageController::languageChanged, this, [this] {
        buildUi();
        updateTitle();
    });
    m_projects->setViewState({[this] { return m_display->currentView(); },
                              [this](const ProjectView& v) { m_display->restoreView(v); }});
    connect(m_messages, &JobMessages::added, this, [this](const LogEntry& e) {
        if (m_logPanel) m_logPanel->add(e);
    });
    connect(m_messages, &JobMessages::cleared, this, [this] {
        if (m_logPanel) m_logPanel->clear();
    });
    connect(m_stackClassifier, &StackClassifier::finished, this, [this](bool ok, const QString& message) {
        showStatus(message, 15000);
        m_messages->add(tr("Apply model to all frames"), ok ? LogEntry::Info : LogEntry::Warning, message);
    });
    connect(m_detectorRefiner, &DetectorRefiner::refined, this,
            [this](bool ok, const QString& card, const QString& message) {
                if (!ok) {
                    reportError(tr("Refining the detector failed: %1").arg(message));
                    return;
                }
                // The refined detector is the one in use from now on, starting with this frame.
                DetectParams params;
                params.method = "fcn";
                params.model = card.toStdString();
                m_steps->setDetector(params);
                m_messages->add(tr("Refine detector"), LogEntry::Info,
                                tr("%1; detecting with %2").arg(message, QDir::toNativeSeparators(card)));
                showStatus(tr("Detector refined (%1); detecting again with it").arg(message), 15000);
                m_steps->detect();
            });
    connect(m_dopantFinder, &DopantFinder::found, this, [this](const QString& summary) {
        showStatus(summary, 15000);
        m_messages->add(tr("Find dopants"), LogEntry::Info, summary);
    });
    connect(m_plotsController, &PlotsController::plotsShown, this, [this] {
        for (QDockWidget* d : m_docks)
            if (d->widget() == m_plots) d->raise();
    });
    connect(m_display, &DisplayController::micrographShown, this, &MainWindow::updateTitle);
    connect(m_document, &Document::atomsChanged, this,
            [this] { m_view->atomOverlay()->setAtoms(m_document->atoms()); });
    connect(m_document, &Document::graphChanged, this,
            [this] { m_view->graphOverlay()->setGraph(m_document->graph()); });
    connect(m_document, &Document::changedIdsChanged, this,
            [this] { m_view->atomOverlay()->setHighlighted(m_document->changedIds()); });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
}

SeriesTracking* MainWindow::seriesTracking() const {
    return m_plotsController->series();
}

void MainWindow::setQuiet(bool quiet) {
    m_quiet = quiet;
    m_projects->setQuiet(quiet);
}

void MainWindow::updateTitle() {
    const QString project = m_projects->projectPath();
    QString name =
        project.isEmpty() ? QFileInfo(m_document->filePath()).fileName() : QFileInfo(project).fileName();
    if (name.isEmpty()) {
        setWindowTitle(tr("AtomLens"));
        return;
    }
    if (m_projects->isModified()) name += QLatin1Char('*');
    setWindowTitle(tr("AtomLens - %1").arg(name));
}

void MainWindow::showStatus(const QString& text, int timeoutMs) {
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::reportError(const QString& message) {
    statusBar()->showMessage(message);
    Q_EMIT errorOccurred(message);
    if (!m_quiet) QMessageBox::warning(this, tr("AtomLens"), message);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) m_files->open(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_projects->maybeSave()) {
        event->ignore();
        return;
    }
    QFile::remove(ProjectController::autosavePath()); // a clean exit: nothing to recover
    event->accept();
}

bool MainWindow::refineDetector() {
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                               .filePath(QStringLiteral("models"));
    QString name = QStringLiteral("fcn-refined-%1")
                       .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    if (!m_quiet) {
        bool ok = false;
        name = QInputDialog::getText(
            this, tr("Refine Detector"),
            tr("Fine-tune the atom finder on this frame, with its atoms as they are now "
               "(kept, moved, added; deleted ones count as \"no atom\"). Name of the "
               "new detector (saved in %1):")
                .arg(QDir::toNativeSeparators(folder)),
            QLineEdit::Normal, name, &ok);
        if (!ok) return false;
    }
    QString why;
    if (!m_detectorRefiner->refine(folder, name, {}, &why)) {
        reportError(why);
        return false;
    }
    showStatus(tr("Refining the detector on this frame's %1 atoms...").arg(m_document->atoms().size()), 0);
    return true;
}

void MainWindow::useDefaultDetector() {
    m_steps->setDetector({});
    m_detectorRefiner->reset();
    showStatus(tr("Detecting with the default detector again"), 8000);
}

} // namespace atomlens::gui
