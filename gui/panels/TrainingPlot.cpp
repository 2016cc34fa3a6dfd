#include "gui/panels/TrainingPlot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace atomlens::gui {

TrainingPlot::TrainingPlot(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(140);
    setToolTip(tr("Loss (red) and accuracy on the labels (blue) per epoch; thin pale curves: the "
                  "cross-validation folds, trained before the final fit"));
}

TrainingPlot::Points TrainingPlot::points() const {
    return {m_final.epoch, m_final.loss, m_final.accuracy, m_folds};
}

void TrainingPlot::setPoints(const Points& points) {
    m_final = Curve{points.epoch, points.loss, points.accuracy};
    m_folds = points.folds;
    update();
}

void TrainingPlot::clear() {
    m_final = Curve{};
    m_folds.clear();
    update();
}

void TrainingPlot::addPoint(int epoch, double loss, double accuracy) {
    m_final.epoch.push_back(epoch);
    m_final.loss.push_back(loss);
    m_final.accuracy.push_back(accuracy);
    update();
}

void TrainingPlot::addFoldPoint(int fold, int epoch, double loss, double accuracy) {
    if (fold < 0) return;
    if (std::size_t(fold) >= m_folds.size()) m_folds.resize(std::size_t(fold) + 1);
    Curve& c = m_folds[std::size_t(fold)];
    c.epoch.push_back(epoch);
    c.loss.push_back(loss);
    c.accuracy.push_back(accuracy);
    update();
}

int TrainingPlot::foldPointCount() const {
    int n = 0;
    for (const Curve& c : m_folds) n += int(c.epoch.size());
    return n;
}

void TrainingPlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF area = QRectF(rect()).adjusted(36, 18, -36, -20);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area);
    p.setPen(palette().color(QPalette::Text));
    const QString title =
        m_final.epoch.empty() && !m_folds.empty()
            ? tr("cross-validation fold %1: loss (red), accuracy (blue)").arg(m_folds.size())
            : tr("loss (red), accuracy (blue)");
    p.drawText(QRectF(0, 0, width(), 16), Qt::AlignCenter, title);
    p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 16), Qt::AlignCenter, tr("epoch"));
    std::vector<const Curve*> curves;
    for (const Curve& c : m_folds) curves.push_back(&c);
    curves.push_back(&m_final);
    int maxEpoch = 1;
    double maxLoss = 1e-6;
    bool any = false;
    for (const Curve* c : curves) {
        if (c->epoch.empty()) continue;
        any = true;
        maxEpoch = std::max(maxEpoch, *std::max_element(c->epoch.begin(), c->epoch.end()));
        maxLoss = std::max(maxLoss, *std::max_element(c->loss.begin(), c->loss.end()));
    }
    if (!any) return;
    p.drawText(QRectF(0, area.top() - 6, 34, 14), Qt::AlignRight, QString::number(maxLoss, 'g', 2));
    p.drawText(QRectF(area.right() + 2, area.top() - 6, 34, 14), Qt::AlignLeft, QStringLiteral("1.0"));
    auto curve = [&](const Curve& c, const std::vector<double>& v, double max, QColor colour, double width) {
        QPainterPath path;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const QPointF pt(area.left() + area.width() * c.epoch[i] / double(maxEpoch),
                             area.bottom() - area.height() * std::clamp(v[i] / max, 0.0, 1.0));
            i == 0 ? path.moveTo(pt) : path.lineTo(pt);
        }
        p.setPen(QPen(colour, width));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    for (const Curve& c : m_folds) {
        curve(c, c.loss, maxLoss, QColor(220, 50, 50, 90), 1);
        curve(c, c.accuracy, 1.0, QColor(40, 110, 230, 90), 1);
    }
    curve(m_final, m_final.loss, maxLoss, QColor(220, 50, 50), 2);
    curve(m_final, m_final.accuracy, 1.0, QColor(40, 110, 230), 2);
}

} // namespace atomlens::gui
