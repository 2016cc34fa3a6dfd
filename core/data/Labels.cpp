#include "core/data/Labels.h"

#include "core/data/Errors.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace atomlens {

void Labels::add(const Label& label) {
    if (label.atomId >= 0)
        for (auto& existing : m_items)
            if (existing.atomId == label.atomId) {
                existing = label;
                return;
            }
    m_items.push_back(label);
}

void Labels::removeAt(std::size_t i) {
    if (i >= m_items.size()) throw std::out_of_range("label index out of range");
    m_items.erase(m_items.begin() + std::ptrdiff_t(i));
}

std::vector<std::string> Labels::classNames() const {
    std::vector<std::string> names;
    for (const auto& l : m_items)
        if (std::find(names.begin(), names.end(), l.className) == names.end()) names.push_back(l.className);
    return names;
}

std::vector<std::size_t> Labels::countsPerClass() const {
    const auto names = classNames();
    std::vector<std::size_t> counts(names.size(), 0);
    for (const auto& l : m_items)
        ++counts[std::size_t(std::find(names.begin(), names.end(), l.className) - names.begin())];
    return counts;
}

void Labels::resolve(const AtomTable& atoms, double tolerance, const std::string& sourceName) {
    const auto& xs = atoms.xs();
    const auto& ys = atoms.ys();
    for (auto& label : m_items) {
        if (!std::isfinite(label.x) || !std::isfinite(label.y)) {
            throw InputError(sourceName, "a label has a non-finite position");
        }
        double best = tolerance * tolerance;
        std::int64_t bestRow = -1;
        for (std::size_t r = 0; r < atoms.size(); ++r) {
            const double d2 = (xs[r] - label.x) * (xs[r] - label.x) + (ys[r] - label.y) * (ys[r] - label.y);
            if (d2 <= best) best = d2, bestRow = std::int64_t(r);
        }
        if (bestRow < 0) {
            std::ostringstream os;
            os << "label '" << label.className << "' at (" << label.x << ", " << label.y
               << ") is on no atom (none within " << tolerance << " px)";
            throw InputError(sourceName, os.str());
        }
        label.atomId = atoms.ids()[std::size_t(bestRow)];
    }
    for (std::size_t i = 0; i < m_items.size(); ++i)
        for (std::size_t j = i + 1; j < m_items.size(); ++j)
            if (m_items[i].atomId == m_items[j].atomId && m_items[i].className != m_items[j].className)
                throw InputError(sourceName, "two labels with different classes ('" + m_items[i].className +
                                                 "', '" + m_items[j].className + "') are on the same atom");
}

} // namespace atomlens
