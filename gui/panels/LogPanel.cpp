#include "gui/panels/LogPanel.h"

#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace atomlens::gui {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent), m_text(new QPlainTextEdit(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(5000);
    m_text->setToolTip(tr("What the engine reported for the open file (warnings in orange)"));
    layout->addWidget(m_text);
}

void LogPanel::setEntries(const QList<LogEntry>& entries) {
    m_text->clear();
    for (const LogEntry& e : entries) add(e);
}

void LogPanel::add(const LogEntry& e) {
    const QString colour = e.level == LogEntry::Error     ? QStringLiteral("#c62828")
                           : e.level == LogEntry::Warning ? QStringLiteral("#e65100")
                                                          : QStringLiteral("palette(text)");
    const QString prefix = e.level == LogEntry::Error     ? tr("Error: ")
                           : e.level == LogEntry::Warning ? tr("Warning: ")
                                                          : QString();
    m_text->appendHtml(QStringLiteral("<span style=\"color:%1\">%2 [%3] %4%5</span>")
                           .arg(colour, e.time.toString(QStringLiteral("HH:mm:ss")), e.job.toHtmlEscaped(),
                                prefix, e.text.toHtmlEscaped()));
}

void LogPanel::clear() {
    m_text->clear();
}

QString LogPanel::text() const {
    return m_text->toPlainText();
}

} // namespace atomlens::gui
