#include "core/io/InstrumentMetadata.h"

#include <cmath>
#include <ctime>

namespace atomlens {

void setIfPresent(MetadataNode& metadata, const std::string& key, const std::string& value) {
    if (!value.empty()) metadata.set(key, value);
}

std::string isoTimeFromUnix(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e11) return {};
    const std::time_t t = std::time_t(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace atomlens
