#pragma once
#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace atomlens {
class PlotPanel;
}

namespace atomlens::gui {

class Document;
class SeriesTracking;

/// The Plots dock and the views over a whole stack: statistics of the graph (refreshed when the graph
/// or the calibration changes), Analysis > Track Series / Track Dopant Switches (SeriesTracking on a
/// worker, then its time curves and the tracked atoms on every frame) and View > 3-D View.
class PlotsController : public QObject {
    Q_OBJECT
public:
    /// `parent`: the main window.
    PlotsController(Document* document, QObject* parent);
    SeriesTracking* series() const { return m_series; }
    /// The Plots dock's panel (rebuilt with the UI).
    void setPlotPanel(PlotPanel* plots);
    /// Refreshes the Plots dock from the document's graph and atoms.
    void updatePlots();
    /// Runs a series analysis of the open stack (0: sites, 1: dopant switches), then shows its curves.
    void trackSeries(int mode);
    /// Opens a 3-D view of the current frame and its atoms (builds with VTK only), with the space-time
    /// tracks of the last series analysis of this stack.
    void showSceneView();

Q_SIGNALS:
    /// Time curves were put into the Plots dock (it should come to the front).
    void plotsShown();
    void status(const QString& text, int timeoutMs);
    /// The user asked for something that cannot be done (a dialog unless quiet).
    void errorOccurred(const QString& message);
    /// The series analysis failed (not cancelled).
    void jobFailed(const QString& message);

private:
    Document* m_doc;
    SeriesTracking* m_series;
    QPointer<PlotPanel> m_plots;
};

} // namespace atomlens::gui
