#pragma once
#include "gui/project/ProjectFile.h"
#include "gui/view/DisplaySettings.h"

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QToolBar;
class QWidget;

namespace atomlens::gui {

class Document;
class ImageView;

/// How the document's image is shown: the display settings (contrast limits, colour map, gamma) with
/// the Image tool bar's controls, the frame slider of a stack, the cursor readout on the status bar, a
/// new micrograph fitted into the view, and the view's part of a project (frame, zoom, centre, display).
class DisplayController : public QObject {
    Q_OBJECT
public:
    DisplayController(Document* document, ImageView* view, QObject* parent = nullptr);
    const DisplaySettings& display() const { return m_display; }
    void setDisplay(const DisplaySettings& display);
    /// View > Auto Contrast: limits from the current frame, colour map and gamma kept.
    void autoContrast();
    /// Fills the Image tool bar (colour map, gamma, frame slider); `owner` parents its widgets.
    void fillToolBar(QToolBar* bar, QWidget* owner);
    /// The status bar's cursor readout (pixel position, calibrated position, value).
    void setCursorLabel(QLabel* label);
    /// Renders the current frame again (and the frame label, the atoms' size).
    void refresh();
    /// The view's part of a project, and showing it again after an open.
    ProjectView currentView() const;
    void restoreView(const ProjectView& view);

Q_SIGNALS:
    /// A new micrograph is shown (the title changes).
    void micrographShown();
    void status(const QString& text, int timeoutMs);

private:
    void showMicrograph();
    void updateCursorReadout(QPointF position);
    Document* m_doc;
    ImageView* m_view;
    DisplaySettings m_display;
    QPointer<QComboBox> m_colourMap;
    QPointer<QDoubleSpinBox> m_gamma;
    QPointer<QSlider> m_frameSlider;
    QPointer<QLabel> m_frameLabel;
    QPointer<QLabel> m_cursorLabel;
};

} // namespace atomlens::gui
