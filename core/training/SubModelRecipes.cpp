#include "core/training/SubModelRecipes.h"

#include "core/detect/Detector.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/ModelDetection.h"
#include "core/nn/NodeFeatures.h"
#include "core/simulate/Presets.h"

#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

int indexOf(const std::vector<std::string>& v, const std::string& s) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] == s) return int(i);
    return -1;
}

std::vector<SubModelRecipe> makeRecipes() {
    std::vector<SubModelRecipe> r;
    {
        SubModelRecipe m;
        m.name = "mos2-species";
        m.description = "MoS2 column species: Mo, S2, S1 (one S missing) or an empty site";
        m.classes = {"Mo", "S2", "S1", "empty"};
        m.presets = {"mos2", "mos2"};
        m.label = [](const TruthColumn& t) {
            if (t.cls == "dopant") return 0; // a metal site
            return indexOf({"Mo", "S2", "S1", "empty"}, t.cls);
        };
        m.tune = [](SimulationParams& p, Random& rng) {
            p.sSingleVacancy = rng.uniform(0.03, 0.08), p.sEmpty = rng.uniform(0.01, 0.04),
            p.moVacancy = rng.uniform(0.005, 0.02);
        };
        r.push_back(m);
    }
    {
        SubModelRecipe m;
        m.name = "mos2-vacancy";
        m.description =
            "MoS2 S-site vacancy type: normal, isolated vacancy, or part of a vacancy line (aggregate)";
        m.classes = {"normal", "isolated", "line"};
        m.presets = {"mos2"};
        m.label = [](const TruthColumn& t) {
            if (t.site != "S") return t.cls == "empty" ? -1 : 0;
            if (t.defect == "line") return 2;
            if (t.defect == "single") return 1;
            return 0;
        };
        m.tune = [](SimulationParams& p, Random& rng) {
            p.sSingleVacancy = rng.uniform(0.01, 0.04), p.sEmpty = rng.uniform(0.0, 0.01);
            p.vacancyLines = 2 + int(rng.below(5));
        };
        r.push_back(m);
    }
    {
        SubModelRecipe m;
        m.name = "mos2-dopant";
        m.description = "MoS2 substitutional dopant (W, V on Mo sites) versus host column";
        m.classes = {"host", "dopant"};
        m.presets = {"mos2"};
        m.label = [](const TruthColumn& t) { return t.cls == "empty" ? -1 : t.cls == "dopant" ? 1 : 0; };
        m.tune = [](SimulationParams& p, Random& rng) {
            p.heavyDopant = rng.uniform(0.01, 0.04), p.lightDopant = rng.uniform(0.01, 0.04);
        };
        r.push_back(m);
    }
    {
        SubModelRecipe m;
        m.name = "mos2-phase";
        m.description = "MoS2 phase of each column: 2H, 1T or the boundary between them";
        m.classes = {"2H", "1T", "boundary"};
        m.presets = {"mos2-phase"};
        m.label = [](const TruthColumn& t) {
            return t.cls == "empty" ? -1 : indexOf({"2H", "1T", "boundary"}, t.region);
        };
        r.push_back(m);
    }
    {
        SubModelRecipe m;
        m.name = "gb-ring";
        m.description =
            "Rings of the MoS2 lattice graph: hexagon or not (5|7, 4|8 rings at grain boundaries)";
        m.classes = {"hexagon", "non-hexagon"};
        m.graphLevel = true;
        m.presets = {"mos2-gb"};
        m.label = [](const TruthColumn& t) { return t.cls == "empty" ? -1 : 0; };
        m.tune = [](SimulationParams& p, Random&) { p.sSingleVacancy = 0.01; };
        r.push_back(m);
    }
    {
        SubModelRecipe m;
        m.name = "graphene-si";
        m.description = "Graphene columns: C, 3-fold Si or 4-fold Si";
        m.classes = {"C", "Si3", "Si4"};
        m.presets = {"graphene-si"};
        m.label = [](const TruthColumn& t) { return indexOf({"C", "Si3", "Si4"}, t.cls); };
        m.tune = [](SimulationParams& p, Random& rng) {
            p.siThreeFold = 3 + int(rng.below(6)), p.siFourFold = 3 + int(rng.below(6));
            // Like the real crops: 0.075-0.16 A/px (C-C 9-19 px), their lattice contrast, projected Si-C
            // distances as measured there, amorphous carbon on half of the images.
            p.pixelSize = rng.uniform(0.075, 0.16);
            p.dose =
                std::pow(10.0, rng.uniform(5.5, 6.5)); // 3e5..3e6 e/A^2: the real crops' lattice contrast
            p.siRelaxed = true;
            p.contamination = rng.uniform() < 0.5 ? rng.uniform(0.0, 0.3) : 0.0;
        };
        m.detect = [](const Image& image, JobContext& job) {
            return detectForModel("graphene-si", image, job);
        };
        m.conditionsText = "drawn like the real crops: 0.075-0.16 A/px, 3e5-3e6 e/A^2 log-uniform, probe "
                           "+-30%, 3-8 Si3 and 3-8 Si4, Si neighbours at the projected Si-C distances "
                           "(--si-relaxed), amorphous carbon on half of the images (up to 30% of the area)";
        m.atomsText =
            "the graphene analysis of core/analysis/GrapheneDopants (bond from the image, detection at "
            "that scale, honeycomb completion, 3-/4-fold neighbour templates and relaxed local "
            "lattice sites)";
        m.pixelSizeMin = 0.075, m.pixelSizeMax = 0.16;
        r.push_back(m);
    }
    return r;
}

} // namespace

