// Settings > Network Device (issue 17): a choice is applied to core/nn and remembered; CUDA without a
// usable GPU is refused with a message and the old choice stays.
#include <catch2/catch.hpp>

#include "core/nn/ComputeDevice.h"
#include "gui/settings/DeviceSetting.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QTimer>
#include <QWidget>

using namespace atomlens;

namespace {
QAction* action(QMenu& settings, const QString& code) {
    for (QAction* sub : settings.actions())
        if (sub->menu())
            for (QAction* a : sub->menu()->actions())
                if (a->data().toString() == code) return a;
    return nullptr;
}
} // namespace

TEST_CASE("gui: the network device setting is applied, remembered, and CUDA refused without a GPU", "[gui]") {
    QSettings().remove(QStringLiteral("device"));
    QWidget parent;
    QMenu settings;
    gui::addDeviceMenu(&settings, &parent);
    REQUIRE(action(settings, QStringLiteral("auto")));
    CHECK(action(settings, QStringLiteral("auto"))->isChecked());
    action(settings, QStringLiteral("cpu"))->trigger();
    CHECK(QSettings().value(QStringLiteral("device")).toString() == QStringLiteral("cpu"));
    CHECK(deviceChoice() == DeviceChoice::Cpu);
    CHECK(activeDeviceName() == "cpu");
    if (!cudaAvailable()) {
        bool warned = false;
        QTimer::singleShot(100, [&] {
            if (QWidget* box = QApplication::activeModalWidget()) warned = true, box->close();
        });
        action(settings, QStringLiteral("cuda"))->trigger();
        CHECK(warned);
        CHECK(QSettings().value(QStringLiteral("device")).toString() == QStringLiteral("cpu"));
        CHECK(action(settings, QStringLiteral("cpu"))->isChecked());
        CHECK_FALSE(action(settings, QStringLiteral("cuda"))->isChecked());
        // A stored "cuda" that cannot be used falls back to automatic at start-up, with the reason.
        QSettings().setValue(QStringLiteral("device"), QStringLiteral("cuda"));
        CHECK_FALSE(gui::applySavedDeviceSetting().isEmpty());
        CHECK(deviceChoice() == DeviceChoice::Auto);
    }
    QSettings().remove(QStringLiteral("device"));
    setDeviceChoice(DeviceChoice::Auto);
}
