#pragma once
#include "gui/view/DisplaySettings.h"

#include <QMainWindow>
#include <QString>

class QComboBox;
class QLabel;
class QSlider;
class QMenu;

namespace atomlens::gui {

class Document;
class ImageView;

/// The AtomLens main window: opens micrographs (menu, drag and drop, recent files, command line),
/// shows them with their atoms, and hosts the analysis panels.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    Document* document() const { return m_document; }
    ImageView* view() const { return m_view; }
    /// When true (tests, batch), errors are reported through errorOccurred and the status bar only,
    /// never in a modal dialog.
    void setQuiet(bool quiet) { m_quiet = quiet; }

public Q_SLOTS:
    /// Reads the file on a worker thread; the window stays responsive. Emits fileOpened or errorOccurred.
    void openFile(const QString& path);
    void openFileDialog();

Q_SIGNALS:
    void fileOpened(const QString& path);
    void errorOccurred(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildToolBar();
    void showMicrograph();
    void refreshImage();
    void reportError(const QString& message);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateCursorReadout(QPointF position);

    Document* m_document;
    ImageView* m_view;
    DisplaySettings m_display;
    QSlider* m_frameSlider = nullptr;
    QLabel* m_frameLabel = nullptr;
    QComboBox* m_colourMap = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QMenu* m_recentMenu = nullptr;
    bool m_quiet = false;
};

} // namespace atomlens::gui
