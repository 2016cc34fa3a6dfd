#pragma once
#include <QObject>
#include <QRectF>
#include <QString>

class QWidget;

namespace atomlens::gui {

class Document;
class ImageView;

/// File > Export Figure / Visible Region / Table and Image > Set Pixel Size: the dialogs and what they
/// write (figure with scale bar and legend, atom table) or set (the calibration).
class ExportController : public QObject {
    Q_OBJECT
public:
    /// `dialogParent`: the parent of the file and value dialogs.
    ExportController(Document* document, ImageView* view, QWidget* dialogParent);
    /// Exports a figure of the whole image (region empty) or a region; false on failure.
    bool exportFigureTo(const QString& path, const QRectF& region = {}, int dpi = 300);
    bool exportTableTo(const QString& path);
    /// Overrides the file's calibration (size of one pixel in a length unit such as "nm" or "\u00c5");
    /// kept in the project, used by the scale bar, tables and exports. False when not valid.
    bool setPixelSize(double size, const QString& unit);
    /// File > Export Figure (the visible region with `region`): path and DPI dialogs.
    void figureDialog(bool region);
    void tableDialog();
    void pixelSizeDialog();

Q_SIGNALS:
    /// A pixel size was set (the project has unsaved changes).
    void pixelSizeChanged();
    void status(const QString& text, int timeoutMs);
    void errorOccurred(const QString& message);

private:
    Document* m_doc;
    ImageView* m_view;
    QWidget* m_dialogParent;
};

} // namespace atomlens::gui
