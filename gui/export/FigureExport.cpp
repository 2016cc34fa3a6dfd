#include "gui/export/FigureExport.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/io/AtomTableCsv.h"
#include "gui/document/Document.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"

#include <QFile>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>
#include <map>

namespace atomlens::gui {
namespace {

void paintLegend(QPainter* p, const QRectF& area, const Document& doc, const ImageView& view,
                 const QRectF& region) {
    // Every mark the figure shows: classes (rejected atoms apart), rejected, reviewed, and the empty
    // ideal sites when that layer is on (they were missing, so a reader could not tell them apart).
    enum Mark { Class, Rejected, Reviewed, EmptySite };
    const QStringList names = doc.classNames();
    const AtomTable& atoms = doc.atoms();
    std::map<int, int> counts;
    int rejected = 0, reviewed = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (!region.contains(atoms.xs()[i], atoms.ys()[i])) continue; // counts of what the figure shows
        const auto f = atoms.flags()[i];
        if (f & kFlagRejected) {
            ++rejected;
            continue;
        }
        ++counts[atoms.classIds()[i]];
        if (f & kFlagUserReviewed) ++reviewed;
    }
    QStringList lines;
    std::vector<std::pair<Mark, int>> marks;
    for (int c = 0; c < names.size(); ++c) {
        if (!counts[c]) continue;
        lines << QStringLiteral("%1 (%2)").arg(names[c]).arg(counts[c]);
        marks.push_back({Class, c});
    }
    if (counts[-1]) {
        lines << QObject::tr("unclassified (%1)").arg(counts[-1]);
        marks.push_back({Class, -1});
    }
    if (rejected) {
        lines << QObject::tr("rejected (%1)").arg(rejected);
        marks.push_back({Rejected, 0});
    }
    if (reviewed) {
        lines << QObject::tr("reviewed (white dot) (%1)").arg(reviewed);
        marks.push_back({Reviewed, 0});
    }
    const std::size_t empty = view.graphOverlay()->emptySiteCount(region);
    if ((view.graphOverlay()->layers() & GraphOverlayItem::EmptySites) && empty > 0) {
        lines << QObject::tr("empty ideal site (%1)").arg(empty);
        marks.push_back({EmptySite, 0});
    }
    if (lines.isEmpty()) return;
    const double s = std::max(1.0, area.height() / 700.0);
    QFont font = p->font();
    font.setPixelSize(int(14 * s));
    p->save();
    p->setFont(font);
    const double line = 20 * s;
    double w = 0;
    for (const auto& l : lines) w = std::max(w, double(QFontMetricsF(font).horizontalAdvance(l)));
    const QRectF box(area.right() - w - 46 * s, area.top() + 10 * s, w + 36 * s,
                     line * lines.size() + 10 * s);
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(0, 0, 0, 150));
    p->drawRect(box);
    p->setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < lines.size(); ++i) {
        const double y = box.top() + 5 * s + i * line;
        const QPointF c(box.left() + 14 * s, y + line / 2);
        const auto [mark, classId] = marks[std::size_t(i)];
        p->setBrush(Qt::NoBrush);
        switch (mark) {
        case Class:
            p->setPen(QPen(AtomOverlayItem::classColour(classId), 2.5 * s));
            p->drawEllipse(c, 6 * s, 6 * s);
            break;
        case Rejected:
            p->setPen(QPen(QColor(150, 150, 150), 2.5 * s));
            p->drawLine(c + QPointF(-5 * s, -5 * s), c + QPointF(5 * s, 5 * s));
            p->drawLine(c + QPointF(-5 * s, 5 * s), c + QPointF(5 * s, -5 * s));
            break;
        case Reviewed:
            p->setPen(Qt::NoPen);
            p->setBrush(Qt::white);
            p->drawEllipse(c, 2.5 * s, 2.5 * s);
            break;
        case EmptySite:
            p->setPen(QPen(GraphOverlayItem::emptySiteColour(), 2.0 * s, Qt::DashLine));
            p->drawRect(QRectF(c.x() - 5 * s, c.y() - 5 * s, 10 * s, 10 * s));
            break;
        }
        p->setPen(Qt::white);
        p->drawText(QRectF(box.left() + 26 * s, y, w + 10 * s, line), Qt::AlignVCenter, lines[i]);
    }
    p->restore();
}

void paintFigure(QPainter* p, const QRectF& target, const ImageView& view, const Document& doc,
                 const FigureRequest& r, const QRectF& region) {
    p->setRenderHint(QPainter::SmoothPixmapTransform);
    view.scene()->render(p, target, region, Qt::KeepAspectRatio);
    const Calibration c = doc.calibration();
    if (r.scaleBar)
        paintScaleBar(p, target, (c.hasScale() ? c.pixelSizeX : 1.0) * region.width() / target.width(),
                      c.hasScale() ? QString::fromStdString(c.unit) : QStringLiteral("px"));
    if (r.legend) paintLegend(p, target, doc, view, region);
}

} // namespace

