#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// Per-atom flags; several may be set at once.
enum AtomFlag : std::uint32_t {
    kFlagNone = 0,
    kFlagUserAdded = 1u << 0,    ///< placed by the user, not a detector
    kFlagUserReviewed = 1u << 1, ///< a person accepted or relabelled it
    kFlagUserMoved = 1u << 2,    ///< a person moved it
    kFlagEmptySite = 1u << 3,    ///< an ideal lattice site with no atom (vacancy candidate)
    kFlagRejected = 1u << 4,     ///< a person rejected the detection (kept for undo and statistics)
    kFlagAtEdge = 1u << 5,       ///< too close to the image border for a full fit or neighbourhood
    kFlagFitFailed = 1u << 6,    ///< sub-pixel refinement did not converge; position from peak/COM
};

/// Standard errors (or their Cramer-Rao bounds) of a fitted column's parameters, 1 sigma; 0 = unknown.
struct ColumnErrors {
    float x = 0, y = 0;  ///< position, pixels
    float amplitude = 0; ///< peak height, image units
    float sigma = 0;     ///< width, pixels
    float intensity = 0; ///< integrated intensity (volume, the scattering cross-section), image units
};

/// One atom (column) as a row value; AtomTable stores these as columns.
struct Atom {
    std::uint32_t id = 0;      ///< stable identity; 0 means "assign a new one"
    double x = 0, y = 0;       ///< pixels, pixel-centre convention
    float sigma = 0;           ///< Gaussian width in pixels (geometric mean of the two axes)
    float amplitude = 0;       ///< fitted peak height above background
    float intensity = 0;       ///< integrated intensity (volume) above background
    float uncertainty = 0;     ///< 1-sigma position uncertainty in pixels
    std::int32_t classId = -1; ///< index into AtomTable::classNames(), -1 = unclassified
    float confidence = 0;      ///< probability of classId, 0..1
    std::uint32_t flags = 0;   ///< AtomFlag bits
    ColumnErrors errors;       ///< standard errors of the fit (refinement), 0 = unknown
    ColumnErrors crlb;         ///< Cramer-Rao bounds of the same for the fitted model, 0 = unknown
};

/// Atoms as a structure of arrays, rows ordered by increasing id so that id lookup is a binary search
/// (no hash map to keep in sync) and undo can re-insert a removed atom at its old place.
class AtomTable {
public:
    std::size_t size() const { return m_ids.size(); }
    bool empty() const { return m_ids.empty(); }
    void reserve(std::size_t n);
    void clear();

    /// Appends an atom. id 0 gets the next free id; an explicit id must not exist yet (it is inserted
    /// in order). Returns the id.
    std::uint32_t add(Atom atom);
    /// The row holding this id, or -1.
    std::int64_t rowOf(std::uint32_t id) const;
    Atom at(std::size_t row) const;
    /// Overwrites the row's values, keeping its id.
    void set(std::size_t row, const Atom& atom);
    /// Removes rows (any order, duplicates ignored); ids of the others are kept.
    void removeRows(std::vector<std::size_t> rows);

    // Column access (read-only views; use set()/the setters to change values).
    const std::vector<std::uint32_t>& ids() const { return m_ids; }
    const std::vector<double>& xs() const { return m_x; }
    const std::vector<double>& ys() const { return m_y; }
    const std::vector<float>& sigmas() const { return m_sigma; }
    const std::vector<float>& amplitudes() const { return m_amplitude; }
    const std::vector<float>& intensities() const { return m_intensity; }
    const std::vector<float>& uncertainties() const { return m_uncertainty; }
    const std::vector<std::int32_t>& classIds() const { return m_classId; }
    const std::vector<float>& confidences() const { return m_confidence; }
    const std::vector<std::uint32_t>& flags() const { return m_flags; }
    const std::vector<ColumnErrors>& errors() const { return m_errors; }
    const std::vector<ColumnErrors>& crlbs() const { return m_crlb; }

    void setPosition(std::size_t row, double x, double y) { m_x[row] = x, m_y[row] = y; }
    void setClass(std::size_t row, std::int32_t classId, float confidence) {
        m_classId[row] = classId, m_confidence[row] = confidence;
    }
    void setFlags(std::size_t row, std::uint32_t flags) { m_flags[row] = flags; }

    /// Class names indexed by classId.
    const std::vector<std::string>& classNames() const { return m_classNames; }
    void setClassNames(std::vector<std::string> names) { m_classNames = std::move(names); }
    /// Index of a class name; appended when absent and create is true, else -1.
    std::int32_t classIndex(const std::string& name, bool create = false);
    /// Name of a class id, or "" for -1 / out of range.
    std::string className(std::int32_t classId) const;

    std::uint32_t nextId() const { return m_nextId; }

private:
    std::vector<std::uint32_t> m_ids;
    std::vector<double> m_x, m_y;
    std::vector<float> m_sigma, m_amplitude, m_intensity, m_uncertainty, m_confidence;
    std::vector<std::int32_t> m_classId;
    std::vector<std::uint32_t> m_flags;
    std::vector<ColumnErrors> m_errors, m_crlb;
    std::vector<std::string> m_classNames;
    std::uint32_t m_nextId = 1;
};

} // namespace atomlens
