// MainWindow: menus, tool bars and docks over the controllers (rebuilt when the language changes).
#include "gui/MainWindow.h"

#include "gui/batch/BatchDialog.h"
#include "gui/controllers/DisplayController.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/PlotsController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/DopantFinder.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/jobs/StackClassifier.h"
#include "gui/jobs/StepRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/panels/AnalysisPanel.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/LayerPanel.h"
#include "gui/panels/LogPanel.h"
#include "gui/panels/ReviewPanel.h"
#include "gui/plots/PlotPanel.h"
#include "gui/settings/DeviceSetting.h"
#include "gui/view/DopantOverlayItem.h"
#include "gui/view/ImageView.h"
#include "gui/view/VacancyLineLayer.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace atomlens::gui {

void MainWindow::buildUi() {
    buildMenus();
    buildToolBars();
    buildDocks();
    statusBar()->showMessage(
        tr("Open a micrograph (File > Open, or drop a file here): atoms are detected at once."));
}

void MainWindow::buildMenus() {
    // Rebuilt on a language change: the old menus (and the actions they own) go.
    menuBar()->clear();
    qDeleteAll(menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly));
    m_mainActions.clear();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open..."), QKeySequence::Open, m_files, &FileController::openDialog);
    open->setToolTip(tr("Open a micrograph (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) or a project"));
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save Project"), QKeySequence::Save, this,
                                    [this] { m_projects->saveDialog(false); });
    save->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    save->setToolTip(tr("Save image path, atoms, labels, models, chain and view as a project"));
    file->addAction(tr("Save Project &As..."), QKeySequence::SaveAs, this,
                    [this] { m_projects->saveDialog(true); });
    file->addSeparator();
    QAction* figure = file->addAction(tr("&Export Figure..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                      [this] { m_exports->figureDialog(false); });
    figure->setToolTip(tr("Annotated figure (PNG with chosen DPI, SVG or PDF) with scale bar and legend"));
    figure->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    file->addAction(tr("Export Visible &Region..."), this, [this] { m_exports->figureDialog(true); });
    file->addAction(tr("Export &Table..."), m_exports, &ExportController::tableDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(editMenu, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    QAction* redo = m_document->undoStack()->createRedoAction(editMenu, tr("&Redo"));
    // The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y, each once: a key listed twice (the X11
    // Redo binding already is Ctrl+Shift+Z) makes Qt report an ambiguous shortcut and do nothing.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& k :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(k)) redoKeys << k;
    redo->setShortcuts(redoKeys);
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    editMenu->addAction(undo);
    editMenu->addAction(redo);
    // The tool bar's Undo/Redo keep their short text (the menu's say what they undo, which made the tool
    // bar's buttons change width and jump sideways after every edit); the command is in the tool tip.
    QUndoStack* stack = m_document->undoStack();
    auto toolAction = [&](QAction* menuAction, const QString& text, bool isUndo) {
        auto* a = new QAction(menuAction->icon(), text, editMenu);
        a->setObjectName(isUndo ? QStringLiteral("undoToolAction") : QStringLiteral("redoToolAction"));
        a->setEnabled(menuAction->isEnabled());
        a->setToolTip(menuAction->text());
        connect(menuAction, &QAction::changed, a, [a, menuAction] {
            a->setEnabled(menuAction->isEnabled());
            a->setToolTip(QString(menuAction->text()).remove(QLatin1Char('&')));
        });
        connect(a, &QAction::triggered, stack, isUndo ? &QUndoStack::undo : &QUndoStack::redo);
        return a;
    };
    m_mainActions = {open, save, figure, toolAction(undo, tr("Undo"), true),
                     toolAction(redo, tr("Redo"), false)};

    QMenu* view = menuBar()->addMenu(tr("&View"));
#ifdef ATOMLENS_WITH_VTK
    view->addAction(tr("&3-D View"), m_plotsController, &PlotsController::showSceneView);
#endif
    view->addAction(tr("&Fit Image"), QKeySequence(Qt::Key_F), m_view, &ImageView::fitImage);
    QAction* dopantLayer = view->addAction(tr("&Dopant Layer"));
    dopantLayer->setCheckable(true);
    dopantLayer->setChecked(m_view->dopantOverlay()->isVisible());
    connect(dopantLayer, &QAction::toggled, this,
            [this](bool on) { m_view->dopantOverlay()->setVisible(on); });
    QAction* lineLayer = view->addAction(tr("&Vacancy Lines"));
    lineLayer->setToolTip(tr("Vacancy lines and line events found by Track Series, on the frame shown"));
    lineLayer->setCheckable(true);
    lineLayer->setChecked(m_vacancyLines->isVisible());
    connect(lineLayer, &QAction::toggled, m_vacancyLines, &VacancyLineLayer::setVisible);
    view->addAction(tr("&Auto Contrast"), QKeySequence(Qt::Key_A | Qt::ShiftModifier), m_display,
                    &DisplayController::autoContrast);

    QMenu* imageMenu = menuBar()->addMenu(tr("&Image"));
    QAction* pixelSize =
        imageMenu->addAction(tr("Set &Pixel Size..."), m_exports, &ExportController::pixelSizeDialog);
    pixelSize->setToolTip(tr("Calibrate an image without (or with a wrong) pixel size: scale bar, tables and "
                             "exports use it; kept in the project"));
    QMenu* signal = imageMenu->addMenu(tr("&Signal"));
    signal->setToolTip(tr("The images of a multi-signal file (HAADF, DF, EDS maps): show another one"));
    m_files->setMenus(recent, signal);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* detect = analysis->addAction(tr("&Detect Atoms"), QKeySequence(Qt::CTRL | Qt::Key_D), this,
                                          [this] { m_steps->detect(); });
    detect->setToolTip(tr("Find the atom columns in the current frame (no settings needed)"));
    detect->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_mainActions << detect;
    QAction* refine =
        analysis->addAction(tr("&Refine Detector From My Atoms..."), this, [this] { refineDetector(); });
    refine->setToolTip(
        tr("Fine-tune the atom finder on this frame with its atoms as you corrected them, then "
           "detect with it (a new detector in your model folder)"));
    refine->setEnabled(SubModelController::hasNetworks());
    QAction* defaultDetector =
        analysis->addAction(tr("Use the De&fault Detector"), this, [this] { useDefaultDetector(); });
    defaultDetector->setToolTip(tr("Forget the refined detector: detect with the default settings again"));
    QMenu* classify = analysis->addMenu(tr("&Classify With"));
    for (const QString& model : SubModelController::availableModels())
        classify->addAction(model, this, [this, model] { m_subModels->classify(model); });
    classify->setEnabled(SubModelController::hasNetworks() && !classify->isEmpty());
    QAction* allFrames = analysis->addAction(tr("Apply Model to &All Frames"), m_stackClassifier,
                                             &StackClassifier::applyToAllFrames);
    allFrames->setToolTip(tr("Classify every frame of the stack with the sub-model in use (or the fine-tuned "
                             "one): predictions, never over labels; Esc cancels"));
    allFrames->setEnabled(SubModelController::hasNetworks());
    analysis->addSeparator();
    QAction* track =
        analysis->addAction(tr("&Track Series"), this, [this] { m_plotsController->trackSeries(0); });
    track->setToolTip(tr("Drift correction, atom tracking and per-site history of the open frame stack; "
                         "time curves in the Plots dock"));
    QAction* dopants = analysis->addAction(tr("Track &Dopant Switches"), this,
                                           [this] { m_plotsController->trackSeries(1); });
    dopants->setToolTip(tr("Si 3-fold <-> 4-fold coordination switches through the open frame stack"));
    analysis->addAction(tr("Cancel Series &Tracking"), seriesTracking(), &SeriesTracking::cancel);
    QAction* findDopants =
        analysis->addAction(tr("Find Dopants (&Graphene)"), this, [this] { m_dopantFinder->find(); });
    findDopants->setToolTip(tr("Si dopants in graphene with their 3-fold / 4-fold coordination and a "
                               "confidence, shown on the dopant layer"));
    analysis->addSeparator();
    QAction* cancel =
        analysis->addAction(tr("&Cancel Job"), QKeySequence(Qt::Key_Escape), m_jobs, &JobRunner::cancel);
    cancel->setToolTip(tr("Stop the running job"));

    QMenu* review = menuBar()->addMenu(tr("&Review"));
    auto reviewAction = [&](const QString& text, QKeySequence key, auto slot, const QString& tip) {
        QAction* a = review->addAction(text, key, this, slot);
        a->setToolTip(tip);
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    reviewAction(
        tr("&Next"), QKeySequence(Qt::Key_N), [this] { m_review->next(); }, tr("Next uncertain atom"));
    reviewAction(
        tr("&Previous"), QKeySequence(Qt::Key_P), [this] { m_review->previous(); }, tr("Previous atom"));
    reviewAction(
        tr("&Accept"), QKeySequence(Qt::Key_A), [this] { m_review->acceptCurrent(); },
        tr("Accept the prediction"));
    reviewAction(
        tr("&Reject"), QKeySequence(Qt::Key_R), [this] { m_review->rejectCurrent(); }, tr("Not an atom"));
    reviewAction(
        tr("&Delete Atom"), QKeySequence(Qt::Key_Delete), [this] { m_review->deleteCurrent(); },
        tr("Delete the current atom"));
    QMenu* relabel = review->addMenu(tr("Re&label As"));
    for (int k = 0; k < 9; ++k) {
        QAction* a = relabel->addAction(tr("Class %1").arg(k + 1), QKeySequence(Qt::Key_1 + k), this,
                                        [this, k] { m_review->relabelCurrent(k); });
        a->setShortcutContext(Qt::WindowShortcut);
    }

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* batch = tools->addAction(tr("&Batch..."), this, [this] {
        BatchDialog* dialog = batchDialog();
        dialog->show();
        dialog->raise();
    });
    batch->setToolTip(tr("Run a task chain over many micrographs (queue with progress, cancel and resume)"));

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->setObjectName(QStringLiteral("settingsMenu"));
    QMenu* language = settings->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    m_languages->fillMenu(language);
    addDeviceMenu(settings, this);
    QAction* autoDetect = settings->addAction(tr("Detect Atoms on &Open"));
    autoDetect->setCheckable(true);
    autoDetect->setChecked(m_files->autoDetect());
    connect(autoDetect, &QAction::toggled, m_files, &FileController::setAutoDetect);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Quick Start"), this, [this] {
        QMessageBox::information(
            this, tr("Quick Start"),
            tr("1. Open a micrograph: atoms are detected at once.\n"
               "2. Review: the Review tab lists the least certain atoms; N/P move, A accepts, R rejects, "
               "1-9 relabel.\n"
               "3. Label for few-shot: pick a class in the Few-shot tab, use the Label or Lasso tool, then "
               "Fine-tune.\n"
               "4. File > Export Figure writes a PNG/SVG/PDF with scale bar and legend."));
    });
}

void MainWindow::buildToolBars() {
    for (QToolBar* bar : m_toolBars) {
        removeToolBar(bar);
        bar->deleteLater();
    }
    m_toolBars.clear();
    QToolBar* main = addToolBar(tr("Main"));
    main->setObjectName(QStringLiteral("mainToolBar"));
    main->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    main->addActions(m_mainActions);
    m_toolBars << main;

    QToolBar* tools = addToolBar(tr("Tools"));
    tools->setObjectName(QStringLiteral("toolsToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_editTools->fillToolBar(tools);
    m_toolBars << tools;

    QToolBar* image = addToolBar(tr("Image"));
    image->setObjectName(QStringLiteral("imageToolBar"));
    m_display->fillToolBar(image, this);
    m_toolBars << image;
    for (QToolBar* bar : m_toolBars) bar->show();
    updateToolBarRows();
    m_display->refresh();
}

void MainWindow::buildDocks() {
    const int currentClass = m_fewShot ? m_fewShot->currentClass() : 0;
    for (QDockWidget* dock : m_docks) {
        removeDockWidget(dock);
        dock->deleteLater();
    }
    m_docks.clear();
    auto dock = [&](QWidget* panel, const QString& title, const QString& name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(panel);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        addDockWidget(Qt::RightDockWidgetArea, d);
        if (!m_docks.isEmpty()) tabifyDockWidget(m_docks.first(), d);
        m_docks << d;
        return d;
    };
    m_analysisPanel = new AnalysisPanel(m_document, m_steps);
    m_review = new ReviewPanel(m_document, m_view);
    connect(m_review, &ReviewPanel::hint, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    m_fewShot = new FewShotPanel(m_document, m_fewShotTrainer);
    m_layers = new LayerPanel(m_document, m_view);
    dock(m_layers, tr("Layers"), QStringLiteral("layersDock"));
    dock(m_analysisPanel, tr("Analysis"), QStringLiteral("analysisDock"));
    dock(m_review, tr("Review"), QStringLiteral("reviewDock"));
    dock(m_fewShot, tr("Few-shot"), QStringLiteral("fewShotDock"));
    m_plots = new PlotPanel;
    dock(m_plots, tr("Plots"), QStringLiteral("plotsDock"));
    m_logPanel = new LogPanel;
    m_logPanel->setEntries(m_messages->entries());
    dock(m_logPanel, tr("Log"), QStringLiteral("logDock"));
    m_plotsController->setPlotPanel(m_plots);
    for (QDockWidget* d : m_docks) d->show();
    m_docks.first()->raise();
    m_fewShot->setCurrentClass(currentClass);
    m_review->rebuild();
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    updateToolBarRows();
}

void MainWindow::updateToolBarRows() {
    if (m_toolBars.size() < 3) return;
    QToolBar* last = m_toolBars.back();
    int needed = 0;
    for (QToolBar* bar : m_toolBars) needed += bar->sizeHint().width() + 8; // handles and spacing
    const bool wrap = needed > width();
    if (wrap == toolBarBreak(last)) return;
    if (wrap)
        insertToolBarBreak(last);
    else
        removeToolBarBreak(last);
}

BatchDialog* MainWindow::batchDialog() {
    if (!m_batch) {
        m_batch = new BatchDialog(this);
        connect(m_batch, &BatchDialog::openRequested, this, [this](const QString& source, int frame) {
            m_files->openFile(source);
            if (frame > 0)
                connect(
                    this, &MainWindow::fileOpened, this,
                    [this, frame] { m_document->setCurrentFrame(frame); }, Qt::SingleShotConnection);
        });
    }
    return m_batch;
}

} // namespace atomlens::gui
