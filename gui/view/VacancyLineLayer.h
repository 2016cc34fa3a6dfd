#pragma once
#include <QObject>

namespace atomlens::gui {

class Document;
class ImageView;
class SeriesTracking;
class VacancyLineOverlayItem;

/// Keeps the vacancy-line layer on the frame shown: after Analysis > Track Series (site mode) and on
/// every frame change it shows that frame's vacancy lines and line events; a new file clears it.
/// View > Vacancy Lines switches it on and off (on by default).
class VacancyLineLayer : public QObject {
    Q_OBJECT
public:
    VacancyLineLayer(Document* document, ImageView* view, SeriesTracking* series, QObject* parent = nullptr);
    VacancyLineOverlayItem* item() const { return m_item; }
    bool isVisible() const;

public Q_SLOTS:
    void setVisible(bool on);
    /// Shows the current frame's lines and events of the last site tracking (nothing without one).
    void refresh();

private:
    Document* m_doc;
    SeriesTracking* m_series;
    VacancyLineOverlayItem* m_item;
};

} // namespace atomlens::gui
