#pragma once
#include <QRectF>
#include <QString>

namespace atomlens::gui {

class Document;
class ImageView;

/// An annotated figure of the view's layers.
struct FigureRequest {
    QString path;             ///< .png, .svg or .pdf (the format follows the extension)
    QRectF region;            ///< image pixels; empty = the whole image
    int dpi = 300;            ///< resolution written into the PNG/PDF (PNG pixel size = widthInches x dpi)
    double widthInches = 6.5; ///< printed width
    bool scaleBar = true;
    bool legend = true;
};

/// Renders the image with its visible overlays, a calibrated scale bar and a class legend, written
/// atomically. Throws InputError naming the path for an unknown extension or a failed write.
void exportFigure(const ImageView& view, const Document& document, const FigureRequest& request);

/// Writes the atoms as a table, in pixels and calibrated units: ATOMS.csv columns for .csv, an object
/// with calibration and one record per atom for .json. Rejected atoms are left out. Atomic.
void exportAtomsTable(const Document& document, const QString& path);

} // namespace atomlens::gui
