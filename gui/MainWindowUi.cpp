// MainWindow: menus, tool bars, docks and the language switch (rebuilt when the language changes).
#include "gui/plots/PlotPanel.h"
#ifdef ATOMLENS_WITH_VTK
#include "gui/vtk/LatticeSceneView.h"
#endif
#include "gui/MainWindow.h"
#include "gui/jobs/DopantFinder.h"
#include "gui/settings/QtTranslations.h"
#include "gui/view/DopantOverlayItem.h"
#include "gui/view/VacancyLineLayer.h"

#include "core/io/MicrographReader.h"
#include "gui/batch/BatchDialog.h"
#include "gui/document/Document.h"
#include "gui/jobs/Analysis.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/panels/AnalysisPanel.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/LayerPanel.h"
#include "gui/panels/ReviewPanel.h"
#include "gui/settings/DeviceSetting.h"
#include "gui/view/ImageView.h"

#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSettings>
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
    QAction* open = file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openFileDialog);
    open->setToolTip(tr("Open a micrograph (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) or a project"));
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    QAction* save =
        file->addAction(tr("&Save Project"), QKeySequence::Save, this, [this] { saveProjectDialog(false); });
    save->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    save->setToolTip(tr("Save image path, atoms, labels, models, chain and view as a project"));
    file->addAction(tr("Save Project &As..."), QKeySequence::SaveAs, this,
                    [this] { saveProjectDialog(true); });
    file->addSeparator();
    QAction* figure = file->addAction(tr("&Export Figure..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                      [this] { exportFigureDialog(false); });
    figure->setToolTip(tr("Annotated figure (PNG with chosen DPI, SVG or PDF) with scale bar and legend"));
    figure->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    file->addAction(tr("Export Visible &Region..."), this, [this] { exportFigureDialog(true); });
    file->addAction(tr("Export &Table..."), this, &MainWindow::exportTableDialog);
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
    view->addAction(tr("&3-D View"), this, &MainWindow::showSceneView);
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
    view->addAction(tr("&Auto Contrast"), QKeySequence(Qt::Key_A | Qt::ShiftModifier), this, [this] {
        if (!m_document->hasImage()) return;
        DisplaySettings d = DisplaySettings::autoContrast(m_document->currentImage());
        d.colourMap = m_display.colourMap;
        d.gamma = m_display.gamma;
        setDisplay(d);
    });

    QMenu* imageMenu = menuBar()->addMenu(tr("&Image"));
    QAction* pixelSize = imageMenu->addAction(tr("Set &Pixel Size..."), this, &MainWindow::pixelSizeDialog);
    pixelSize->setToolTip(tr("Calibrate an image without (or with a wrong) pixel size: scale bar, tables and "
                             "exports use it; kept in the project"));
    m_signalMenu = imageMenu->addMenu(tr("&Signal"));
    m_signalMenu->setToolTip(tr("The images of a multi-signal file (HAADF, DF, EDS maps): show another one"));
    updateSignalMenu();

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* detect = analysis->addAction(tr("&Detect Atoms"), QKeySequence(Qt::CTRL | Qt::Key_D), this,
                                          [this] { m_analysis->detect(); });
    detect->setToolTip(tr("Find the atom columns in the current frame (no settings needed)"));
    detect->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_mainActions << detect;
    QMenu* classify = analysis->addMenu(tr("&Classify With"));
    for (const QString& model : Analysis::availableModels())
        classify->addAction(model, this, [this, model] { m_analysis->classify(model); });
    classify->setEnabled(Analysis::hasNetworks() && !classify->isEmpty());
    analysis->addSeparator();
    QAction* track = analysis->addAction(tr("&Track Series"), this, [this] { trackSeries(0); });
    track->setToolTip(tr("Drift correction, atom tracking and per-site history of the open frame stack; "
                         "time curves in the Plots dock"));
    QAction* dopants = analysis->addAction(tr("Track &Dopant Switches"), this, [this] { trackSeries(1); });
    dopants->setToolTip(tr("Si 3-fold <-> 4-fold coordination switches through the open frame stack"));
    analysis->addAction(tr("Cancel Series &Tracking"), m_series, &SeriesTracking::cancel);
    QAction* findDopants =
        analysis->addAction(tr("Find Dopants (&Graphene)"), this, [this] { m_dopantFinder->find(); });
    findDopants->setToolTip(tr("Si dopants in graphene with their 3-fold / 4-fold coordination and a "
                               "confidence, shown on the dopant layer"));
    analysis->addSeparator();
    QAction* cancel = analysis->addAction(tr("&Cancel Job"), QKeySequence(Qt::Key_Escape), m_analysis->jobs(),
                                          &JobRunner::cancel);
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
    auto* group = new QActionGroup(language);
    const std::pair<QString, QString> languages[] = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
    for (const auto& [code, name] : languages) {
        // Deferred: this action's menu is still handling the click, and the switch rebuilds (deletes)
        // every menu; running it from the event loop afterwards keeps the menu alive until it is done.
        QAction* a = language->addAction(name, this, [this, code = code] {
            QMetaObject::invokeMethod(
                this, [this, code] { setLanguage(code); }, Qt::QueuedConnection);
        });
        a->setCheckable(true);
        a->setChecked(code == m_language);
        group->addAction(a);
    }
    addDeviceMenu(settings, this);
    QAction* autoDetect = settings->addAction(tr("Detect Atoms on &Open"));
    autoDetect->setCheckable(true);
    autoDetect->setChecked(m_autoDetect);
    connect(autoDetect, &QAction::toggled, this, [this](bool on) { m_autoDetect = on; });

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
    m_tools = new QActionGroup(tools);
    const std::tuple<ImageView::Tool, QString, QString, QKeySequence> toolList[] = {
        {ImageView::Tool::Navigate, tr("Pan"), tr("Drag to pan, wheel to zoom, click an atom to see it"),
         QKeySequence(Qt::Key_V)},
        {ImageView::Tool::AddAtom, tr("Add"), tr("Click to add an atom (refined to the column)"),
         QKeySequence(Qt::Key_Plus)},
        {ImageView::Tool::MoveAtom, tr("Move"), tr("Drag an atom to move it (refined again locally)"),
         QKeySequence(Qt::Key_M)},
        {ImageView::Tool::Label, tr("Label"), tr("Click atoms to give them the selected class"),
         QKeySequence(Qt::Key_L)},
        {ImageView::Tool::Lasso, tr("Lasso"), tr("Draw around atoms to give them all the selected class"),
         QKeySequence(Qt::Key_O)}};
    for (const auto& [tool, text, tip, key] : toolList) {
        QAction* a = tools->addAction(text);
        a->setCheckable(true);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        a->setChecked(tool == m_view->tool());
        a->setData(int(tool));
        m_tools->addAction(a);
        connect(a, &QAction::triggered, this, [this, tool = tool, tip = tip] {
            m_view->setTool(tool);
            statusBar()->showMessage(tip);
        });
    }
    m_toolBars << tools;

    QToolBar* image = addToolBar(tr("Image"));
    image->setObjectName(QStringLiteral("imageToolBar"));
    image->addWidget(new QLabel(tr(" Colour map: "), this));
    m_colourMap = new QComboBox(this);
    for (const QString& name : DisplaySettings::colourMaps())
        m_colourMap->addItem(DisplaySettings::colourMapLabel(name), name);
    m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findData(m_display.colourMap)));
    m_colourMap->setToolTip(tr("Colour map of the image"));
    image->addWidget(m_colourMap);
    connect(m_colourMap, &QComboBox::currentIndexChanged, this, [this] {
        m_display.colourMap = m_colourMap->currentData().toString();
        refreshImage();
    });
    image->addWidget(new QLabel(tr(" Gamma: "), this));
    m_gamma = new QDoubleSpinBox(this);
    m_gamma->setRange(0.2, 5);
    m_gamma->setSingleStep(0.1);
    m_gamma->setValue(m_display.gamma);
    m_gamma->setToolTip(tr("Gamma of the display (contrast limits: View > Auto Contrast)"));
    image->addWidget(m_gamma);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, [this](double g) {
        m_display.gamma = g;
        refreshImage();
    });
    m_frameLabel = new QLabel(tr(" Frame: "), this);
    image->addWidget(m_frameLabel);
    m_frameSlider = new QSlider(Qt::Horizontal, this);
    m_frameSlider->setMaximumWidth(200);
    m_frameSlider->setToolTip(tr("Frame of a stack"));
    m_frameSlider->setEnabled(m_document->hasImage() && m_document->micrograph()->frameCount() > 1);
    if (m_document->hasImage()) {
        m_frameSlider->setRange(0, m_document->micrograph()->frameCount() - 1);
        m_frameSlider->setValue(m_document->currentFrame());
    }
    image->addWidget(m_frameSlider);
    connect(m_frameSlider, &QSlider::valueChanged, m_document, &Document::setCurrentFrame);
    m_toolBars << image;
    for (QToolBar* bar : m_toolBars) bar->show();
    updateToolBarRows();
    refreshImage();
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
    m_analysisPanel = new AnalysisPanel(m_document, m_analysis);
    m_review = new ReviewPanel(m_document, m_view);
    connect(m_review, &ReviewPanel::hint, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    m_fewShot = new FewShotPanel(m_document, m_analysis);
    m_layers = new LayerPanel(m_document, m_view);
    dock(m_layers, tr("Layers"), QStringLiteral("layersDock"));
    dock(m_analysisPanel, tr("Analysis"), QStringLiteral("analysisDock"));
    dock(m_review, tr("Review"), QStringLiteral("reviewDock"));
    dock(m_fewShot, tr("Few-shot"), QStringLiteral("fewShotDock"));
    m_plots = new PlotPanel;
    dock(m_plots, tr("Plots"), QStringLiteral("plotsDock"));
    m_logPanel = new LogPanel;
    m_logPanel->setEntries(m_log);
    dock(m_logPanel, tr("Log"), QStringLiteral("logDock"));
    updatePlots();
    for (QDockWidget* d : m_docks) d->show();
    m_docks.first()->raise();
    m_fewShot->setCurrentClass(currentClass);
    m_review->rebuild();
}

