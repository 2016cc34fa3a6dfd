#pragma once
#include "gui/project/ProjectFile.h"

#include <QObject>
#include <QString>

#include <functional>

class QTimer;
class QWidget;

namespace atomlens::gui {

class Document;
class FewShotTrainer;
class GraphUpdater;
class ImageLoader;
class RecentFiles;

/// Projects: File > Save Project (atomically, with the fine-tuned model next to it), opening one
/// (its image read by the ImageLoader, then atoms, labels, view and model restored; a moved
/// micrograph is located), the modified state (undo stack plus what it does not record), the
/// question about unsaved work, autosave every two minutes and crash recovery.
class ProjectController : public QObject {
    Q_OBJECT
public:
    /// The window's view in a project: how to read it for a save and show it after an open.
    struct ViewState {
        std::function<ProjectView()> current;
        std::function<void(const ProjectView&)> restore;
    };
    /// Asked for a project's moved micrograph (its stored path); returns the new path or "" to give up.
    using ImageLocator = std::function<QString(const QString& missingPath)>;

    /// `dialogParent`: the parent of questions and file dialogs (none in quiet mode).
    ProjectController(Document* document, ImageLoader* loader, RecentFiles* recent, FewShotTrainer* fewShot,
                      GraphUpdater* graph, QWidget* dialogParent);
    void setViewState(ViewState view) { m_view = std::move(view); }
    /// Quiet (tests, batch): never asks, never shows a dialog.
    void setQuiet(bool quiet) { m_quiet = quiet; }
    /// Default: a message with "Locate Image..." and a file dialog (quiet: nothing, an error).
    void setImageLocator(ImageLocator locator) { m_imageLocator = std::move(locator); }

    /// Saves the project (atomically); false with errorOccurred on failure.
    bool saveTo(const QString& path);
    /// File > Save Project (As): asks for a path when there is none (or `saveAs`); false when nothing
    /// was saved (cancelled or failed).
    bool saveDialog(bool saveAs);
    /// Opens a project after asking about unsaved work; projectOpened when it is restored.
    void open(const QString& path);
    QString projectPath() const { return m_projectPath; }
    /// True when the open work has changes not saved in a project (edits, or a recovered autosave).
    bool isModified() const;
    /// Records a change the undo stack does not (a new pixel size).
    void markModified();
    /// Asks whether to save unsaved work before it would be replaced (Open, Quit); false = cancelled.
    bool maybeSave();
    /// Writes the autosave file now when there are unsaved changes; returns its path ("" = nothing).
    QString autosaveNow();
    /// Where autosaves go (QStandardPaths app data).
    static QString autosavePath();
    /// After a crash: offers (or in quiet mode just does) reopening the autosaved project.
    bool recoverAutosave();

Q_SIGNALS:
    void projectOpened(const QString& path);
    /// The project path or the modified state changed (the window title).
    void titleChanged();
    void status(const QString& text, int timeoutMs);
    void errorOccurred(const QString& message);

private:
    /// open() without the question; `recovery` = an autosave (continues as the user's project).
    void load(const QString& path, bool recovery);
    QString locateImage(const QString& missing, const QString& project);
    /// Project extras for a save to `path`: the fine-tuned model written next to it.
    ProjectExtras extras(const QString& path);
    ProjectView currentView() const;

    Document* m_doc;
    ImageLoader* m_loader;
    RecentFiles* m_recent;
    FewShotTrainer* m_fewShot;
    GraphUpdater* m_graph;
    QWidget* m_dialogParent;
    QTimer* m_autosave;
    ViewState m_view;
    ImageLocator m_imageLocator;
    QString m_projectPath;
    bool m_modified = false; ///< unsaved beyond the undo stack (recovered autosave, relocated image)
    bool m_quiet = false;
};

} // namespace atomlens::gui
