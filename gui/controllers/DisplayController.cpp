#include "gui/controllers/DisplayController.h"

#include "gui/document/Document.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSlider>

#include <QToolBar>
#include <algorithm>

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

DisplayController::DisplayController(Document* document, ImageView* view, QObject* parent)
    : QObject(parent), m_doc(document), m_view(view) {
    connect(m_view, &ImageView::cursorMoved, this, &DisplayController::updateCursorReadout);
    connect(m_doc, &Document::micrographChanged, this, &DisplayController::showMicrograph);
    connect(m_doc, &Document::frameChanged, this, [this](int frame) {
        refresh();
        if (m_frameSlider && m_frameSlider->value() != frame) {
            m_frameSlider->blockSignals(true);
            m_frameSlider->setValue(frame);
            m_frameSlider->blockSignals(false);
        }
    });
    connect(m_doc, &Document::calibrationChanged, this,
            [this] { m_view->setCalibration(m_doc->calibration()); });
}

void DisplayController::setCursorLabel(QLabel* label) {
    m_cursorLabel = label;
}

void DisplayController::setDisplay(const DisplaySettings& display) {
    m_display = display;
    if (m_colourMap) m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findData(display.colourMap)));
    if (m_gamma) m_gamma->setValue(display.gamma);
    refresh();
}

void DisplayController::autoContrast() {
    if (!m_doc->hasImage()) return;
    DisplaySettings d = DisplaySettings::autoContrast(m_doc->currentImage());
    d.colourMap = m_display.colourMap;
    d.gamma = m_display.gamma;
    setDisplay(d);
}

void DisplayController::fillToolBar(QToolBar* image, QWidget* owner) {
    image->addWidget(new QLabel(tr(" Colour map: "), owner));
    m_colourMap = new QComboBox(owner);
    for (const QString& name : DisplaySettings::colourMaps()) // translated label, English key
        m_colourMap->addItem(DisplaySettings::colourMapLabel(name), name);
    m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findData(m_display.colourMap)));
    m_colourMap->setToolTip(tr("Colour map of the image"));
    image->addWidget(m_colourMap);
    connect(m_colourMap, &QComboBox::currentIndexChanged, this, [this] {
        m_display.colourMap = m_colourMap->currentData().toString();
        refresh();
    });
    image->addWidget(new QLabel(tr(" Gamma: "), owner));
    m_gamma = new QDoubleSpinBox(owner);
    m_gamma->setRange(0.2, 5);
    m_gamma->setSingleStep(0.1);
    m_gamma->setValue(m_display.gamma);
    m_gamma->setToolTip(tr("Gamma of the display (contrast limits: View > Auto Contrast)"));
    image->addWidget(m_gamma);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, [this](double g) {
        m_display.gamma = g;
        refresh();
    });
    m_frameLabel = new QLabel(tr(" Frame: "), owner);
    image->addWidget(m_frameLabel);
    m_frameSlider = new QSlider(Qt::Horizontal, owner);
    m_frameSlider->setMaximumWidth(200);
    m_frameSlider->setToolTip(tr("Frame of a stack"));
    m_frameSlider->setEnabled(m_doc->hasImage() && m_doc->micrograph()->frameCount() > 1);
    if (m_doc->hasImage()) {
        m_frameSlider->setRange(0, m_doc->micrograph()->frameCount() - 1);
        m_frameSlider->setValue(m_doc->currentFrame());
    }
    image->addWidget(m_frameSlider);
    connect(m_frameSlider, &QSlider::valueChanged, m_doc, &Document::setCurrentFrame);
}

void DisplayController::showMicrograph() {
    if (!m_doc->hasImage()) return;
    const Micrograph& m = *m_doc->micrograph();
    m_display = DisplaySettings::autoContrast(m.frame(0));
    if (m_colourMap) m_display.colourMap = m_colourMap->currentData().toString();
    if (m_gamma) m_display.gamma = m_gamma->value();
    m_view->setCalibration(m_doc->calibration());
    const QRectF bounds(-0.5, -0.5, m.width(), m.height());
    m_view->atomOverlay()->setBounds(bounds);
    m_view->graphOverlay()->setBounds(bounds);
    m_view->atomOverlay()->setHighlighted({});
    if (m_cursorLabel) m_cursorLabel->clear(); // the previous file's readout does not apply to it
    if (m_frameSlider) {
        m_frameSlider->blockSignals(true);
        m_frameSlider->setRange(0, m.frameCount() - 1);
        m_frameSlider->setValue(0);
        m_frameSlider->blockSignals(false);
        m_frameSlider->setEnabled(m.frameCount() > 1);
    }
    refresh();
    m_view->fitImage();
    Q_EMIT micrographShown();
    Q_EMIT status(tr("%1 x %2 px, %3 frame(s), %4")
                      .arg(m.width())
                      .arg(m.height())
                      .arg(m.frameCount())
                      .arg(m.calibration.isCalibrated() ? tr("%1 %2/px")
                                                              .arg(m.calibration.pixelSizeX)
                                                              .arg(QString::fromStdString(m.calibration.unit))
                                                        : tr("uncalibrated (Image > Set Pixel Size)")),
                  0);
}

void DisplayController::refresh() {
    if (!m_doc->hasImage()) return;
    m_view->imageItem()->setImage(renderImage(m_doc->currentImage(), m_display));
    if (m_frameLabel)
        m_frameLabel->setText(
            tr(" Frame %1/%2 ").arg(m_doc->currentFrame() + 1).arg(m_doc->micrograph()->frameCount()));
    // Atom size follows the lattice: a third of the typical spacing once atoms exist.
    const auto& atoms = m_doc->atoms();
    if (!atoms.empty()) {
        std::vector<float> s(atoms.sigmas().begin(), atoms.sigmas().end());
        std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(s.size() / 2), s.end());
        m_view->atomOverlay()->setRadius(std::clamp(double(s[s.size() / 2]) * 1.2, 1.5, 30.0));
    }
}

ProjectView DisplayController::currentView() const {
    ProjectView v;
    v.frame = m_doc->currentFrame();
    v.zoom = m_view->zoom();
    v.centre = m_view->mapToScene(m_view->viewport()->rect().center());
    v.display = m_display;
    return v;
}

void DisplayController::restoreView(const ProjectView& v) {
    if (v.display.high > v.display.low) setDisplay(v.display);
    if (v.zoom > 0) {
        m_view->setZoom(v.zoom);
        m_view->centreOn(v.centre);
    }
    refresh();
}

void DisplayController::updateCursorReadout(QPointF p) {
    if (!m_doc->hasImage() || !m_cursorLabel) return;
    const Image& img = m_doc->currentImage();
    const int x = int(std::lround(p.x())), y = int(std::lround(p.y()));
    if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
        m_cursorLabel->clear();
        return;
    }
    const Calibration c = m_doc->calibration();
    QString text = tr("x %1  y %2 px").arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1);
    if (c.isCalibrated())
        text += tr("  (%1, %2 %3)")
                    .arg(c.originX + p.x() * c.pixelSizeX, 0, 'g', 5)
                    .arg(c.originY + p.y() * c.pixelSizeY, 0, 'g', 5)
                    .arg(QString::fromStdString(c.unit));
    text += tr("  value %1").arg(double(img.at(x, y)), 0, 'g', 6);
    m_cursorLabel->setText(text);
}

} // namespace atomlens::gui
