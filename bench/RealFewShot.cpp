// Real set "mos2-smov-fewshot": the few-shot journey on real MoS2. 5 labels per class (S, Mo, V) drawn
// from ONE image with a seed, fine-tuned from mos2-species (labels without a node get one), every OTHER
// image classified with the default detection + the model's graph, nodes matched to the hand labels
// within 4 px (Hungarian). Accuracy over all labelled sites (a site without a node is an error) and over
// sites with a node, per-class F1, expected calibration error, the time of the whole fine-tuning.
#include "bench/RealBench.h"

#ifdef ATOMLENS_WITH_NN
#include "core/detect/Detector.h"
#include "core/io/MicrographReader.h"
#include "core/job/ThreadPool.h"
#include "core/nn/FewShot.h"
#include "core/nn/LabelPlacement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

namespace atomlens::bench {
namespace {

namespace fs = std::filesystem;
const std::vector<std::string> kClasses = {"Mo", "S", "V"};
constexpr double kTolerance = 4.0;

/// One image with its hand labels and its classification-ready graph (default detection).
struct SiteImage {
    LabelledImage files;
    LabelledPoints truth;
    std::vector<int> truthClass; ///< index into kClasses, -1 for anything else
    PreparedGraph prepared;
    std::vector<int> nodeOfSite; ///< per labelled site the matched node, -1 = no node within 4 px
};

int classIndex(const std::string& name) {
    const auto it = std::find(kClasses.begin(), kClasses.end(), name);
    return it == kClasses.end() ? -1 : int(it - kClasses.begin());
}

SiteImage loadImage(const LabelledImage& files, const GraphSettings& settings) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    SiteImage s;
    s.files = files;
    s.truth = readLabelledPoints(files.labels);
    for (const auto& c : s.truth.classes) s.truthClass.push_back(classIndex(c));
    const Micrograph m = readMicrograph(files.image.string());
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, job);
    s.prepared = prepareGraph(m.frame(0), atoms, false, job, settings);
    std::vector<Point2> nodes;
    for (std::size_t i = 0; i < s.prepared.graph.nodeCount(); ++i)
        nodes.push_back({s.prepared.graph.x[i], s.prepared.graph.y[i]});
    s.nodeOfSite.assign(s.truth.points.size(), -1);
    for (const auto& [node, site] : matchPoints(nodes, s.truth.points, kTolerance).pairs)
        s.nodeOfSite[site] = int(node);
    return s;
}

/// Confusion over labelled sites (row truth, column predicted; column 3 = no node) and calibration data.
struct Tally {
    double counts[3][4] = {};
    CalibrationSet calibration{3, {}, {}};
    void add(const SiteImage& s, const EgnnPrediction& p, const std::vector<int>& classMap) {
        for (std::size_t t = 0; t < s.truthClass.size(); ++t) {
            const int truth = s.truthClass[t];
            if (truth < 0) continue;
            const int node = s.nodeOfSite[t];
            if (node < 0) {
                counts[truth][3] += 1;
                continue;
            }
            const float* row = &p.probabilities[std::size_t(node) * std::size_t(p.classCount)];
            std::vector<float> q(3, 0.0f); // model classes folded onto Mo/S/V
            for (int c = 0; c < p.classCount; ++c)
                if (classMap[std::size_t(c)] >= 0) q[std::size_t(classMap[std::size_t(c)])] += row[c];
            const int best = int(std::max_element(q.begin(), q.end()) - q.begin());
            counts[truth][best] += 1;
            calibration.probabilities.insert(calibration.probabilities.end(), q.begin(), q.end());
            calibration.labels.push_back(truth);
        }
    }
    void print(const char* what) const {
        std::fprintf(stderr, "    %s confusion (rows truth Mo/S/V; columns predicted Mo/S/V/no node):", what);
        for (int t = 0; t < 3; ++t)
            std::fprintf(stderr, " [%g %g %g %g]", counts[t][0], counts[t][1], counts[t][2], counts[t][3]);
        std::fprintf(stderr, "\n");
    }
    double sites(bool withNodeOnly) const {
        double n = 0;
        for (int t = 0; t < 3; ++t)
            for (int c = 0; c < (withNodeOnly ? 3 : 4); ++c) n += counts[t][c];
        return n;
    }
    double accuracy(bool withNodeOnly) const {
        double right = 0;
        for (int t = 0; t < 3; ++t) right += counts[t][t];
        return right / std::max(1.0, sites(withNodeOnly));
    }
    double f1(int c) const {
        double tp = counts[c][c], fp = 0, fn = 0;
        for (int k = 0; k < 4; ++k) fn += k != c ? counts[c][k] : 0;
        for (int t = 0; t < 3; ++t) fp += t != c ? counts[t][c] : 0;
        return tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
    }
};

