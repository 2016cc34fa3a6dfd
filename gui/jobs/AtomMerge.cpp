#include "gui/jobs/AtomMerge.h"

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

AtomTable activeAtoms(const AtomTable& atoms, bool dropEmptySites) {
    AtomTable out;
    out.reserve(atoms.size());
    out.setClassNames(atoms.classNames());
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const auto f = atoms.flags()[i];
        if ((f & kFlagRejected) || (dropEmptySites && (f & kFlagEmptySite))) continue;
        out.add(atoms.at(i));
    }
    return out;
}

AtomTable keepUserAtoms(AtomTable detected, const AtomTable& previous) {
    constexpr std::uint32_t kUser = kFlagUserAdded | kFlagUserMoved | kFlagUserReviewed;
    std::vector<Atom> kept;
    for (std::size_t i = 0; i < previous.size(); ++i)
        if (previous.flags()[i] & kUser) kept.push_back(previous.at(i));
    if (kept.empty() && previous.classNames().empty()) return detected;
    // Detections near a kept atom are the same column: drop them (kept atoms sorted by x for a window).
    std::sort(kept.begin(), kept.end(), [](const Atom& a, const Atom& b) { return a.x < b.x; });
    std::vector<double> keptX;
    for (const auto& a : kept) keptX.push_back(a.x);
    std::vector<std::size_t> drop;
    for (std::size_t i = 0; i < detected.size(); ++i) {
        const double x = detected.xs()[i], y = detected.ys()[i];
        const double r = std::max(2.0, 1.5 * double(detected.sigmas()[i]));
        auto it = std::lower_bound(keptX.begin(), keptX.end(), x - r);
        for (; it != keptX.end() && *it <= x + r; ++it) {
            const Atom& k = kept[std::size_t(it - keptX.begin())];
            if (std::hypot(k.x - x, k.y - y) <= r) {
                drop.push_back(i);
                break;
            }
        }
    }
    detected.removeRows(drop);
    AtomTable out;
    out.reserve(detected.size() + kept.size());
    out.setClassNames(previous.classNames());
    for (std::size_t i = 0; i < detected.size(); ++i) {
        Atom a = detected.at(i);
        a.id = 0;
        a.classId = -1;
        out.add(a);
    }
    for (Atom a : kept) {
        a.id = 0;
        out.add(a);
    }
    return out;
}

} // namespace atomlens::gui
