// Task-chain steps over a built graph and over a whole series: "descriptors" (per-node Zernike, patch and
// geometry descriptors), "motifs" (unsupervised clustering of cells into motifs), "statistics" (counts,
// bonds, angles, strain, vacancy lines, dopant neighbourhoods) and "track" (drift, tracking and site
// histories over every frame of the micrograph).
#include "core/analysis/AnalysisSteps.h"

#include "core/analysis/SeriesAnalysis.h"
#include "core/analysis/Statistics.h"
#include "core/chain/StepRegistry.h"
#include "core/describe/Descriptors.h"
#include "core/describe/Motifs.h"

#include <memory>
#include <sstream>

namespace atomlens {

const std::vector<ParamField<StatisticsStepParams>>& StatisticsStepParams::fields() {
    using P = StatisticsStepParams;
    static const std::vector<ParamField<P>> f{
        textField<P>("vacancy_classes", "Vacancy classes", &P::vacancyClasses, "comma-separated class names"),
        flagField<P>("empty_sites_are_vacancies", "Empty sites are vacancies", &P::emptySitesAreVacancies),
        numberField<P>("line_link_distance", "Vacancy line link", "px", 0, 1e9, &P::lineLinkDistance,
                       "0 = 1.2 x sqrt(3) x bond length"),
        textField<P>("dopant_classes", "Dopant classes", &P::dopantClasses, "comma-separated class names"),
        integerField<P>("bins", "Histogram bins", 1, 1000, &P::bins)};
    return f;
}

const std::vector<ParamField<TrackStepParams>>& TrackStepParams::fields() {
    using P = TrackStepParams;
    static const std::vector<ParamField<P>> f{
        numberField<P>("gate", "Gate", "px", 0, 1e4, &P::gate, "0 = 0.35 x nearest-neighbour distance"),
        integerField<P>("max_gap", "Largest gap", -1, 100000, &P::maxGap, "frames; -1 = no limit"),
        numberField<P>("threshold", "Detection threshold", "sigma", 0, 1e6, &P::threshold),
        flagField<P>("ideal_sites", "Track empty ideal sites", &P::idealSites),
        numberField<P>("min_site_fraction", "Site when seen in", "", 0, 1, &P::minSiteFraction,
                       "fraction of the frames"),
        numberField<P>("vacancy_fraction", "Vacancy below", "", 1e-6, 0.999999, &P::vacancyFraction,
                       "fraction of the median chalcogen amplitude")};
    return f;
}

namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');) {
        const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

/// "descriptors": one row per graph node (computeDescriptors). Reads the graph and, when there is one,
/// the image.
class DescriptorsStep : public ParamStep<DescriptorParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "descriptors",
            "Node descriptors",
            "Describe",
            "Per-node descriptors: intensity patch, rotation-invariant Zernike moments, coordination, bond "
            "and angle statistics, strain (descriptors.csv); without an image only the geometry",
            paramSpecs(DescriptorParams::fields()),
            {StepData::Graph}, // and the image when there is one (patches and Zernike moments)
            {StepData::Descriptors}};
        return info;
    }
    using ParamStep<DescriptorParams>::run;
    StepResult run(const ChainState& in, const DescriptorParams& params, JobContext& job) const override {
        auto f = std::make_shared<const FeatureMatrix>(
            computeDescriptors(in.micrograph ? &in.image() : nullptr, *in.graph, params, job));
        StepResult r;
        r.log.push_back("descriptors: " + std::to_string(f->rows) + " nodes x " + std::to_string(f->cols()) +
                        " columns");
        r.descriptors = std::move(f);
        return r;
    }
};

/// "motifs": cells clustered by their Zernike descriptors into motifs (discoverMotifs). Reads image,
/// graph and descriptors; produces motifs, the columns "motif" and "domain", and counts.
class MotifsStep : public ParamStep<MotifParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "motifs",
            "Motifs (unsupervised)",
            "Describe",
            "Clusters the cells of the graph by their Zernike descriptors (Gaussian mixture, BIC) into "
            "motifs with a containment hierarchy; columns 'motif' (cluster) and 'domain' (enclosing motif)",
            paramSpecs(MotifParams::fields()),
            {StepData::Image, StepData::Graph, StepData::Descriptors},
            {StepData::Motifs, StepData::Columns, StepData::Summary}};
        return info;
    }
    using ParamStep<MotifParams>::run;
    StepResult run(const ChainState& in, const MotifParams& params, JobContext& job) const override {
        const FeatureMatrix rings = computeRingDescriptors(in.image(), *in.graph, DescriptorParams{}, job);
        auto m = std::make_shared<const MotifResult>(
            discoverMotifs(*in.graph, *in.descriptors, params, job, &rings));
        StepResult r;
        AtomResultColumn motif{"motif", std::vector<std::string>(in.atoms.size()), {}},
            domain{"domain", std::vector<std::string>(in.atoms.size()), {}};
        for (std::size_t i = 0; i < in.atoms.size() && i < m->nodeLabels.size(); ++i) {
            if (m->nodeLabels[i] >= 0) motif.values[i] = std::to_string(m->nodeLabels[i]);
            if (i < m->nodeDomains.size() && m->nodeDomains[i] >= 0)
                domain.values[i] = std::to_string(m->nodeDomains[i]);
        }
        r.columns.push_back(std::move(motif));
        r.columns.push_back(std::move(domain));
        r.summary["motif clusters"] = m->clusterCount;
        r.summary["motifs"] = double(m->motifs.size());
        r.log.push_back("motifs: " + std::to_string(m->clusterCount) + " clusters, " +
                        std::to_string(m->motifs.size()) + " motifs");
        r.motifs = std::move(m);
        return r;
    }
};

