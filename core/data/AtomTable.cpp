#include "core/data/AtomTable.h"

#include <algorithm>
#include <stdexcept>

namespace atomlens {

void AtomTable::reserve(std::size_t n) {
    m_ids.reserve(n), m_x.reserve(n), m_y.reserve(n), m_sigma.reserve(n), m_amplitude.reserve(n);
    m_intensity.reserve(n), m_uncertainty.reserve(n), m_confidence.reserve(n), m_classId.reserve(n);
    m_flags.reserve(n), m_errors.reserve(n), m_crlb.reserve(n);
}

void AtomTable::clear() {
    *this = AtomTable{};
}

std::uint32_t AtomTable::add(Atom a) {
    std::size_t row = m_ids.size();
    if (a.id == 0) {
        a.id = m_nextId;
    } else {
        const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), a.id);
        if (it != m_ids.end() && *it == a.id)
            throw std::invalid_argument("atom id " + std::to_string(a.id) + " already exists");
        row = std::size_t(it - m_ids.begin());
    }
    m_nextId = std::max(m_nextId, a.id + 1);
    const auto off = std::ptrdiff_t(row);
    m_ids.insert(m_ids.begin() + off, a.id);
    m_x.insert(m_x.begin() + off, a.x);
    m_y.insert(m_y.begin() + off, a.y);
    m_sigma.insert(m_sigma.begin() + off, a.sigma);
    m_amplitude.insert(m_amplitude.begin() + off, a.amplitude);
    m_intensity.insert(m_intensity.begin() + off, a.intensity);
    m_uncertainty.insert(m_uncertainty.begin() + off, a.uncertainty);
    m_classId.insert(m_classId.begin() + off, a.classId);
    m_confidence.insert(m_confidence.begin() + off, a.confidence);
    m_flags.insert(m_flags.begin() + off, a.flags);
    m_errors.insert(m_errors.begin() + off, a.errors);
    m_crlb.insert(m_crlb.begin() + off, a.crlb);
    return a.id;
}

std::int64_t AtomTable::rowOf(std::uint32_t id) const {
    const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    if (it == m_ids.end() || *it != id) return -1;
    return std::int64_t(it - m_ids.begin());
}

Atom AtomTable::at(std::size_t r) const {
    Atom a;
    a.id = m_ids.at(r);
    a.x = m_x[r], a.y = m_y[r], a.sigma = m_sigma[r], a.amplitude = m_amplitude[r];
    a.intensity = m_intensity[r], a.uncertainty = m_uncertainty[r], a.classId = m_classId[r];
    a.confidence = m_confidence[r], a.flags = m_flags[r], a.errors = m_errors[r], a.crlb = m_crlb[r];
    return a;
}

void AtomTable::set(std::size_t r, const Atom& a) {
    if (r >= size()) throw std::out_of_range("atom row out of range");
    m_x[r] = a.x, m_y[r] = a.y, m_sigma[r] = a.sigma, m_amplitude[r] = a.amplitude;
    m_intensity[r] = a.intensity, m_uncertainty[r] = a.uncertainty, m_classId[r] = a.classId;
    m_confidence[r] = a.confidence, m_flags[r] = a.flags, m_errors[r] = a.errors, m_crlb[r] = a.crlb;
}

void AtomTable::removeRows(std::vector<std::size_t> rows) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.empty()) return;
    if (rows.back() >= size()) throw std::out_of_range("atom row out of range");
    auto compact = [&rows](auto& column) {
        std::size_t out = 0, next = 0;
        for (std::size_t i = 0; i < column.size(); ++i) {
            if (next < rows.size() && rows[next] == i) {
                ++next;
                continue;
            }
            column[out++] = column[i];
        }
        column.resize(out);
    };
    compact(m_ids), compact(m_x), compact(m_y), compact(m_sigma), compact(m_amplitude);
    compact(m_intensity), compact(m_uncertainty), compact(m_classId), compact(m_confidence), compact(m_flags);
    compact(m_errors), compact(m_crlb);
}

std::int32_t AtomTable::classIndex(const std::string& name, bool create) {
    for (std::size_t i = 0; i < m_classNames.size(); ++i)
        if (m_classNames[i] == name) return std::int32_t(i);
    if (!create) return -1;
    m_classNames.push_back(name);
    return std::int32_t(m_classNames.size() - 1);
}

std::string AtomTable::className(std::int32_t classId) const {
    if (classId < 0 || std::size_t(classId) >= m_classNames.size()) return {};
    return m_classNames[std::size_t(classId)];
}

} // namespace atomlens
