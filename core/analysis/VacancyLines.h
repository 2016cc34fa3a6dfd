#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace atomlens {

/// A vacancy line: an aggregate of at least two vacant sites, each within the link distance (about
/// one lattice constant) of another one of the aggregate - the same rule the simulator uses to label
/// columns "line" (labelVacancyLines).
struct VacancyLine {
    std::vector<std::size_t> sites; ///< indices into the site arrays, ascending
    double x = 0, y = 0;            ///< centroid, px
    double length = 0;              ///< extent along the principal axis, px (0 for one site)
    double orientationDeg = 0;      ///< principal axis, degrees in [0, 180), x toward y (image frame)
};

/// Groups the vacant sites into connected components (sites closer than linkDistance are linked) and
/// returns those with at least minSites sites, ordered by their smallest site index.
std::vector<VacancyLine> findVacancyLines(const std::vector<double>& x, const std::vector<double>& y,
                                          const std::vector<std::size_t>& vacantSites, double linkDistance,
                                          std::size_t minSites = 2);

/// A change of the vacancy lines between frame-1 and frame. Lines of the two frames are linked when
/// they share a site; each connected group of linked lines gives at most one event:
///   appear (no line before), disappear (no line after), grow / shrink (one line each side, more /
///   fewer sites), move (one each side, same size, other sites), merge (several before, one after),
///   split (one before, several after), rearrange (several each side).
/// One line each side with identical sites is no event.
struct VacancyLineEvent {
    int frame = 0;       ///< the later frame of the pair
    std::string type;    ///< appear, disappear, grow, shrink, move, merge, split, rearrange
    int sitesBefore = 0; ///< vacant sites in the group's lines before
    int sitesAfter = 0;  ///< and after
    double x = 0, y = 0; ///< centroid of all sites of the group (both frames), px
};

/// Events between two frames' lines (see VacancyLineEvent); x, y are the site positions both refer to.
std::vector<VacancyLineEvent> vacancyLineEvents(const std::vector<VacancyLine>& before,
                                                const std::vector<VacancyLine>& after, int frame,
                                                const std::vector<double>& x, const std::vector<double>& y);

/// Result of comparing found events with reference (truth) events.
struct EventComparison {
    std::size_t reference = 0, found = 0, matched = 0;
    std::vector<std::size_t> missed;   ///< reference events with no found partner (indices)
    std::vector<std::size_t> spurious; ///< found events with no reference partner (indices)
    double recall() const { return reference ? double(matched) / double(reference) : 1.0; }
    double precision() const { return found ? double(matched) / double(found) : 1.0; }
};

/// Pairs events one to one: same frame, same type, centroids within `tolerance` px (nearest first).
EventComparison compareEvents(const std::vector<VacancyLineEvent>& reference,
                              const std::vector<VacancyLineEvent>& found, double tolerance);

} // namespace atomlens
