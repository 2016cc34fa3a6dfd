// Issue 16 item 13: Qt's own strings (dialog buttons) follow the language AtomLens speaks.
#include <catch2/catch.hpp>

#include "tests/gui/GuiTestSupport.h"

#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/jobs/JobRunner.h"
#include "gui/settings/QtTranslations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

TEST_CASE("Qt's dialog buttons speak German and Chinese with AtomLens", "[gui][translations]") {
    QTranslator qt;
    if (!atomlens::gui::loadQtTranslations(qt, QStringLiteral("de"))) {
        WARN("ATOMLENS-SKIP: Qt's translations are not installed (Debian package qt6-translations-l10n)");
        return;
    }
    QApplication::installTranslator(&qt);
    {
        QDialogButtonBox box(QDialogButtonBox::Cancel | QDialogButtonBox::Discard);
        CHECK(box.button(QDialogButtonBox::Cancel)->text() == QStringLiteral("Abbrechen"));
        CHECK(box.button(QDialogButtonBox::Discard)->text() == QStringLiteral("Verwerfen"));
    }
    QApplication::removeTranslator(&qt);
    QTranslator zh;
    REQUIRE(atomlens::gui::loadQtTranslations(zh, QStringLiteral("zh_CN")));
    QApplication::installTranslator(&zh);
    {
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        CHECK(box.button(QDialogButtonBox::Cancel)->text() == QStringLiteral("取消"));
    }
    QApplication::removeTranslator(&zh);
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    CHECK(english.button(QDialogButtonBox::Cancel)->text() == QStringLiteral("Cancel"));
    CHECK_FALSE(atomlens::gui::loadQtTranslations(zh, QStringLiteral("xx")));
}

TEST_CASE("Settings > Language switches Qt's dialog buttons too", "[gui][translations]") {
    QTranslator probe;
    if (!atomlens::gui::loadQtTranslations(probe, QStringLiteral("de"))) {
        WARN("ATOMLENS-SKIP: Qt's translations are not installed (Debian package qt6-translations-l10n)");
        return;
    }
    atomlens::gui::MainWindow w;
    w.setQuiet(true);
    REQUIRE(w.languages()->setLanguage(QStringLiteral("de")));
    {
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        CHECK(box.button(QDialogButtonBox::Cancel)->text() == QStringLiteral("Abbrechen"));
    }
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    CHECK(box.button(QDialogButtonBox::Cancel)->text() == QStringLiteral("Cancel"));
}

TEST_CASE("at 1280 px in German every tool bar button is reachable (no overflow arrow)",
          "[gui][translations]") {
    atomlens::gui::MainWindow w;
    w.setQuiet(true);
    REQUIRE(w.languages()->setLanguage(QStringLiteral("de")));
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();
    QTest::qWait(100);
    int hidden = 0;
    for (QToolBar* bar : w.findChildren<QToolBar*>()) {
        if (!bar->isVisible()) continue;
        for (QToolButton* b : bar->findChildren<QToolButton*>(QStringLiteral("qt_toolbar_ext_button")))
            hidden += b->isVisible();
    }
    CHECK(hidden == 0);
    atomlens::test::saveScreenshot(&w, QStringLiteral("gui-german-1280"));
    w.resize(1600, 800);
    QApplication::processEvents();
    QTest::qWait(100);
    for (QToolBar* bar : w.findChildren<QToolBar*>())
        for (QToolButton* b : bar->findChildren<QToolButton*>(QStringLiteral("qt_toolbar_ext_button")))
            CHECK_FALSE(b->isVisible());
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
}
