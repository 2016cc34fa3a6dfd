#pragma once
#include "core/base/Parameters.h"

#include <string>
#include <vector>

namespace atomlens {

/// Parameters of the step "statistics" (StatisticsParams with its class lists as comma-separated text).
struct StatisticsStepParams {
    std::string vacancyClasses = "vacancy,S-vacancy,single,line"; ///< classes counted as vacancies
    bool emptySitesAreVacancies = true;                           ///< empty ideal sites count too
    double lineLinkDistance = 0;                                  ///< px; 0 = 1.2 x sqrt(3) x bond length
    std::string dopantClasses = "dopant,W,V";
    int bins = 32;
    static const std::vector<ParamField<StatisticsStepParams>>& fields();
};

/// Parameters of the step "track" (the most used SeriesParams; the rest keep their defaults).
struct TrackStepParams {
    double gate = 0;               ///< px; 0 = 0.35 x the median nearest-neighbour distance
    int maxGap = -1;               ///< frames a track may stay unseen (-1 = no limit)
    double threshold = 4.5;        ///< detection threshold per frame (noise standard deviations)
    bool idealSites = true;        ///< track empty ideal sites too (vacancy candidates)
    double minSiteFraction = 0.2;  ///< a track is a lattice site when seen in this fraction of frames
    double vacancyFraction = 0.75; ///< a chalcogen site is vacant below this x the median amplitude
    static const std::vector<ParamField<TrackStepParams>>& fields();
};

} // namespace atomlens
