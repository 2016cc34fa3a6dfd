#pragma once
#include "gui/panels/LogPanel.h"
#include "gui/project/ProjectFile.h"
#include "gui/view/DisplaySettings.h"

#include <QMainWindow>
#include <QPolygonF>
#include <QString>
#include <QTranslator>

#include <functional>

class QActionGroup;
class QComboBox;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QSlider;
class QTimer;

namespace atomlens {
class PlotPanel;
}

namespace atomlens::gui {

class Analysis;
class AnalysisPanel;
class BatchDialog;
class SeriesTracking;
class DopantFinder;
class VacancyLineLayer;
class Document;
class FewShotPanel;
class ImageView;
class LayerPanel;
class ReviewPanel;

/// The AtomLens main window: opens micrographs (menu, drag and drop, recent files, command line) and
/// detects their atoms at once, shows them with overlay layers, and hosts the analysis, review and
/// few-shot panels, projects (with autosave and crash recovery), export and the language menu.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    Document* document() const { return m_document; }
    ImageView* view() const { return m_view; }
    Analysis* analysis() const { return m_analysis; }
    ReviewPanel* reviewPanel() const { return m_review; }
    FewShotPanel* fewShotPanel() const { return m_fewShot; }
    AnalysisPanel* analysisPanel() const { return m_analysisPanel; }
    LayerPanel* layerPanel() const { return m_layers; }
    PlotPanel* plotPanel() const { return m_plots; }
    /// The Log dock: the engine's messages (JobContext::log) for the open file.
    LogPanel* logPanel() const { return m_logPanel; }
    const QList<LogEntry>& logEntries() const { return m_log; }
    /// Time-series analysis of the open stack (Analysis > Track Series / Track Dopant Switches).
    SeriesTracking* seriesTracking() const { return m_series; }
    /// The batch queue (Tools > Batch), created on first use; it keeps running across language changes.
    BatchDialog* batchDialog();
    /// When true (tests, batch), errors are reported through errorOccurred and the status bar only,
    /// never in a modal dialog.
    void setQuiet(bool quiet) { m_quiet = quiet; }
    /// Whether opening an image starts detection at once (default on).
    void setAutoDetect(bool on) { m_autoDetect = on; }
    const DisplaySettings& display() const { return m_display; }
    void setDisplay(const DisplaySettings& display);

