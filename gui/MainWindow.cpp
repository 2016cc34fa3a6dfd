// MainWindow: composition of the controllers, the shown image, the title and the status bar.
#include "gui/MainWindow.h"

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
#include "gui/jobs/DopantFinder.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/panels/LogPanel.h"
#include "gui/plots/PlotPanel.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSlider>
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
      m_recent(new RecentFiles(this)), m_loader(new ImageLoader(m_document, this)),
      m_projects(new ProjectController(m_document, m_loader, m_recent, m_fewShotTrainer, m_graph, this)),
      m_files(new FileController(m_document, m_loader, m_recent, m_projects, m_steps, this)),
      m_exports(new ExportController(m_document, m_view, this)), m_languages(new LanguageController(this)),
      m_editTools(new EditToolController(
          m_document, m_view, [this] { return m_fewShot; }, this)),
      m_plotsController(new PlotsController(m_document, this)),
      m_messages(new JobMessages(m_document, m_jobs, this)),
      m_dopantFinder(new DopantFinder(m_document, m_view, this)) {
    setCentralWidget(m_view);
    setAcceptDrops(true);
    resize(1280, 860);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorReadout"));
    statusBar()->addPermanentWidget(m_cursorLabel);
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
    status(m_plotsController), status(m_messages);
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
    m_projects->setViewState({[this] {
                                  ProjectView v;
                                  v.frame = m_document->currentFrame();
                                  v.zoom = m_view->zoom();
                                  v.centre = m_view->mapToScene(m_view->viewport()->rect().center());
                                  v.display = m_display;
                                  return v;
                              },
                              [this](const ProjectView& v) {
                                  if (v.display.high > v.display.low) setDisplay(v.display);
                                  if (v.zoom > 0) {
                                      m_view->setZoom(v.zoom);
                                      m_view->centreOn(v.centre);
                                  }
                                  refreshImage();
                              }});
    connect(m_messages, &JobMessages::added, this, [this](const LogEntry& e) {
        if (m_logPanel) m_logPanel->add(e);
    });
    connect(m_messages, &JobMessages::cleared, this, [this] {
        if (m_logPanel) m_logPanel->clear();
    });
    connect(m_dopantFinder, &DopantFinder::found, this, [this](const QString& summary) {
        showStatus(summary, 15000);
        m_messages->add(tr("Find dopants"), LogEntry::Info, summary);
    });
    connect(m_plotsController, &PlotsController::plotsShown, this, [this] {
        for (QDockWidget* d : m_docks)
            if (d->widget() == m_plots) d->raise();
    });
    connect(m_view, &ImageView::cursorMoved, this, &MainWindow::updateCursorReadout);
    connect(m_document, &Document::micrographChanged, this, &MainWindow::showMicrograph);
    connect(m_document, &Document::frameChanged, this, &MainWindow::refreshImage);
    connect(m_document, &Document::frameChanged, this, [this](int frame) {
        if (m_frameSlider && m_frameSlider->value() != frame) {
            m_frameSlider->blockSignals(true);
            m_frameSlider->setValue(frame);
            m_frameSlider->blockSignals(false);
        }
        // Each frame has its own atoms: a frame shown for the first time is detected like a new file.
        if (m_files->autoDetect() && m_document->userAtoms().empty() && !m_jobs->isBusy()) m_steps->detect();
    });
    connect(m_document, &Document::atomsChanged, this,
            [this] { m_view->atomOverlay()->setAtoms(m_document->atoms()); });
    connect(m_document, &Document::graphChanged, this,
            [this] { m_view->graphOverlay()->setGraph(m_document->graph()); });
    connect(m_document, &Document::changedIdsChanged, this,
            [this] { m_view->atomOverlay()->setHighlighted(m_document->changedIds()); });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::calibrationChanged, this,
            [this] { m_view->setCalibration(m_document->calibration()); });
}

SeriesTracking* MainWindow::seriesTracking() const {
    return m_plotsController->series();
}

void MainWindow::setQuiet(bool quiet) {
    m_quiet = quiet;
    m_projects->setQuiet(quiet);
}

void MainWindow::setDisplay(const DisplaySettings& display) {
    m_display = display;
    if (m_colourMap) m_colourMap->setCurrentText(display.colourMap);
    if (m_gamma) m_gamma->setValue(display.gamma);
    refreshImage();
}

void MainWindow::showMicrograph() {
    if (!m_document->hasImage()) return;
    const Micrograph& m = *m_document->micrograph();
    m_display = DisplaySettings::autoContrast(m.frame(0));
    m_display.colourMap = m_colourMap->currentText();
    m_display.gamma = m_gamma->value();
    m_view->setCalibration(m_document->calibration());
    const QRectF bounds(-0.5, -0.5, m.width(), m.height());
    m_view->atomOverlay()->setBounds(bounds);
    m_view->graphOverlay()->setBounds(bounds);
    m_view->atomOverlay()->setHighlighted({});
    m_cursorLabel->clear(); // a new file: the previous file's cursor readout does not apply to it
    m_frameSlider->blockSignals(true);
    m_frameSlider->setRange(0, m.frameCount() - 1);
    m_frameSlider->setValue(0);
    m_frameSlider->blockSignals(false);
    m_frameSlider->setEnabled(m.frameCount() > 1);
    refreshImage();
    m_view->fitImage();
    updateTitle();
    showStatus(tr("%1 x %2 px, %3 frame(s), %4")
                   .arg(m.width())
                   .arg(m.height())
                   .arg(m.frameCount())
                   .arg(m.calibration.isCalibrated() ? tr("%1 %2/px")
                                                           .arg(m.calibration.pixelSizeX)
                                                           .arg(QString::fromStdString(m.calibration.unit))
                                                     : tr("uncalibrated (Image > Set Pixel Size)")),
               0);
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

} // namespace atomlens::gui
