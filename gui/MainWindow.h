#pragma once
#include <QMainWindow>
#include <QString>

class QDockWidget;
class QLabel;

namespace atomlens {
class PlotPanel;
}

namespace atomlens::gui {

class AnalysisPanel;
class BatchDialog;
class DisplayController;
class DetectorRefiner;
class VacancyLineLayer;
class DopantFinder;
class Document;
class EditToolController;
class ExportController;
class FewShotPanel;
class FewShotTrainer;
class FileController;
class GraphUpdater;
class ImageLoader;
class ImageView;
class JobMessages;
class JobRunner;
class LanguageController;
class LayerPanel;
class LogPanel;
class PlotsController;
class ProjectController;
class RecentFiles;
class ReviewPanel;
class SeriesTracking;
class StackClassifier;
class StepRunner;
class SubModelController;

/// The AtomLens main window: composes the document, the image view and the controllers that do the
/// work (files, projects, export, language, edit tools, steps, sub-models, few-shot training, plots,
/// job messages), builds menus, tool bars and docks over them (again on a language change) and shows
/// the image with its display settings, the title and the status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    Document* document() const { return m_document; }
    ImageView* view() const { return m_view; }
    /// The runner of user-started jobs (progress bar, cancel button).
    JobRunner* jobs() const { return m_jobs; }
    /// Keeps the graph (and the re-predictions around edits) up to date in the background.
    GraphUpdater* graphUpdater() const { return m_graph; }
    StepRunner* steps() const { return m_steps; }
    SubModelController* subModels() const { return m_subModels; }
    FewShotTrainer* fewShotTrainer() const { return m_fewShotTrainer; }
    /// Analysis > Apply Model to All Frames.
    StackClassifier* stackClassifier() const { return m_stackClassifier; }
    FileController* files() const { return m_files; }
    ProjectController* projects() const { return m_projects; }
    ExportController* exports() const { return m_exports; }
    LanguageController* languages() const { return m_languages; }
    EditToolController* editTools() const { return m_editTools; }
    PlotsController* plots() const { return m_plotsController; }
    /// The engine's messages (JobContext::log) for the open file, shown in the Log dock.
    JobMessages* messages() const { return m_messages; }
    /// Time-series analysis of the open stack (Analysis > Track Series / Track Dopant Switches).
    SeriesTracking* seriesTracking() const;
    DopantFinder* dopantFinder() const { return m_dopantFinder; }
    /// Analysis > Refine Detector From My Atoms (the refined detector then detects every frame).
    DetectorRefiner* detectorRefiner() const { return m_detectorRefiner; }
    /// The tracked series' vacancy lines and line events on the frame shown (View > Vacancy Lines).
    VacancyLineLayer* vacancyLineLayer() const { return m_vacancyLines; }
    /// Starts refining the detector into the user's model folder (asks for a name unless quiet).
    bool refineDetector();
    /// Analysis > Use the Default Detector: forgets the refined detector.
    void useDefaultDetector();
    ReviewPanel* reviewPanel() const { return m_review; }
    FewShotPanel* fewShotPanel() const { return m_fewShot; }
    AnalysisPanel* analysisPanel() const { return m_analysisPanel; }
    LayerPanel* layerPanel() const { return m_layers; }
    PlotPanel* plotPanel() const { return m_plots; }
    LogPanel* logPanel() const { return m_logPanel; }
    /// The batch queue (Tools > Batch), created on first use; it keeps running across language changes.
    BatchDialog* batchDialog();
    /// When true (tests, batch), errors are reported through errorOccurred and the status bar only,
    /// never in a modal dialog, and nothing asks.
    void setQuiet(bool quiet);
    /// How the image is shown (display settings, frame slider, cursor readout).
    DisplayController* display() const { return m_display; }

Q_SIGNALS:
    void fileOpened(const QString& path);
    void projectOpened(const QString& path);
    void errorOccurred(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    /// The Image tool bar moves to a second row when the three tool bars do not fit side by side (a
    /// narrow window, longer German labels), so no button hides behind the overflow arrow.
    void updateToolBarRows();

private:
    void wireControllers();
    void buildUi();
    void buildMenus();
    void buildToolBars();
    void buildDocks();
    void reportError(const QString& message);
    void showStatus(const QString& text, int timeoutMs);
    void updateTitle();

    Document* m_document;
    ImageView* m_view;
    JobRunner* m_jobs;
    GraphUpdater* m_graph;
    StepRunner* m_steps;
    SubModelController* m_subModels;
    FewShotTrainer* m_fewShotTrainer;
    StackClassifier* m_stackClassifier;
    RecentFiles* m_recent;
    ImageLoader* m_loader;
    ProjectController* m_projects;
    FileController* m_files;
    ExportController* m_exports;
    LanguageController* m_languages;
    EditToolController* m_editTools;
    PlotsController* m_plotsController;
    JobMessages* m_messages;
    DisplayController* m_display;
    DopantFinder* m_dopantFinder;
    DetectorRefiner* m_detectorRefiner;
    VacancyLineLayer* m_vacancyLines = nullptr;
    BatchDialog* m_batch = nullptr;
    LayerPanel* m_layers = nullptr;
    PlotPanel* m_plots = nullptr;
    AnalysisPanel* m_analysisPanel = nullptr;
    ReviewPanel* m_review = nullptr;
    FewShotPanel* m_fewShot = nullptr;
    LogPanel* m_logPanel = nullptr;
    QList<QDockWidget*> m_docks;
    QList<QToolBar*> m_toolBars;
    QList<QAction*> m_mainActions; ///< the main tool bar's actions (owned by the menus)
    QLabel* m_cursorLabel = nullptr;
    bool m_quiet = false;
};

} // namespace atomlens::gui
