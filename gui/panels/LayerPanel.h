#pragma once
#include <QWidget>

class QCheckBox;

namespace atomlens::gui {

class Document;
class ImageView;

/// The overlay layers (atoms, bonds, rings, ideal/vacancy sites, strain map), each toggled by a check
/// box, above a legend of what the colours and marks mean for the current document.
class LayerPanel : public QWidget {
    Q_OBJECT
public:
    LayerPanel(Document* document, ImageView* view, QWidget* parent = nullptr);
    /// Turns a layer on or off by name: atoms, bonds, rings, sites, strain.
    void setLayer(const QString& name, bool on);

private:
    void applyLayers();
    Document* m_doc;
    ImageView* m_view;
    QCheckBox *m_atoms, *m_bonds, *m_rings, *m_sites, *m_strain;
    QWidget* m_legend;
};

} // namespace atomlens::gui
