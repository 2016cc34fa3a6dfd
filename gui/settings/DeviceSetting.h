#pragma once
#include <QString>

class QMenu;
class QWidget;

namespace atomlens::gui {

/// The GUI's network device setting (Settings > Network Device: Automatic / CPU / CUDA GPU), stored in
/// QSettings under "device" and applied to core/nn's process-wide choice (core/nn/ComputeDevice.h), so
/// models loaded afterwards run there. Without LibTorch the menu shows only the CPU.

/// Applies the stored setting at start-up; a stored "cuda" that cannot be used falls back to automatic
/// and returns the reason (empty when fine).
QString applySavedDeviceSetting();

/// Adds the Network Device submenu to `settings`; a choice that cannot be used (CUDA on a CPU-only
/// LibTorch) is refused with a message box naming the reason, and the old choice stays.
void addDeviceMenu(QMenu* settings, QWidget* parent);

} // namespace atomlens::gui
