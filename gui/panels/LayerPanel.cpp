#include "gui/panels/LayerPanel.h"

#include "gui/document/Document.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageView.h"

#include <QCheckBox>
#include <QPainter>
#include <QVBoxLayout>

#include <map>

namespace atomlens::gui {
namespace {

/// Paints the legend: class colours with counts, marks, ring sizes and the strain scale.
class Legend : public QWidget {
public:
    Legend(Document* doc, ImageView* view, QWidget* parent) : QWidget(parent), m_doc(doc), m_view(view) {
        setMinimumHeight(380); // room for the classes, marks, ring sizes and the strain scale
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const int line = fontMetrics().height() + 4;
        int y = 4;
        auto swatch = [&](const QColor& c, const QString& text, int shape) {
            const QRectF r(6, y + 3, line - 10, line - 10);
            // On a dark tile, as on the image: white marks (empty sites, class 3) stay visible.
            p.fillRect(r.adjusted(-3, -3, 3, 3), QColor(45, 45, 50));
            p.setPen(QPen(c, 2, shape == 1 ? Qt::DashLine : Qt::SolidLine)); // 1: empty site
            p.setBrush(shape == 2 ? QBrush(c) : Qt::NoBrush);
            if (shape == 0)
                p.drawEllipse(r);
            else if (shape == 1)
                p.drawRect(r);
            else if (shape == 2)
                p.drawRect(r);
            else {
                p.drawLine(r.topLeft(), r.bottomRight());
                p.drawLine(r.bottomLeft(), r.topRight());
            }
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRectF(line + 2, y, width() - line, line), Qt::AlignVCenter, text);
            y += line;
        };
        const auto& atoms = m_doc->atoms();
        std::map<int, int> counts;
        for (const auto c : atoms.classIds()) ++counts[c];
        const QStringList names = m_doc->classNames();
        for (int c = 0; c < names.size(); ++c)
            swatch(AtomOverlayItem::classColour(c), QStringLiteral("%1 (%2)").arg(names[c]).arg(counts[c]),
                   0);
        if (counts[-1] > 0 || names.isEmpty())
            swatch(AtomOverlayItem::classColour(-1), LayerPanel::tr("unclassified (%1)").arg(counts[-1]), 0);
        swatch(QColor(150, 150, 150), LayerPanel::tr("rejected"), 3);
        swatch(Qt::white, LayerPanel::tr("reviewed (white dot)"), 0);
        swatch(QColor(255, 0, 255), LayerPanel::tr("changed by the last model"), 0);
        const auto* graph = m_view->graphOverlay();
        if (graph->layers() & GraphOverlayItem::EmptySites)
            swatch(GraphOverlayItem::emptySiteColour(),
                   LayerPanel::tr("empty ideal site (%1)").arg(graph->emptySiteCount()), 1);
        if (graph->layers() & GraphOverlayItem::Rings)
            for (std::size_t s = 3; s <= 9; ++s)
                if (s != graph->commonRingSize())
                    swatch(graph->ringColour(s), LayerPanel::tr("%1-ring").arg(s), 2);
        if (graph->layers() & GraphOverlayItem::Strain) {
            p.drawText(QRectF(6, y, width(), line), Qt::AlignVCenter,
                       LayerPanel::tr("dilatation -5% ... +5%"));
            y += line;
            for (int x = 0; x < width() - 12; ++x) {
                const double t = (2.0 * x / (width() - 12) - 1) * GraphOverlayItem::strainRange;
                p.setPen(GraphOverlayItem::strainColour(t));
                p.drawLine(6 + x, y, 6 + x, y + 10);
            }
            y += 14;
        }
        if (minimumHeight() < y + 4) {
            setMinimumHeight(y + 4);
            updateGeometry();
        }
    }

private:
    Document* m_doc;
    ImageView* m_view;
};

} // namespace

LayerPanel::LayerPanel(Document* document, ImageView* view, QWidget* parent)
    : QWidget(parent), m_doc(document), m_view(view) {
    auto* layout = new QVBoxLayout(this);
    auto box = [&](const QString& text, const QString& tip, bool on) {
        auto* b = new QCheckBox(text, this);
        b->setChecked(on);
        b->setToolTip(tip);
        layout->addWidget(b);
        connect(b, &QCheckBox::toggled, this, &LayerPanel::applyLayers);
        return b;
    };
    m_atoms = box(tr("Atoms"), tr("Atoms coloured by class; faint = low confidence"), true);
    m_bonds = box(tr("Bonds"), tr("Neighbour bonds of the lattice graph (shown when zoomed in)"), true);
    m_rings =
        box(tr("Rings"), tr("Rings of the graph filled by size; the lattice's own size stays clear"), false);
    m_sites =
        box(tr("Ideal / vacancy sites"), tr("Ideal lattice sites with no atom (vacancy candidates)"), true);
    m_strain = box(tr("Strain map"),
                   tr("Local dilatation (exx + eyy) / 2 against the image's median lattice"), false);
    m_legend = new Legend(document, view, this);
    layout->addWidget(m_legend);
    layout->addStretch(1);
    connect(document, &Document::atomsChanged, m_legend, qOverload<>(&QWidget::update));
    connect(document, &Document::graphChanged, m_legend, qOverload<>(&QWidget::update));
    applyLayers();
}

void LayerPanel::setLayer(const QString& name, bool on) {
    QCheckBox* b = name == QLatin1String("atoms")   ? m_atoms
                   : name == QLatin1String("bonds") ? m_bonds
                   : name == QLatin1String("rings") ? m_rings
                   : name == QLatin1String("sites") ? m_sites
                                                    : m_strain;
    b->setChecked(on);
}

void LayerPanel::applyLayers() {
    m_view->atomOverlay()->setVisible(m_atoms->isChecked());
    int layers = 0;
    if (m_bonds->isChecked()) layers |= GraphOverlayItem::Bonds;
    if (m_rings->isChecked()) layers |= GraphOverlayItem::Rings;
    if (m_sites->isChecked()) layers |= GraphOverlayItem::EmptySites;
    if (m_strain->isChecked()) layers |= GraphOverlayItem::Strain;
    m_view->graphOverlay()->setLayers(layers);
    m_legend->update();
}

} // namespace atomlens::gui