bool MainWindow::setLanguage(const QString& code) {
    if (code == m_language) return true;
    QApplication::removeTranslator(&m_translator);
    QApplication::removeTranslator(&m_qtTranslator);
    if (code != QLatin1String("en")) {
        if (!m_translator.load(QStringLiteral(":/i18n/atomlens_%1.qm").arg(code))) return false;
        // Qt's own strings (dialog buttons, file dialogs) too, when Qt's translations are installed.
        if (loadQtTranslations(m_qtTranslator, code)) QApplication::installTranslator(&m_qtTranslator);
        QApplication::installTranslator(&m_translator); // sends LanguageChange -> changeEvent
    }
    m_language = code;
    QSettings().setValue(QStringLiteral("language"), code);
    buildUi();
    updateTitle();
    return true;
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

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
}

void MainWindow::openFileDialog() {
    QStringList patterns;
    for (const auto& e : supportedExtensions()) patterns << QStringLiteral("*") + QString::fromStdString(e);
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Micrograph or Project"), QString(),
        tr("Micrographs and projects (%1 *.atomlens);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
    if (path.isEmpty()) return;
    path.endsWith(QLatin1String(".atomlens")) ? openProject(path) : openFile(path);
}

void MainWindow::updatePlots() {
    if (!m_plots || !m_document->hasImage() || !m_document->graph()) return;
    const Calibration c = m_document->calibration();
    m_plots->showStatistics(m_document->atoms(), *m_document->graph(), c.isCalibrated() ? c.pixelSizeX : 1.0,
                            c.isCalibrated() ? QString::fromStdString(c.unit) : QStringLiteral("px"));
}

BatchDialog* MainWindow::batchDialog() {
    if (!m_batch) {
        m_batch = new BatchDialog(this);
        connect(m_batch, &BatchDialog::openRequested, this, [this](const QString& source, int frame) {
            openFile(source);
            if (frame > 0)
                connect(
                    this, &MainWindow::fileOpened, this,
                    [this, frame] { m_document->setCurrentFrame(frame); }, Qt::SingleShotConnection);
        });
    }
    return m_batch;
}

void MainWindow::trackSeries(int mode) {
    if (!m_document->hasImage() || m_document->micrograph()->frameCount() < 2) {
        reportError(tr("Track Series needs a frame stack (a multi-frame file): open one first."));
        return;
    }
    if (!m_series->start(m_document->micrograph(),
                         mode == 0 ? SeriesTracking::Mode::Sites : SeriesTracking::Mode::Dopants)) {
        statusBar()->showMessage(tr("A series analysis is already running."), 5000);
        return;
    }
    statusBar()->showMessage(tr("Tracking the series on a worker thread..."));
}

void MainWindow::showSceneView() {
#ifdef ATOMLENS_WITH_VTK
    if (!m_document->hasImage()) return;
    auto* scene = new LatticeSceneView;
    scene->setAttribute(Qt::WA_DeleteOnClose);
    scene->setWindowTitle(tr("AtomLens 3-D View"));
    const Calibration c = m_document->calibration();
    scene->setImage(m_document->currentImage(), c.isCalibrated() ? c.pixelSizeX : 1.0,
                    c.isCalibrated() ? QString::fromStdString(c.unit) : QStringLiteral("px"));
    scene->setAtoms(m_document->atoms());
    if (const auto series = m_series->sites();
        series && m_series->mode() == SeriesTracking::Mode::Sites &&
        int(series->points.size()) == m_document->micrograph()->frameCount())
        scene->setTrajectories(series->points, series->tracking);
    scene->resize(900, 700);
    scene->show();
#endif
}

} // namespace atomlens::gui
