// MainWindow: what clicks, drags and lassos in the view do, and the save/export dialogs.
#include "gui/MainWindow.h"

#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/export/FigureExport.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/ImageView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QStatusBar>

#include <algorithm>

namespace atomlens::gui {

int MainWindow::labelClass() {
    int c = m_fewShot->currentClass();
    if (c < 0) c = m_fewShot->addClass(tr("class 1"));
    return c;
}

void MainWindow::handleClick(QPointF p, int tool) {
    if (!m_document->hasImage()) return;
    const double reach = std::max(3.0, m_view->atomOverlay()->radius() * 2);
    const int row = m_view->atomOverlay()->nearestAtom(p, reach);
    const AtomTable& atoms = m_document->atoms();
    switch (ImageView::Tool(tool)) {
    case ImageView::Tool::AddAtom:
        edit::addAtom(*m_document, p);
        statusBar()->showMessage(tr("Atom added and refined; Ctrl+Z undoes."), 5000);
        break;
    case ImageView::Tool::Label:
        if (row >= 0 && std::size_t(row) < atoms.size()) {
            const int c = labelClass();
            edit::relabel(*m_document, {atoms.ids()[std::size_t(row)]}, c);
            statusBar()->showMessage(tr("Labelled as %1 (%2 labels).")
                                         .arg(m_document->classNames().value(c))
                                         .arg(m_document->userLabels().size()),
                                     5000);
        } else {
            // No node here (a dim column or a vacancy): the label places a site, refined onto a column
            // if one is there, else kept where the user clicked.
            const int c = labelClass();
            edit::addAtom(*m_document, p, c, true);
            statusBar()->showMessage(tr("No atom here: a site labelled %1 was placed; Ctrl+Z undoes.")
                                         .arg(m_document->classNames().value(c)),
                                     5000);
        }
        break;
    default:
        if (row >= 0 && std::size_t(row) < atoms.size()) {
            const Atom a = atoms.at(std::size_t(row));
            statusBar()->showMessage(tr("Atom %1 at (%2, %3) px: %4, confidence %5, sigma %6 px")
                                         .arg(a.id)
                                         .arg(a.x, 0, 'f', 2)
                                         .arg(a.y, 0, 'f', 2)
                                         .arg(a.classId >= 0
                                                  ? QString::fromStdString(atoms.className(a.classId))
                                                  : tr("unclassified"))
                                         .arg(double(a.confidence), 0, 'f', 2)
                                         .arg(double(a.sigma), 0, 'f', 2));
        }
        break;
    }
}

void MainWindow::handleDrag(QPointF from, QPointF to) {
    const double reach = std::max(3.0, m_view->atomOverlay()->radius() * 2);
    const int row = m_view->atomOverlay()->nearestAtom(from, reach);
    if (row < 0 || std::size_t(row) >= m_document->atoms().size()) return;
    edit::moveAtom(*m_document, m_document->atoms().ids()[std::size_t(row)], to);
    statusBar()->showMessage(tr("Atom moved and refined with its neighbours; Ctrl+Z undoes."), 5000);
}

void MainWindow::handleLasso(const QPolygonF& polygon) {
    const QRectF box = polygon.boundingRect();
    const AtomTable& atoms = m_document->atoms();
    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const QPointF p(atoms.xs()[i], atoms.ys()[i]);
        if (box.contains(p) && polygon.containsPoint(p, Qt::OddEvenFill)) ids.push_back(atoms.ids()[i]);
    }
    if (ids.empty()) return;
    const int c = labelClass();
    edit::relabel(*m_document, ids, c);
    statusBar()->showMessage(
        tr("%1 atoms labelled as %2; Ctrl+Z undoes.").arg(ids.size()).arg(m_document->classNames().value(c)),
        5000);
}

bool MainWindow::exportFigureTo(const QString& path, const QRectF& region, int dpi) {
    FigureRequest r;
    r.path = path;
    r.region = region;
    r.dpi = dpi;
    try {
        exportFigure(*m_view, *m_document, r);
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    return true;
}

bool MainWindow::exportTableTo(const QString& path) {
    try {
        exportAtomsTable(*m_document, path);
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    return true;
}

void MainWindow::exportFigureDialog(bool region) {
    if (!m_document->hasImage()) return;
    const QString base = QFileInfo(m_document->filePath()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Figure"), base + QStringLiteral("-atoms.png"),
                                     tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    int dpi = 300;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        bool ok = false;
        dpi =
            QInputDialog::getInt(this, tr("Export Figure"),
                                 tr("Resolution (DPI) for a 6.5 inch wide figure:"), 300, 72, 1200, 50, &ok);
        if (!ok) return;
    }
    exportFigureTo(path, region ? m_view->visibleRegion() : QRectF(), dpi);
}

void MainWindow::exportTableDialog() {
    if (!m_document->hasImage()) return;
    const QString base = QFileInfo(m_document->filePath()).completeBaseName();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Table"), base + QStringLiteral("-atoms.csv"),
                                     tr("CSV table (*.csv);;JSON (*.json)"));
    if (!path.isEmpty()) exportTableTo(path);
}

bool MainWindow::saveProjectDialog(bool saveAs) {
    if (!m_document->hasImage()) return false;
    QString path = m_projectPath;
    if (saveAs || path.isEmpty()) {
        const QString base = QFileInfo(m_document->filePath()).completeBaseName();
        path = QFileDialog::getSaveFileName(this, tr("Save Project"), base + QStringLiteral(".atomlens"),
                                            tr("AtomLens projects (*.atomlens)"));
        if (path.isEmpty()) return false;
    }
    return saveProjectTo(path);
}

} // namespace atomlens::gui