/// `perClass` labels of each class drawn with `seed` from one image's hand labels.
Labels drawLabels(const SiteImage& s, int perClass, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Labels labels;
    for (int c = 0; c < 3; ++c) {
        std::vector<std::size_t> sites;
        for (std::size_t t = 0; t < s.truthClass.size(); ++t)
            if (s.truthClass[t] == c) sites.push_back(t);
        std::shuffle(sites.begin(), sites.end(), rng);
        for (std::size_t k = 0; k < sites.size() && k < std::size_t(perClass); ++k)
            labels.add(
                {s.truth.points[sites[k]].x, s.truth.points[sites[k]].y, kClasses[std::size_t(c)], -1});
    }
    return labels;
}

struct RunResult {
    Tally tally;
    double seconds = 0, cvAccuracy = 0, temperature = 1;
    std::size_t used = 0, added = 0, labels = 0;
};

/// Fine-tunes on labels of image `train` (detection + placement + cross-validated fine-tuning timed)
/// and classifies the images in `test`.
RunResult runOnce(const EgnnModel& base, const std::vector<SiteImage>& images, std::size_t train,
                  const std::vector<std::size_t>& test, std::uint64_t seed) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    RunResult r;
    const Labels labels = drawLabels(images[train], 5, seed);
    const auto t0 = std::chrono::steady_clock::now();
    const Micrograph m = readMicrograph(images[train].files.image.string());
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, job);
    const PlacedLabels placed =
        placeLabels(m.frame(0), atoms, labels, kClasses, false, base.graphSettings(), job);
    if (std::getenv("ATOMLENS_BENCH_VERBOSE"))
        for (std::size_t i = 0; i < placed.placements.size(); ++i)
            std::fprintf(stderr, "    %s\n", describePlacement(placed.placements[i], i).c_str());
    FewShotOptions options = fewShotDefaults(); // what `atomlens-cli finetune` does
    options.seed = seed;
    const FewShotResult tuned = fineTune(&base, kClasses, {placed.prepared.input}, options, job);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.cvAccuracy = tuned.crossValidatedAccuracy, r.temperature = tuned.temperature;
    r.used = placed.usedCount(), r.added = placed.addedCount(), r.labels = labels.size();
    for (std::size_t i : test)
        r.tally.add(images[i], tuned.model.predict(images[i].prepared.input), {0, 1, 2});
    return r;
}

std::string spread(const std::vector<double>& v) {
    double lo = v[0], hi = v[0], mean = 0;
    for (double x : v) lo = std::min(lo, x), hi = std::max(hi, x), mean += x / double(v.size());
    char s[96];
    std::snprintf(s, sizeof s, "mean of %zu runs; min %.3f, max %.3f", v.size(), lo, hi);
    return s;
}

