#pragma once
#include "core/base/Random.h"
#include "core/simulate/Simulator.h"
#include "core/simulate/Structure.h"

namespace atomlens {

/// Preset defaults that depend on the material (pixel size and probe in angstrom).
struct PresetDefaults {
    double pixelSize = 0.16;
    double probeSigma = 0.45;
};
PresetDefaults presetDefaults(const std::string& preset);

/// Builds the specimen for params.preset over an area of widthA x heightA angstrom.
Structure buildStructure(const SimulationParams& params, double widthA, double heightA, Random& rng);

/// Re-labels S-site vacancies (S1 / empty) as "line" when another S vacancy sits one lattice constant
/// away (an aggregate: the seed of a vacancy line), else "single" (isolated).
void labelVacancyLines(Structure& structure, double latticeConstant);

/// Moves S vacancies of a 2H MoS2 structure for the next frame of a series (hops between S sites,
/// biased toward other vacancies so lines grow), keeping every column's identity.
void evolveVacancies(Structure& structure, const SimulationParams& params, Random& rng);

/// Switches Si dopants of a graphene-si series for the next frame (params.siSwitchProbability each):
/// a 3-fold Si takes the midpoint with a random C neighbour, which becomes an empty site (4-fold Si in
/// a divacancy); a 4-fold Si with such an empty partner site returns to its own site and the partner is
/// refilled with C. Column identities are kept; 4-fold Si of the initial structure (both C gone) stay.
void switchSiliconDopants(Structure& structure, const SimulationParams& params, Random& rng);

} // namespace atomlens
