#pragma once
#include <QObject>
#include <QPointer>
#include <QString>

class QMenu;
class QWidget;

namespace atomlens::gui {

class Document;
class ImageLoader;
class ProjectController;
class RecentFiles;
class StepRunner;

/// Opening files: File > Open (micrographs and projects), Open Recent, drag and drop and the command
/// line, each asking about unsaved work first; Image > Signal (another image of a multi-signal file);
/// and the detection that starts when an image opens or a stack's frame is first shown (Settings >
/// Detect Atoms on Open).
class FileController : public QObject {
    Q_OBJECT
public:
    FileController(Document* document, ImageLoader* loader, RecentFiles* recent, ProjectController* projects,
                   StepRunner* steps, QWidget* dialogParent);
    /// Reads the file on a worker thread; the window stays responsive. fileOpened or an error follows.
    void openFile(const QString& path);
    /// A micrograph or, by its extension, a project.
    void open(const QString& path);
    /// File > Open: a file dialog, then open().
    void openDialog();
    /// Reopens the open file showing another of its signals (Image > Signal); asks about unsaved work.
    bool openSignal(int signal);
    /// Whether opening an image starts detection at once (default on).
    void setAutoDetect(bool on) { m_autoDetect = on; }
    bool autoDetect() const { return m_autoDetect; }
    /// The menus this controller fills: File > Open Recent and Image > Signal (rebuilt with the UI).
    void setMenus(QMenu* recent, QMenu* signal);

Q_SIGNALS:
    /// An image (or a project's image) is shown.
    void fileOpened(const QString& path);
    void status(const QString& text, int timeoutMs);

private:
    void updateRecentMenu();
    void updateSignalMenu();
    /// Detection on open; its result counts as unchanged unless the user edits while it runs.
    void detectOnOpen();
    Document* m_doc;
    ImageLoader* m_loader;
    RecentFiles* m_recent;
    ProjectController* m_projects;
    StepRunner* m_steps;
    QWidget* m_dialogParent;
    QPointer<QMenu> m_recentMenu, m_signalMenu;
    bool m_autoDetect = true;
};

} // namespace atomlens::gui
