#pragma once
#include <QWidget>

#include <vector>

namespace atomlens::gui {

/// A live plot of fine-tuning: loss (left scale, red) and accuracy on the labels (0..1, blue) per epoch.
/// Cross-validation folds, which run before the final fit, are drawn as thin pale curves as they
/// train, so the plot moves from the first epoch on; the final fit is drawn bold.
class TrainingPlot : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPlot(QWidget* parent = nullptr);
    void clear();
    /// One epoch of the final fit.
    void addPoint(int epoch, double loss, double accuracy);
    /// One epoch of cross-validation fold `fold` (from 0).
    void addFoldPoint(int fold, int epoch, double loss, double accuracy);
    /// Epochs of the final fit plotted.
    int pointCount() const { return int(m_final.epoch.size()); }
    /// Epochs of the cross-validation folds plotted (all folds together).
    int foldPointCount() const;
    /// One curve pair: epochs with their loss and accuracy.
    struct Curve {
        std::vector<int> epoch;
        std::vector<double> loss, accuracy;
    };
    /// Everything plotted, to put back when a new run is cancelled.
    struct Points {
        std::vector<int> epoch;
        std::vector<double> loss, accuracy;
        std::vector<Curve> folds;
    };
    Points points() const;
    void setPoints(const Points& points);
    QSize sizeHint() const override { return {280, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Curve m_final;
    std::vector<Curve> m_folds;
};

} // namespace atomlens::gui