/// "statistics": counts, bond lengths and angles, strain, vacancy lines and dopant neighbourhoods
/// (computeImageStatistics). Reads atoms and graph; produces statistics (statistics/*.csv) and a summary.
class StatisticsStep : public ParamStep<StatisticsStepParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "statistics",
            "Statistics",
            "Rules",
            "Counts per class, bond length and angle distributions, strain, vacancy lines and dopant "
            "neighbourhoods (statistics/*.csv)",
            paramSpecs(StatisticsStepParams::fields()),
            {StepData::Atoms, StepData::Graph},
            {StepData::Summary}};
        return info;
    }
    using ParamStep<StatisticsStepParams>::run;
    StepResult run(const ChainState& in, const StatisticsStepParams& p, JobContext& job) const override {
        job.throwIfCanceled();
        StatisticsParams params;
        params.vacancyClasses = splitList(p.vacancyClasses);
        params.emptySitesAreVacancies = p.emptySitesAreVacancies;
        params.lineLinkDistance = p.lineLinkDistance;
        params.dopantClasses = splitList(p.dopantClasses);
        params.bins = p.bins;
        auto s = std::make_shared<const ImageStatistics>(computeImageStatistics(in.atoms, *in.graph, params));
        StepResult r;
        for (const auto& [cls, n] : s->counts) r.summary["atoms " + cls] = double(n);
        r.summary["bond length mean (px)"] = s->bondLength.mean;
        r.summary["bond length sd (px)"] = s->bondLength.sd;
        r.summary["bond angle mean (deg)"] = s->bondAngle.mean;
        r.summary["vacancy lines"] = double(s->vacancyLines.size());
        r.summary["dopants"] = double(s->dopants.size());
        r.log.push_back("statistics: " + std::to_string(s->bondLength.count) + " bonds, mean " +
                        std::to_string(s->bondLength.mean) + " px, " +
                        std::to_string(s->vacancyLines.size()) + " vacancy lines");
        r.statistics = std::move(s);
        return r;
    }
};

/// "track": the series pipeline over every frame of the micrograph (analyseSeries: detection per frame,
/// drift, tracking, site histories, vacancy-line events). Reads the image series; produces series/*.
class TrackStep : public ParamStep<TrackStepParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "track",
            "Track a series",
            "Series",
            "Drift correction, tracking of atoms and empty sites through every frame, per-site histories "
            "and vacancy-line events (series/*)",
            paramSpecs(TrackStepParams::fields()),
            {StepData::Image},
            {StepData::Series, StepData::Summary}};
        return info;
    }
    using ParamStep<TrackStepParams>::run;
    StepResult run(const ChainState& in, const TrackStepParams& p, JobContext& job) const override {
        SeriesParams params;
        params.track.gate = p.gate;
        params.track.maxGap = p.maxGap;
        params.detect.threshold = p.threshold;
        params.idealSites = p.idealSites;
        params.minSiteFraction = p.minSiteFraction;
        params.sites.vacancyFraction = p.vacancyFraction;
        auto a = std::make_shared<const SeriesAnalysis>(analyseSeries(*in.micrograph, params, job));
        StepResult r;
        r.summary["series frames"] = double(in.micrograph->frameCount());
        r.summary["series tracks"] = double(a->tracking.tracks.size());
        r.summary["series sites"] = double(a->sites.siteCount());
        r.summary["series vacancy-line events"] = double(a->events.size());
        if (!a->drift.empty())
            r.summary["series drift last frame dx (px)"] = a->drift.back().dx,
            r.summary["series drift last frame dy (px)"] = a->drift.back().dy;
        r.log.push_back("track: " + std::to_string(in.micrograph->frameCount()) + " frames, " +
                        std::to_string(a->tracking.tracks.size()) + " tracks, " +
                        std::to_string(a->sites.siteCount()) + " sites, " + std::to_string(a->events.size()) +
                        " vacancy-line events");
        r.series = std::move(a);
        return r;
    }
};

} // namespace

namespace {

void registerAnalysisSteps(StepRegistry& registry) {
    registerStep<DescriptorsStep>(registry);
    registerStep<MotifsStep>(registry);
    registerStep<StatisticsStep>(registry);
    registerStep<TrackStep>(registry);
}

// These steps live in analysis (they need describe and analysis, which sit above chain) and add
// themselves to the registry when the program starts; core/analysis/CMakeLists.txt keeps this object
// in every program that links atomlens::analysis (the anchor below).
[[maybe_unused]] const bool registered = (registerAnalysisSteps(StepRegistry::instance()), true);

} // namespace

} // namespace atomlens

/// Referenced by the linker option in core/analysis/CMakeLists.txt.
extern "C" {
extern int atomlens_analysis_steps_anchor;
int atomlens_analysis_steps_anchor = 1;
}