void exportFigure(const ImageView& view, const Document& doc, const FigureRequest& r) {
    const std::string file = r.path.toStdString();
    if (!doc.hasImage()) throw InputError(file, "no image to export");
    const QRectF whole = view.imageItem()->boundingRect();
    const QRectF region = r.region.isEmpty() ? whole : r.region.intersected(whole);
    const int width = std::max(64, int(std::lround(r.widthInches * r.dpi)));
    const int height = std::max(16, int(std::lround(width * region.height() / region.width())));
    const QString suffix = QFileInfo(r.path).suffix().toLower();
    writeFileAtomically(file, [&](const std::string& tmp) {
        const QString out = QString::fromStdString(tmp);
        if (suffix == QLatin1String("png")) {
            QImage image(width, height, QImage::Format_RGB32);
            image.fill(Qt::black);
            image.setDotsPerMeterX(int(std::lround(r.dpi / 0.0254)));
            image.setDotsPerMeterY(int(std::lround(r.dpi / 0.0254)));
            QPainter p(&image);
            paintFigure(&p, QRectF(0, 0, width, height), view, doc, r, region);
            p.end();
            if (!image.save(out, "PNG")) throw InputError(file, "cannot be written");
        } else if (suffix == QLatin1String("svg")) {
            QSvgGenerator svg;
            svg.setFileName(out);
            svg.setSize(QSize(width, height));
            svg.setViewBox(QRect(0, 0, width, height));
            svg.setResolution(r.dpi);
            svg.setTitle(QFileInfo(doc.filePath()).fileName());
            QPainter p(&svg);
            paintFigure(&p, QRectF(0, 0, width, height), view, doc, r, region);
        } else if (suffix == QLatin1String("pdf")) {
            QPdfWriter pdf(out);
            pdf.setResolution(r.dpi);
            pdf.setPageSize(QPageSize(QSizeF(r.widthInches * 25.4, r.widthInches * 25.4 * height / width),
                                      QPageSize::Millimeter));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            pdf.setTitle(QFileInfo(doc.filePath()).fileName());
            QPainter p(&pdf);
            paintFigure(&p, QRectF(0, 0, pdf.width(), pdf.height()), view, doc, r, region);
        } else {
            throw InputError(file, "unknown figure format (use .png, .svg or .pdf)");
        }
    });
}

void exportAtomsTable(const Document& doc, const QString& path) {
    const std::string file = path.toStdString();
    if (!doc.hasImage()) throw InputError(file, "no image");
    const AtomTable atoms = activeAtoms(doc.atoms());
    const Calibration c = doc.calibration();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        writeAtomsCsv(atoms, c, file);
        return;
    }
    if (suffix != QLatin1String("json")) throw InputError(file, "unknown table format (use .csv or .json)");
    QJsonArray rows;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const double x = atoms.xs()[i], y = atoms.ys()[i];
        const auto flags = atoms.flags()[i];
        rows.append(QJsonObject{
            {QStringLiteral("id"), double(atoms.ids()[i])},
            {QStringLiteral("x"), x},
            {QStringLiteral("y"), y},
            {QStringLiteral("x_cal"), c.originX + x * c.pixelSizeX},
            {QStringLiteral("y_cal"), c.originY + y * c.pixelSizeY},
            {QStringLiteral("class"), QString::fromStdString(atoms.className(atoms.classIds()[i]))},
            {QStringLiteral("confidence"), double(atoms.confidences()[i])},
            {QStringLiteral("sigma"), double(atoms.sigmas()[i])},
            {QStringLiteral("intensity"), double(atoms.intensities()[i])},
            {QStringLiteral("uncertainty"), double(atoms.uncertainties()[i])},
            {QStringLiteral("reviewed"), bool(flags & kFlagUserReviewed)},
            {QStringLiteral("userAdded"), bool(flags & kFlagUserAdded)},
            {QStringLiteral("flags"), double(flags)}});
    }
    const QJsonObject root{{QStringLiteral("image"), doc.filePath()},
                           {QStringLiteral("unit"), QString::fromStdString(c.unit)},
                           {QStringLiteral("pixelSizeX"), c.pixelSizeX},
                           {QStringLiteral("pixelSizeY"), c.pixelSizeY},
                           {QStringLiteral("atoms"), rows}};
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    writeFileAtomically(file, [&](const std::string& tmp) {
        QFile f(QString::fromStdString(tmp));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush())
            throw InputError(file, "cannot be written");
    });
}

} // namespace atomlens::gui
