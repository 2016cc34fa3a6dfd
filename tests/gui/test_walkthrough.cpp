// What a new user's walkthrough (issue 16) found losing work or crashing: the language menu clicked with
// the mouse, File > Open over unsaved decisions, a project whose micrograph moved, autosave recovery and
// a fine-tuned model kept with the project.
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/io/TiffWriter.h"
#include "gui/MainWindow.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/Analysis.h"
#include "gui/jobs/JobRunner.h"
#include "gui/panels/ReviewPanel.h"
#include "gui/view/ImageView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::saveScreenshot;
using atomlens::test::waitFor;
using atomlens::test::waitUntil;

namespace {

inline bool openAndDetect(MainWindow& w, const QString& path) {
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFile(path);
    if (!waitFor(opened)) return false;
    return waitUntil([&] { return !w.analysis()->jobs()->isBusy() && w.document()->atoms().size() > 0; });
}

/// Answers the next modal message box with `button` (as a person would), recording its text.
struct Answer {
    QString text;
    bool asked = false;
    explicit Answer(QMessageBox::StandardButton button) {
        auto* timer = new QTimer;
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, [this, timer, button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            text = box->text();
            asked = true;
            timer->stop();
            timer->deleteLater();
            box->button(button)->click();
        });
        timer->start();
    }
};

inline std::string writeSimulated(const std::string& path, std::uint64_t seed = 3) {
    writeTiff(*test::simulatedMicrograph("perovskite", 192, seed), path);
    return path;
}

} // namespace

TEST_CASE("walkthrough: Settings > Language clicked with the mouse switches languages, no crash",
          "[gui][i18n][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    // The four switches of the walkthrough (3 of them crashed in the menu's mouse handling).
    const std::pair<int, const char*> switches[] = {{1, "de"}, {2, "zh_CN"}, {0, "en"}, {1, "de"}};
    for (const auto& [index, code] : switches) {
        QMenu* settings = w.findChild<QMenu*>(QStringLiteral("settingsMenu"));
        QMenu* language = w.findChild<QMenu*>(QStringLiteral("languageMenu"));
        REQUIRE(settings);
        REQUIRE(language);
        QTest::mouseClick(w.menuBar(), Qt::LeftButton, {},
                          w.menuBar()->actionGeometry(settings->menuAction()).center());
        REQUIRE(waitUntil([&] { return settings->isVisible(); }, 3000));
        QTest::mouseClick(settings, Qt::LeftButton, {},
                          settings->actionGeometry(language->menuAction()).center());
        REQUIRE(waitUntil([&] { return language->isVisible(); }, 3000));
        QAction* target = language->actions().at(index);
        QTest::mouseClick(language, Qt::LeftButton, {}, language->actionGeometry(target).center());
        REQUIRE(waitUntil([&] { return w.language() == QLatin1String(code); }, 3000));
        QTest::qWait(50);
        CHECK_FALSE(w.menuBar()->actions().isEmpty());
    }
    CHECK(w.menuBar()->actions().first()->text() == QStringLiteral("&Datei"));
    REQUIRE(w.setLanguage(QStringLiteral("en")));
}

TEST_CASE("walkthrough: every shortcut is bound once; Ctrl+Shift+Z and Ctrl+Y redo",
          "[gui][undo][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));
    // A key bound twice (even twice to the same action) is an "ambiguous shortcut overload" that Qt
    // answers by doing nothing. The X11 Redo binding already is Ctrl+Shift+Z.
    QMap<QString, QStringList> owners;
    for (QAction* a : w.findChildren<QAction*>())
        for (const QKeySequence& k : a->shortcuts())
            if (!k.isEmpty()) owners[k.toString()] << a->text();
    for (auto it = owners.begin(); it != owners.end(); ++it) {
        INFO(it.key().toStdString() << " is bound to "
                                    << it.value().join(QStringLiteral(", ")).toStdString());
        CHECK(it.value().size() == 1);
    }
    CHECK(owners.contains(QStringLiteral("Ctrl+Shift+Z")));
    CHECK(owners.contains(QStringLiteral("Ctrl+Y")));

    REQUIRE(openAndDetect(w, QStringLiteral(ATOMLENS_SOURCE_DIR "/resources/samples/mos2-sample.tif")));
    const std::uint32_t id = w.document()->atoms().ids()[4];
    auto rejected = [&] {
        return bool(w.document()->atoms().flags()[std::size_t(w.document()->atoms().rowOf(id))] &
                    kFlagRejected);
    };
    for (const QKeyCombination redo : {QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_Z),
                                       QKeyCombination(Qt::ControlModifier, Qt::Key_Y)}) {
        edit::reject(*w.document(), {id});
        REQUIRE(rejected());
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        CHECK_FALSE(rejected());
        QTest::keyClick(w.view(), redo.key(), redo.keyboardModifiers());
        CHECK(rejected());
        w.document()->undoStack()->undo();
    }
}
