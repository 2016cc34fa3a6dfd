#pragma once
#include "core/data/Metadata.h"

#include <string>

namespace atomlens {

/// Where every reader puts the instrument settings it finds, whatever the vendor, so the GUI, the
/// info command and the analysis steps look in one place. The vendor's own tree is kept as well,
/// under the format's key ("DigitalMicrograph", "Velox", "EMD", "TIA", "MRC").
namespace metadata_keys {
inline constexpr const char* kVoltage = "Microscope/Voltage_V";           ///< accelerating voltage, volts
inline constexpr const char* kMagnification = "Microscope/Magnification"; ///< nominal/indicated magnification
inline constexpr const char* kMicroscope = "Microscope/Name";             ///< instrument model or name
inline constexpr const char* kDetector = "Acquisition/Detector";          ///< detector or camera name
inline constexpr const char* kTime = "Acquisition/Time";                  ///< acquisition date and time
inline constexpr const char* kExposure = "Acquisition/ExposureTime_s";    ///< exposure or frame time, seconds
inline constexpr const char* kSignal = "Acquisition/Signal";    ///< signal kind ("EELS", "HAADF", ...)
inline constexpr const char* kComplexPart = "File/ComplexPart"; ///< part taken from complex pixels
inline constexpr const char* kSignalName = "File/Signal";       ///< which signal of the file was read
} // namespace metadata_keys

/// Sets `key` to `value` unless the value is empty (vendors leave many fields blank).
void setIfPresent(MetadataNode& metadata, const std::string& key, const std::string& value);

/// Formats seconds since 1970-01-01 UTC as ISO 8601 ("2019-12-05T10:03:44Z").
std::string isoTimeFromUnix(double secondsSinceEpoch);

} // namespace atomlens
