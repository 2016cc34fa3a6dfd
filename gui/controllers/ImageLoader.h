#pragma once
#include <QObject>
#include <QString>

#include <functional>

namespace atomlens::gui {

class Document;

/// Reads a micrograph file on a worker thread (the window stays responsive) and makes it the
/// document's micrograph. Every open path goes through it: File > Open, recent files, drag and drop,
/// Image > Signal, the command line and projects (which restore their atoms once the image is read).
class ImageLoader : public QObject {
    Q_OBJECT
public:
    explicit ImageLoader(Document* document, QObject* parent = nullptr);
    /// Reads `path` (`signal`: one image of a multi-signal file, -1: the reader's default, HAADF where
    /// there is one). On success the document shows it, loaded() is emitted, then `restore` runs (a
    /// project's atoms and view); on failure failed() and nothing changes.
    void load(const QString& path, int signal = -1, std::function<void()> restore = {});

Q_SIGNALS:
    /// The image is shown; `project`: a project restores its contents right after this.
    void loaded(const QString& path, bool project);
    void failed(const QString& message);
    void status(const QString& text, int timeoutMs);

private:
    Document* m_doc;
};

} // namespace atomlens::gui
