#include "gui/MainWindow.h"

#include "core/io/MicrographReader.h"
#include "gui/document/Document.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"

#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QtConcurrent>

#include <cmath>

namespace atomlens::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_view(new ImageView(this)) {
    setWindowTitle(tr("AtomLens"));
    setCentralWidget(m_view);
    setAcceptDrops(true);
    resize(1200, 860);
    buildMenus();
    buildToolBar();
    m_cursorLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->showMessage(tr("Open a micrograph (File > Open, or drop a file here)."));
    connect(m_view, &ImageView::cursorMoved, this, &MainWindow::updateCursorReadout);
    connect(m_document, &Document::micrographChanged, this, &MainWindow::showMicrograph);
    connect(m_document, &Document::frameChanged, this, &MainWindow::refreshImage);
    connect(m_document, &Document::atomsChanged, this,
            [this] { m_view->atomOverlay()->setAtoms(m_document->atoms()); });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openFileDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Fit Image"), QKeySequence(Qt::Key_F), m_view, &ImageView::fitImage);
    view->addAction(tr("&Auto Contrast"), QKeySequence(Qt::Key_A | Qt::ShiftModifier), this, [this] {
        if (!m_document->hasImage()) return;
        const QString map = m_display.colourMap;
        m_display = DisplaySettings::autoContrast(m_document->currentImage());
        m_display.colourMap = map;
        refreshImage();
    });
    QAction* atoms = view->addAction(tr("Show &Atoms"));
    atoms->setCheckable(true);
    atoms->setChecked(true);
    connect(atoms, &QAction::toggled, this, [this](bool on) { m_view->atomOverlay()->setVisible(on); });
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Image"));
    bar->setObjectName(QStringLiteral("imageToolBar"));
    bar->addWidget(new QLabel(tr(" Colour map: "), this));
    m_colourMap = new QComboBox(this);
    m_colourMap->addItems(DisplaySettings::colourMaps());
    bar->addWidget(m_colourMap);
    connect(m_colourMap, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        m_display.colourMap = name;
        refreshImage();
    });
    bar->addSeparator();
    m_frameLabel = new QLabel(tr(" Frame: "), this);
    bar->addWidget(m_frameLabel);
    m_frameSlider = new QSlider(Qt::Horizontal, this);
    m_frameSlider->setMaximumWidth(240);
    bar->addWidget(m_frameSlider);
    m_frameSlider->setEnabled(false);
    connect(m_frameSlider, &QSlider::valueChanged, m_document, &Document::setCurrentFrame);
}

void MainWindow::openFileDialog() {
    QStringList patterns;
    for (const auto& e : supportedExtensions()) patterns << QStringLiteral("*") + QString::fromStdString(e);
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Micrograph"), QString(),
                                     tr("Micrographs (%1);;All files (*)").arg(patterns.join(' ')));
    if (!path.isEmpty()) openFile(path);
}

void MainWindow::openFile(const QString& path) {
    statusBar()->showMessage(tr("Opening %1...").arg(QFileInfo(path).fileName()));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    // Exceptions do not cross QtConcurrent cleanly: the worker returns the error text instead.
    struct Loaded {
        std::shared_ptr<const Micrograph> micrograph;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, path] {
        QApplication::restoreOverrideCursor();
        watcher->deleteLater();
        const Loaded loaded = watcher->result();
        if (!loaded.micrograph) {
            reportError(loaded.error);
            return;
        }
        m_document->setMicrograph(loaded.micrograph);
        addRecentFile(path);
        Q_EMIT fileOpened(path);
    });
    const std::string file = path.toStdString();
    watcher->setFuture(QtConcurrent::run([file]() -> Loaded {
        try {
            return {std::make_shared<const Micrograph>(readMicrograph(file)), {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::showMicrograph() {
    if (!m_document->hasImage()) return;
    const Micrograph& m = *m_document->micrograph();
    m_display = DisplaySettings::autoContrast(m.frame(0));
    m_display.colourMap = m_colourMap->currentText();
    m_view->setCalibration(m.calibration);
    m_view->atomOverlay()->setBounds(QRectF(-0.5, -0.5, m.width(), m.height()));
    m_frameSlider->blockSignals(true);
    m_frameSlider->setRange(0, m.frameCount() - 1);
    m_frameSlider->setValue(0);
    m_frameSlider->blockSignals(false);
    m_frameSlider->setEnabled(m.frameCount() > 1);
    m_frameLabel->setText(tr(" Frame 1/%1 ").arg(m.frameCount()));
    refreshImage();
    m_view->fitImage();
    setWindowTitle(tr("AtomLens - %1").arg(QFileInfo(QString::fromStdString(m.sourcePath)).fileName()));
    statusBar()->showMessage(tr("%1 x %2 px, %3 frame(s), %4")
                                 .arg(m.width())
                                 .arg(m.height())
                                 .arg(m.frameCount())
                                 .arg(m.calibration.isCalibrated()
                                          ? tr("%1 %2/px")
                                                .arg(m.calibration.pixelSizeX)
                                                .arg(QString::fromStdString(m.calibration.unit))
                                          : tr("uncalibrated")));
}

void MainWindow::refreshImage() {
    if (!m_document->hasImage()) return;
    m_view->imageItem()->setImage(renderImage(m_document->currentImage(), m_display));
    m_frameLabel->setText(
        tr(" Frame %1/%2 ").arg(m_document->currentFrame() + 1).arg(m_document->micrograph()->frameCount()));
}

void MainWindow::reportError(const QString& message) {
    statusBar()->showMessage(message);
    Q_EMIT errorOccurred(message);
    if (!m_quiet) QMessageBox::warning(this, tr("AtomLens"), message);
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(QFileInfo(path).absoluteFilePath());
    while (recent.size() > 10) recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& f : recent)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateCursorReadout(QPointF p) {
    if (!m_document->hasImage()) return;
    const Image& img = m_document->currentImage();
    const int x = int(std::lround(p.x())), y = int(std::lround(p.y()));
    if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
        m_cursorLabel->clear();
        return;
    }
    const Calibration& c = m_document->micrograph()->calibration;
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
    if (!urls.isEmpty() && urls.first().isLocalFile()) openFile(urls.first().toLocalFile());
}

} // namespace atomlens::gui
