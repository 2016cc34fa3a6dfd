#pragma once
#include <QWidget>

#include <vector>

namespace atomlens::gui {

/// A live plot of fine-tuning: loss (left scale, red) and accuracy on the labels (0..1, blue) per epoch.
class TrainingPlot : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPlot(QWidget* parent = nullptr);
    void clear();
    void addPoint(int epoch, double loss, double accuracy);
    int pointCount() const { return int(m_epoch.size()); }
    /// Everything plotted, to put back when a new run is cancelled.
    struct Points {
        std::vector<int> epoch;
        std::vector<double> loss, accuracy;
    };
    Points points() const { return {m_epoch, m_loss, m_accuracy}; }
    void setPoints(const Points& points);
    QSize sizeHint() const override { return {280, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<int> m_epoch;
    std::vector<double> m_loss, m_accuracy;
};

} // namespace atomlens::gui