std::vector<BenchResult> runFewShot(const fs::path& dataDir, bool quick) {
    const std::string name = "mos2-smov-fewshot";
    std::vector<BenchResult> out;
    const auto files = labelledImages(dataDir / "micrographs" / "mos2-smov");
    if (files.size() < 3) {
        std::fprintf(stderr, "  %s: SKIPPED, no labelled images\n", name.c_str());
        out.push_back({"real", name + ": skipped (no data)", 0, "", ""});
        return out;
    }
    const EgnnModel base = EgnnModel::load(loadModel("mos2-species"));
    const std::vector<std::uint64_t> seeds =
        quick ? std::vector<std::uint64_t>{1} : std::vector<std::uint64_t>{1, 2, 3};
    std::vector<SiteImage> images;
    std::size_t count = quick ? std::min<std::size_t>(4, files.size()) : files.size();
    for (std::size_t i = 0; i < count; ++i) images.push_back(loadImage(files[i], base.graphSettings()));
    std::fprintf(stderr, "  %s: %zu images prepared\n", name.c_str(), images.size());
    // Training images: the first and the middle one by name (never chosen by their results).
    const std::vector<std::size_t> trainImages =
        quick ? std::vector<std::size_t>{0} : std::vector<std::size_t>{0, images.size() / 2};

    // Reference: the shipped model untuned (S2 -> S, S1 and empty -> V) on every image.
    Tally untuned;
    std::vector<int> speciesMap;
    for (const auto& c : base.classes()) speciesMap.push_back(c == "Mo" ? 0 : c == "S2" ? 1 : 2);
    for (const auto& s : images) {
        Tally one;
        one.add(s, base.predict(s.prepared.input), speciesMap);
        untuned.add(s, base.predict(s.prepared.input), speciesMap);
        if (std::getenv("ATOMLENS_BENCH_VERBOSE")) {
            std::fprintf(stderr, "%s ", s.files.image.filename().string().c_str());
            one.print("untuned");
        }
    }
    untuned.print("untuned");

    std::vector<double> accAll, accNode, f1Mo, f1S, f1V, ece, eceRaw, seconds;
    for (std::size_t train : trainImages)
        for (std::uint64_t seed : seeds) {
            std::vector<std::size_t> test;
            for (std::size_t i = 0; i < images.size(); ++i)
                if (i != train) test.push_back(i);
            const RunResult r = runOnce(base, images, train, test, seed);
            const double e = expectedCalibrationError(r.tally.calibration, 1);
            // The model's own probabilities: p^(1/T) rescaled by 1/(1/T).
            const double raw = expectedCalibrationError(r.tally.calibration, 1 / r.temperature);
            std::fprintf(stderr,
                         "  %s: labels from %s seed %llu: %zu of %zu labels used (%zu nodes added), "
                         "finetune %.2f s, cv %.3f, T %.2f; %zu images: accuracy all sites %.3f, with a node "
                         "%.3f, F1 Mo %.3f S %.3f V %.3f, ECE %.3f (uncalibrated %.3f)\n",
                         name.c_str(), images[train].files.image.filename().string().c_str(),
                         static_cast<unsigned long long>(seed), r.used, r.labels, r.added, r.seconds,
                         r.cvAccuracy, r.temperature, test.size(), r.tally.accuracy(false),
                         r.tally.accuracy(true), r.tally.f1(0), r.tally.f1(1), r.tally.f1(2), e, raw);
            r.tally.print("fine-tuned");
            accAll.push_back(r.tally.accuracy(false)), accNode.push_back(r.tally.accuracy(true));
            f1Mo.push_back(r.tally.f1(0)), f1S.push_back(r.tally.f1(1)), f1V.push_back(r.tally.f1(2));
            ece.push_back(e), eceRaw.push_back(raw), seconds.push_back(r.seconds);
        }
    const auto mean = [](const std::vector<double>& v) {
        double m = 0;
        for (double x : v) m += x / double(v.size());
        return m;
    };
    const std::string n = std::to_string(images.size() - 1) + " other images; " + spread(accAll);
    out.push_back({"real", name + " untuned mos2-species accuracy (all sites)", untuned.accuracy(false), "",
                   std::to_string(images.size()) + " images, S2->S, S1/empty->V"});
    out.push_back({"real", name + " untuned mos2-species accuracy (sites with a node)",
                   untuned.accuracy(true), "", ""});
    out.push_back({"real", name + " untuned mos2-species F1 V", untuned.f1(2), "F1", ""});
    out.push_back(
        {"real", name + " accuracy over all labelled sites", mean(accAll), "", n + "; target >= 0.98"});
    out.push_back({"real", name + " accuracy over sites with a node", mean(accNode), "", spread(accNode)});
    out.push_back({"real", name + " F1 Mo", mean(f1Mo), "F1", spread(f1Mo)});
    out.push_back({"real", name + " F1 S", mean(f1S), "F1", spread(f1S)});
    out.push_back({"real", name + " F1 V (vacancy)", mean(f1V), "F1", spread(f1V) + "; target >= 0.85"});
    out.push_back({"real", name + " expected calibration error (calibrated)", mean(ece), "",
                   spread(ece) + "; sites with a node, 10 bins"});
    out.push_back({"real", name + " expected calibration error (uncalibrated, T = 1)", mean(eceRaw), "",
                   spread(eceRaw)});
    out.push_back({"real", name + " whole fine-tuning (detect, graph, labels, CV, fit)", mean(seconds), "s",
                   spread(seconds) + "; target < 10 s on 2 cores"});
    return out;
}

const bool registered = [] {
    registerRealSet({"mos2-smov-fewshot",
                     "5 labels per class from one real MoS2 image, fine-tuned from mos2-species, all other "
                     "images classified (4 px)",
                     runFewShot});
    return true;
}();

} // namespace
} // namespace atomlens::bench
#endif
