#include "gui/controllers/ImageLoader.h"

#include "core/io/MicrographReader.h"
#include "gui/document/Document.h"

#include <QApplication>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

#include <memory>

namespace atomlens::gui {

ImageLoader::ImageLoader(Document* document, QObject* parent) : QObject(parent), m_doc(document) {}

void ImageLoader::load(const QString& path, int signal, std::function<void()> restore) {
    Q_EMIT status(tr("Opening %1...").arg(QFileInfo(path).fileName()), 0);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    // Exceptions do not cross QtConcurrent cleanly: the worker returns the error text instead.
    struct Loaded {
        std::shared_ptr<const Micrograph> micrograph;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, path, restore] {
        QApplication::restoreOverrideCursor();
        watcher->deleteLater();
        const Loaded loaded = watcher->result();
        if (!loaded.micrograph) {
            Q_EMIT failed(loaded.error);
            return;
        }
        m_doc->setMicrograph(loaded.micrograph);
        Q_EMIT this->loaded(path, bool(restore));
        if (restore) restore();
    });
    const std::string file = path.toStdString();
    watcher->setFuture(QtConcurrent::run([file, signal]() -> Loaded {
        try {
            ReadOptions options;
            options.signalIndex = signal;
            return {std::make_shared<const Micrograph>(readMicrograph(file, options)), {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

} // namespace atomlens::gui
