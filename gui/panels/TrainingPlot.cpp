#include "gui/panels/TrainingPlot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace atomlens::gui {

TrainingPlot::TrainingPlot(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(140);
    setToolTip(tr("Loss (red) and accuracy on the labels (blue) per epoch"));
}

void TrainingPlot::setPoints(const Points& points) {
    m_epoch = points.epoch;
    m_loss = points.loss;
    m_accuracy = points.accuracy;
    update();
}

void TrainingPlot::clear() {
    m_epoch.clear();
    m_loss.clear();
    m_accuracy.clear();
    update();
}

void TrainingPlot::addPoint(int epoch, double loss, double accuracy) {
    m_epoch.push_back(epoch);
    m_loss.push_back(loss);
    m_accuracy.push_back(accuracy);
    update();
}

void TrainingPlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF area = QRectF(rect()).adjusted(36, 18, -36, -20);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(0, 0, width(), 16), Qt::AlignCenter, tr("loss (red), accuracy (blue)"));
    p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 16), Qt::AlignCenter, tr("epoch"));
    if (m_epoch.empty()) return;
    const double maxEpoch = std::max(1, m_epoch.back());
    const double maxLoss = std::max(1e-6, *std::max_element(m_loss.begin(), m_loss.end()));
    p.drawText(QRectF(0, area.top() - 6, 34, 14), Qt::AlignRight, QString::number(maxLoss, 'g', 2));
    p.drawText(QRectF(area.right() + 2, area.top() - 6, 34, 14), Qt::AlignLeft, QStringLiteral("1.0"));
    auto curve = [&](const std::vector<double>& v, double max, QColor colour) {
        QPainterPath path;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const QPointF pt(area.left() + area.width() * m_epoch[i] / maxEpoch,
                             area.bottom() - area.height() * std::clamp(v[i] / max, 0.0, 1.0));
            i == 0 ? path.moveTo(pt) : path.lineTo(pt);
        }
        p.setPen(QPen(colour, 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    curve(m_loss, maxLoss, QColor(220, 50, 50));
    curve(m_accuracy, 1.0, QColor(40, 110, 230));
}

} // namespace atomlens::gui
