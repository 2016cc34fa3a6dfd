#include "gui/controllers/ExportController.h"

#include "gui/document/Document.h"
#include "gui/export/FigureExport.h"
#include "gui/view/ImageView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

ExportController::ExportController(Document* document, ImageView* view, QWidget* dialogParent)
    : QObject(dialogParent), m_doc(document), m_view(view), m_dialogParent(dialogParent) {}

bool ExportController::exportFigureTo(const QString& path, const QRectF& region, int dpi) {
    FigureRequest r;
    r.path = path;
    r.region = region;
    r.dpi = dpi;
    try {
        exportFigure(*m_view, *m_doc, r);
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    Q_EMIT status(tr("Exported %1").arg(path), 5000);
    return true;
}

bool ExportController::exportTableTo(const QString& path) {
    try {
        exportAtomsTable(*m_doc, path);
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    Q_EMIT status(tr("Exported %1").arg(path), 5000);
    return true;
}

void ExportController::figureDialog(bool region) {
    if (!m_doc->hasImage()) return;
    const QString base = QFileInfo(m_doc->filePath()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(m_dialogParent, tr("Export Figure"), base + QStringLiteral("-atoms.png"),
                                     tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    int dpi = 300;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        bool ok = false;
        dpi =
            QInputDialog::getInt(m_dialogParent, tr("Export Figure"),
                                 tr("Resolution (DPI) for a 6.5 inch wide figure:"), 300, 72, 1200, 50, &ok);
        if (!ok) return;
    }
    exportFigureTo(path, region ? m_view->visibleRegion() : QRectF(), dpi);
}

void ExportController::tableDialog() {
    if (!m_doc->hasImage()) return;
    const QString base = QFileInfo(m_doc->filePath()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(m_dialogParent, tr("Export Table"), base + QStringLiteral("-atoms.csv"),
                                     tr("CSV table (*.csv);;JSON (*.json)"));
    if (!path.isEmpty()) exportTableTo(path);
}

bool ExportController::setPixelSize(double size, const QString& unit) {
    if (!m_doc->hasImage() || !(size > 0) || !std::isfinite(size)) return false;
    Calibration c = m_doc->calibration();
    c.pixelSizeX = c.pixelSizeY = size;
    c.unit = unit.toStdString();
    if (!c.isCalibrated()) return false; // not a length unit
    m_doc->setCalibration(c);
    Q_EMIT pixelSizeChanged();
    Q_EMIT status(tr("Pixel size set to %1 %2 (kept in the project).").arg(size).arg(unit), 8000);
    return true;
}

void ExportController::pixelSizeDialog() {
    if (!m_doc->hasImage()) return;
    const Calibration c = m_doc->calibration();
    bool ok = false;
    const QStringList units{QStringLiteral("nm"), QStringLiteral("\u00c5"), QStringLiteral("pm"),
                            QStringLiteral("\u00b5m")};
    const QString unit = QInputDialog::getItem(
        m_dialogParent, tr("Set Pixel Size"), tr("Unit:"), units,
        c.isCalibrated() ? std::max<int>(0, int(units.indexOf(QString::fromStdString(c.unit)))) : 0, false,
        &ok);
    if (!ok) return;
    const double size = QInputDialog::getDouble(m_dialogParent, tr("Set Pixel Size"),
                                                tr("Size of one pixel in %1:").arg(unit),
                                                c.isCalibrated() ? c.pixelSizeX : 0.01, 1e-6, 1e6, 6, &ok);
    if (ok && !setPixelSize(size, unit))
        Q_EMIT errorOccurred(tr("%1 %2 is not a pixel size.").arg(size).arg(unit));
}

} // namespace atomlens::gui
