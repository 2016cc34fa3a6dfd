#pragma once
#include "core/data/Image.h"

#include <QImage>
#include <QString>
#include <QStringList>

namespace atomlens::gui {

/// How an image is turned into screen colours: contrast limits (from percentiles by default), gamma
/// and a colour map.
struct DisplaySettings {
    double low = 0, high = 1; ///< data values mapped to the ends of the colour map
    double gamma = 1.0;
    QString colourMap = QStringLiteral("grey");

    /// Limits at the given percentiles of the finite pixels (robust to hot pixels and NaNs).
    static DisplaySettings autoContrast(const Image& image, double lowPercentile = 0.5,
                                        double highPercentile = 99.8);
    /// Names of the available colour maps (the keys projects store).
    static QStringList colourMaps();
    /// A colour map's name as the user reads it, in the GUI's language ("grey" is "Grau" in German).
    static QString colourMapLabel(const QString& name);
};

/// Renders an image to an 8-bit RGB QImage with the given settings (NaNs drawn black).
QImage renderImage(const Image& image, const DisplaySettings& settings);

} // namespace atomlens::gui