const std::vector<SubModelRecipe>& subModelRecipes() {
    static const std::vector<SubModelRecipe> recipes = makeRecipes();
    return recipes;
}

const SubModelRecipe& subModelRecipe(const std::string& name) {
    std::string known;
    for (const auto& r : subModelRecipes()) {
        if (r.name == name) return r;
        known += (known.empty() ? "" : ", ") + r.name;
    }
    throw std::invalid_argument("unknown sub-model '" + name + "' (known: " + known + ")");
}

SimulationParams randomImagingConditions(const std::string& preset, int size, std::uint64_t seed,
                                         Random& rng) {
    SimulationParams p;
    p.preset = preset;
    p.width = p.height = size;
    p.seed = seed;
    const PresetDefaults d = presetDefaults(preset);
    p.dose = std::pow(10.0, rng.uniform(4.5, 6.3)); // 3e4..2e6 e/A^2, typical MoS2 HAADF doses
    p.pixelSize = d.pixelSize * rng.uniform(0.7, 1.3);
    p.probeSigma = d.probeSigma * rng.uniform(0.75, 1.3);
    p.strainXX = rng.uniform(-0.02, 0.02), p.strainYY = rng.uniform(-0.02, 0.02),
    p.strainXY = rng.uniform(-0.01, 0.01);
    p.jitter = rng.uniform(0.0, 0.08);
    p.drift = rng.uniform(0.0, 1.0);
    p.readNoise = rng.uniform(0.0, 2.0);
    p.background = rng.uniform(0.005, 0.05);
    return p;
}

EgnnInput makeTrainingGraph(const SubModelRecipe& recipe, const SimulationResult& sim, Random& rng,
                            double positionNoise) {
    std::vector<double> x, y;
    std::vector<int> labels;
    std::vector<const TruthColumn*> columns;
    for (const auto& t : sim.truth)
        if (t.frame == 0) columns.push_back(&t);
    // Present atoms first, empty sites after (the graph's convention).
    std::vector<const TruthColumn*> ordered;
    for (auto* t : columns)
        if (t->cls != "empty") ordered.push_back(t);
    const std::size_t atomCount = ordered.size();
    for (auto* t : columns)
        if (t->cls == "empty") ordered.push_back(t);
    for (auto* t : ordered) x.push_back(t->x), y.push_back(t->y);
    const double bond = typicalBondLength(x, y);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] += rng.normal(0, positionNoise * bond), y[i] += rng.normal(0, positionNoise * bond);
    const LatticeGraph graph = buildGraph(x, y, atomCount);
    EgnnInput in = makeEgnnInput(sim.micrograph.frame(0), graph, recipe.graphLevel);
    for (std::size_t i = 0; i < ordered.size(); ++i) in.labels[i] = recipe.label(*ordered[i]);
    if (recipe.graphLevel)
        for (std::size_t g = 0; g < in.groupCount(); ++g) {
            const auto size = in.groupOffsets[g + 1] - in.groupOffsets[g];
            bool touchesEmpty = false;
            for (auto k = in.groupOffsets[g]; k < in.groupOffsets[g + 1]; ++k)
                touchesEmpty |= in.labels[std::size_t(in.groupNodes[std::size_t(k)])] < 0;
            in.groupLabels[g] = touchesEmpty ? -1 : size == 6 ? 0 : 1;
        }
    return in;
}

} // namespace atomlens