    /// Saves the project (atomically); false with errorOccurred on failure.
    bool saveProjectTo(const QString& path);
    /// Opens a project: its image is read on a worker, then atoms and view are restored
    /// (projectOpened). When the micrograph moved, the image locator is asked where it is now.
    void openProject(const QString& path);
    /// Asked for a project's moved micrograph (its stored path); returns the new path or "" to give up.
    /// Default: a message with "Locate Image..." and a file dialog (quiet windows: nothing, an error).
    using ImageLocator = std::function<QString(const QString& missingPath)>;
    void setImageLocator(ImageLocator locator) { m_imageLocator = std::move(locator); }
    QString projectPath() const { return m_projectPath; }
    /// True when the open work has changes not saved in a project (edits, or a recovered autosave).
    bool isModified() const;
    /// Asks whether to save unsaved work before it would be replaced (Open, Quit); false = cancelled.
    /// Quiet windows never ask.
    bool maybeSave();
    /// Writes the autosave file now when there are unsaved changes; returns its path ("" = nothing).
    QString autosaveNow();
    /// Where autosaves go (QStandardPaths app data).
    static QString autosavePath();
    /// After a crash: offers (or in quiet mode just does) reopening the autosaved project.
    bool recoverAutosave();
    /// Exports a figure of the whole image (region empty) or a region; false on failure.
    bool exportFigureTo(const QString& path, const QRectF& region = {}, int dpi = 300);
    bool exportTableTo(const QString& path);
    /// Image > Set Pixel Size: overrides the file's calibration (size of one pixel in a length unit such
    /// as "nm" or "\u00c5"); kept in the project, used by the scale bar, tables and exports. False when
    /// the size or unit is not valid.
    bool setPixelSize(double size, const QString& unit);
    /// Switches the user-interface language ("en", "de", "zh_CN"); false when unknown.
    bool setLanguage(const QString& code);
    /// Reopens the open file showing another of its signals (Image > Signal); asks about unsaved work.
    bool openSignal(int signal);
    DopantFinder* dopantFinder() const { return m_dopantFinder; }
    /// The tracked series' vacancy lines and line events on the frame shown (View > Vacancy Lines).
    VacancyLineLayer* vacancyLineLayer() const { return m_vacancyLines; }
    QString language() const { return m_language; }

public Q_SLOTS:
    /// Reads the file on a worker thread; the window stays responsive. Emits fileOpened or errorOccurred.
    void openFile(const QString& path);
    void openFileDialog();
    /// The view's click with a tool: select (navigate), add an atom, or label the nearest atom.
    void handleClick(QPointF position, int tool);
    /// Move tool: moves the atom nearest `from` to `to` (then re-refines locally).
    void handleDrag(QPointF from, QPointF to);
    /// Lasso: gives every atom inside the polygon the few-shot panel's current class.
    void handleLasso(const QPolygonF& polygon);

Q_SIGNALS:
    void fileOpened(const QString& path);
    void projectOpened(const QString& path);
    void errorOccurred(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    /// The Image tool bar moves to a second row when the three tool bars do not fit side by side (a
    /// narrow window, longer German labels), so no button hides behind the overflow arrow.
    void updateToolBarRows();

private:
    void buildUi();
    void buildMenus();
    void buildToolBars();
    void buildDocks();
    /// Refreshes the Plots dock from the document's graph and atoms.
    void updatePlots();
    /// Opens a 3-D view of the current frame and its atoms (builds with VTK only), with the space-time
    /// tracks of the last series analysis of this stack.
    void showSceneView();
    /// Runs a series analysis of the open stack (SeriesTracking), then shows its time curves.
    void trackSeries(int mode);
    void showMicrograph();
    void refreshImage();
    void reportError(const QString& message);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateCursorReadout(QPointF position);
    /// Adds an engine message to the Log dock; warnings and errors also go to the status bar.
    void addLog(const QString& job, int level, const QString& text);
    void updateTitle();
    int labelClass();
    ProjectView currentView() const;
    void exportFigureDialog(bool region);
    void exportTableDialog();
    void pixelSizeDialog();
    /// False when nothing was saved (cancelled or failed).
    bool saveProjectDialog(bool saveAs);
    /// Reads an image file on a worker (openFile without the unsaved-work question).
    /// Reads an image file on a worker; `signal` picks one image of a multi-signal file (-1: the
    /// reader's default, HAADF where there is one).
    void loadImage(const QString& path, int signal = -1);
    /// Image > Signal: the signals of the open file, the one shown checked.
    void updateSignalMenu();
    /// openProject without the question; `recovery` = an autosave (continues as the user's project).
    void loadProject(const QString& path, bool recovery);
    QString locateImage(const QString& missing, const QString& project);
    /// Project extras for a save to `path`: the fine-tuned model written next to it.
    ProjectExtras projectExtras(const QString& path);

    Document* m_document;
    ImageView* m_view;
    Analysis* m_analysis;
    SeriesTracking* m_series = nullptr;
    DopantFinder* m_dopantFinder = nullptr;
    VacancyLineLayer* m_vacancyLines = nullptr;
    QMenu* m_signalMenu = nullptr; ///< Image > Signal: the images of a multi-signal file
    BatchDialog* m_batch = nullptr;
    DisplaySettings m_display;
    LayerPanel* m_layers = nullptr;
    PlotPanel* m_plots = nullptr;
    AnalysisPanel* m_analysisPanel = nullptr;
    ReviewPanel* m_review = nullptr;
    FewShotPanel* m_fewShot = nullptr;
    LogPanel* m_logPanel = nullptr;
    QList<LogEntry> m_log;
    QString m_jobWarning; ///< the last warning of the running user job (repeated when it ends)
    QList<QDockWidget*> m_docks;
    QList<QToolBar*> m_toolBars;
    QList<QAction*> m_mainActions; ///< the main tool bar's actions (owned by the menus)
    QSlider* m_frameSlider = nullptr;
    QLabel* m_frameLabel = nullptr;
    QComboBox* m_colourMap = nullptr;
    QDoubleSpinBox* m_gamma = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_tools = nullptr;
    QTimer* m_autosave;
    QTranslator m_translator;
    QTranslator m_qtTranslator; ///< Qt's own strings (dialog buttons) in the same language
    QString m_language = QStringLiteral("en");
    QString m_projectPath;
    ProjectView m_pendingView;
    std::function<void()> m_pendingRestore; ///< a project's restore, run once its image is read
    bool m_modified = false; ///< unsaved beyond the undo stack (recovered autosave, relocated image)
    bool m_quiet = false;
    bool m_autoDetect = true;
    ImageLocator m_imageLocator;
};

} // namespace atomlens::gui
