// Part of bench suite "detect": position and intensity errors against the per-column Cramer-Rao
// bounds the refinement reports (Poisson maximum likelihood vs least squares), on jitter-free
// simulated MoS2 at three doses and under a wide probe, and on an independent synthetic set
// (Gaussian columns, Poisson noise, peak 200 over background 10, sigma 2.4 px, spacing 12 px).
#include "bench/Benchmark.h"
#include "bench/RealBench.h"
#include "core/base/Random.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/detect/RefineGaussian.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
const char* const kModes[2] = {"poisson", "least-squares"};

std::string fmt(const char* format, double a, double b = 0, double c = 0, double d = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, format, a, b, c, d);
    return buf;
}

/// Sums over matched columns of one class.
struct Tally {
    double pos2 = 0, posBound2 = 0, posRef2 = 0; ///< per-axis squared errors, bounds, reference bound
    double posJoint2 = 0;                        ///< neighbourhood-joint bound (wide probe only)
    double posJointShared2 = 0;                  ///< the same with one width shared by all columns
    int nJoint = 0;                              ///< columns with a joint bound (>= 30 px from the border)
    double intInner2 = 0, intInnerBound2 = 0, withinIntInner = 0; ///< intensities of those columns
    double int2 = 0, intBound2 = 0, intBias = 0;
    double within = 0, withinInt = 0;           ///< |error| < reported sd (per axis / intensity)
    double withinBound = 0, withinBoundInt = 0; ///< |error| < Cramer-Rao bound
    int n = 0;
};

/// Tallies one image's matched columns. `bounds` (per truth column) holds the Cramer-Rao bounds the
/// Poisson run reported: filled when empty, used as they are otherwise (the least-squares run is
/// measured against the same bounds).
void tally(const AtomTable& atoms, const std::vector<Point2>& truth, const std::vector<std::string>& cls,
           const std::vector<double>& truthIntensity, const std::vector<double>& refBound,
           std::vector<ColumnErrors>& bounds, std::map<std::string, Tally>& out,
           const std::vector<double>& jointBound = {}, const std::vector<double>& jointShared = {}) {
    std::vector<Point2> det;
    for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
    const auto pairs = matchPoints(det, truth, 3.0).pairs;
    if (bounds.empty()) {
        bounds.assign(truth.size(), ColumnErrors{});
        for (auto [i, j] : pairs) bounds[j] = atoms.crlbs()[i];
    }
    for (auto [i, j] : pairs) {
        if (atoms.flags()[i] & (kFlagAtEdge | kFlagFitFailed)) continue;
        const ColumnErrors& e = atoms.errors()[i];
        const ColumnErrors& b = bounds[j];
        if (!(b.x > 0) || !(e.x > 0)) continue;
        Tally& t = out[cls[j]];
        const double dx = det[i].x - truth[j].x, dy = det[i].y - truth[j].y;
        const double dI = atoms.intensities()[i] - truthIntensity[j];
        t.pos2 += 0.5 * (dx * dx + dy * dy), t.posBound2 += 0.5 * (b.x * b.x + b.y * b.y);
        t.posRef2 += refBound[j] * refBound[j];
        if (!jointBound.empty() && jointBound[j] > 0) {
            t.posJoint2 += jointBound[j] * jointBound[j],
                t.posJointShared2 += jointShared[j] * jointShared[j];
            ++t.nJoint;
            t.intInner2 += dI * dI, t.intInnerBound2 += double(b.intensity) * b.intensity;
            t.withinIntInner += std::fabs(dI) < e.intensity;
        }
        t.int2 += dI * dI, t.intBound2 += double(b.intensity) * b.intensity, t.intBias += dI;
        t.within += 0.5 * ((std::fabs(dx) < e.x) + (std::fabs(dy) < e.y));
        t.withinInt += std::fabs(dI) < e.intensity;
        t.withinBound += 0.5 * ((std::fabs(dx) < b.x) + (std::fabs(dy) < b.y));
        t.withinBoundInt += std::fabs(dI) < b.intensity;
        ++t.n;
    }
}

void report(const std::string& tag, const std::string& mode, const std::map<std::string, Tally>& tallies,
            const std::vector<std::string>& classes, std::vector<BenchResult>& out) {
    for (const std::string& c : classes) {
        const auto it = tallies.find(c);
        if (it == tallies.end() || it->second.n == 0) continue;
        const Tally& t = it->second;
        const double rms = std::sqrt(t.pos2 / t.n), bound = std::sqrt(t.posBound2 / t.n),
                     ref = std::sqrt(t.posRef2 / t.n);
        out.push_back(
            {"detect", tag + " " + c + " RMS/CRLB position (" + mode + ")", rms / bound, "ratio",
             fmt("RMS/axis %.4f px, CRLB %.4f px (isolated 5-parameter bound %.4f, ratio %.2f)", rms, bound,
                 ref, rms / ref) +
                 fmt("; within 1 sd %.3f (1 CRLB %.3f); n %.0f", t.within / t.n, t.withinBound / t.n, t.n) +
                 (t.nJoint > 0
                      ? fmt("; joint bound (all columns within 6 sigma free, all their pixels) %.4f px, "
                            "ratio %.2f",
                            std::sqrt(t.posJoint2 / t.nJoint), rms / std::sqrt(t.posJoint2 / t.nJoint)) +
                            fmt("; with one width for all %.4f px, ratio %.2f",
                                std::sqrt(t.posJointShared2 / t.nJoint),
                                rms / std::sqrt(t.posJointShared2 / t.nJoint))
                      : std::string()) +
                 ", target <= 1.1"});
        const double rmsI = std::sqrt(t.int2 / t.n), boundI = std::sqrt(t.intBound2 / t.n);
        out.push_back(
            {"detect", tag + " " + c + " RMS/CRLB intensity (" + mode + ")", rmsI / boundI, "ratio",
             fmt("RMS %.4g, CRLB %.4g, bias %.4g; within 1 sd %.3f", rmsI, boundI, t.intBias / t.n,
                 t.withinInt / t.n) +
                 // Bias-aware: the scatter about the mean error against the bound.
                 fmt("; without the mean bias RMS/CRLB %.3f",
                     std::sqrt(std::max(0.0, t.int2 / t.n - std::pow(t.intBias / t.n, 2))) / boundI) +
                 fmt(" (1 CRLB %.3f)", t.withinBoundInt / t.n) +
                 (t.nJoint > 0
                      ? fmt("; the %.0f columns >= 30 px from the border (neighbours all in the "
                            "image): ratio %.3f, within 1 sd %.3f",
                            t.nJoint, std::sqrt(t.intInner2 / t.intInnerBound2), t.withinIntInner / t.nJoint)
                      : std::string()) +
                 ", target <= 1.1"});
    }
}

/// Per truth column (Mo and S2; 0 for the others): the per-axis position bound with every Mo and S2
/// column within 6 sigma free (x, y, amplitude, sigma) and a local plane, over every pixel within 3.5
/// sigma of any of them, variance = the noise-free image (the same structure at 1e13 e/A^2, scaled) plus
/// the read noise: what a joint fit of the whole image could reach. Columns within 30 px of the border
/// get 0 (not scored here). `sharedWidth`: one sigma for all of them (one probe, as the refinement's
/// neighbourhood fits assume) instead of one per column.
std::vector<double> jointBounds(const SimulationParams& p, const SimulationResult& sim,
                                const std::vector<double>& peaks, bool sharedWidth) {
    SimulationParams q = p;
    q.dose = 1e13;
    const SimulationResult hi = simulate(q);
    const Image& H = hi.micrograph.frame(0);
    const double scale = p.dose / q.dose, s = sim.probeSigma / sim.pixelSize, R = 3.5 * s, hood = 6 * s;
    const int w = H.width(), h = H.height();
    const auto& T = sim.truth;
    std::vector<double> out(T.size(), 0.0);
    std::vector<std::size_t> idx;
    for (std::size_t j = 0; j < T.size(); ++j)
        if (peaks[j] > 0) idx.push_back(j);
    for (std::size_t j : idx) {
        if (T[j].x < 30 || T[j].y < 30 || T[j].x > w - 31 || T[j].y > h - 31) continue;
        std::vector<std::size_t> set{j};
        for (std::size_t k : idx)
            if (k != j && std::hypot(T[k].x - T[j].x, T[k].y - T[j].y) < hood) set.push_back(k);
        const int n = int(set.size()) * 4 + 3 + (sharedWidth ? 1 : 0), plane = sharedWidth ? n - 4 : n - 3;
        Eigen::MatrixXd F = Eigen::MatrixXd::Zero(n, n);
        Eigen::VectorXd g(n);
        const int x0 = std::max(0, int(T[j].x - hood - R)), x1 = std::min(w - 1, int(T[j].x + hood + R) + 1);
        const int y0 = std::max(0, int(T[j].y - hood - R)), y1 = std::min(h - 1, int(T[j].y + hood + R) + 1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                bool inside = false;
                for (std::size_t k : set) inside |= std::hypot(x - T[k].x, y - T[k].y) < R;
                if (!inside) continue;
                g.setZero();
                for (std::size_t m = 0; m < set.size(); ++m) {
                    const std::size_t k = set[m];
                    const double dx = x - T[k].x, dy = y - T[k].y, A = peaks[k];
                    const double e = std::exp(-(dx * dx + dy * dy) / (2 * s * s));
                    g[int(4 * m)] = A * e * dx / (s * s), g[int(4 * m + 1)] = A * e * dy / (s * s);
                    g[int(4 * m + 2)] = e, g[int(4 * m + 3)] = A * e * (dx * dx + dy * dy) / (s * s * s);
                    if (sharedWidth) g[n - 1] += g[int(4 * m + 3)], g[int(4 * m + 3)] = 0;
                }
                g[plane] = 1, g[plane + 1] = x - T[j].x, g[plane + 2] = y - T[j].y;
                const double var = std::max(1e-9, double(H.at(x, y)) * scale) + p.readNoise * p.readNoise;
                F.selfadjointView<Eigen::Lower>().rankUpdate(g, 1.0 / var);
            }
        if (sharedWidth) // no per-column widths: unit information, no coupling
            for (std::size_t m = 0; m < set.size(); ++m) F(int(4 * m + 3), int(4 * m + 3)) = 1;
        const Eigen::MatrixXd C =
            F.selfadjointView<Eigen::Lower>().ldlt().solve(Eigen::MatrixXd::Identity(n, n));
        out[j] = std::sqrt(std::max(0.0, 0.5 * (C(0, 0) + C(1, 1))));
    }
    return out;
}

/// Jitter-free simulated MoS2 (bench seeds 101-103): the bound is reachable only without scan jitter.
/// fromTruth: refinement alone, started from every true column (0.5 px off in a random direction, the
/// detector's sigma), so that columns a detector misses under a wide probe do not confound it.
void mos2(bool quick, double dose, double probeSigmaA, bool fromTruth, std::vector<BenchResult>& out) {
    PooledJobContext job; // all cores for the accuracy runs (results do not depend on it)
    std::map<std::string, Tally> tallies[2];
    const double wMo = std::pow(42.0, 1.7), wS2 = 2 * std::pow(16.0, 1.7);
    for (int seed = 1; seed <= (quick ? 1 : 3); ++seed) {
        SimulationParams p;
        p.width = p.height = 512, p.dose = dose, p.seed = std::uint64_t(100 + seed), p.jitter = 0;
        p.probeSigma = probeSigmaA;
        const auto sim = simulate(p);
        const double perPixel = dose * sim.pixelSize * sim.pixelSize,
                     sigmaPx = sim.probeSigma / sim.pixelSize;
        std::vector<Point2> truth;
        std::vector<std::string> cls;
        std::vector<double> intensity, ref;
        for (const auto& t : sim.truth) {
            truth.push_back({t.x, t.y}), cls.push_back(t.cls);
            const double w = t.cls == "Mo" ? wMo : t.cls == "S2" ? wS2 : 0;
            const double peak = perPixel * 0.05 / std::pow(42.0, 1.7) * w;
            intensity.push_back(peak * 2 * kPi * sigmaPx * sigmaPx);
            ref.push_back(peak > 0 ? cramerRaoBound(peak, sigmaPx, perPixel * 0.02, 0.5) : 0.0);
        }
        std::vector<double> peaks(truth.size(), 0.0);
        for (std::size_t j = 0; j < truth.size(); ++j)
            peaks[j] = intensity[j] / (2 * kPi * sigmaPx * sigmaPx);
        // The neighbourhood-joint bound only where neighbours overlap (wide probe; seconds per image).
        const std::vector<double> joint =
            probeSigmaA > 0.5 ? jointBounds(p, sim, peaks, false) : std::vector<double>{};
        const std::vector<double> jointShared =
            probeSigmaA > 0.5 ? jointBounds(p, sim, peaks, true) : std::vector<double>{};
        std::vector<ColumnErrors> bounds;
        for (int k = 0; k < 2; ++k) {
            AtomTable atoms;
            if (fromTruth) {
                atoms = truthAtoms(sim);
                Random rng(std::uint64_t(900 + seed));
                for (std::size_t r = 0; r < atoms.size(); ++r) {
                    const double angle = rng.uniform(0, 2 * kPi);
                    Atom a = atoms.at(r);
                    a.x += 0.5 * std::cos(angle), a.y += 0.5 * std::sin(angle), a.sigma = float(sigmaPx);
                    atoms.set(r, a);
                }
                RefineParams rp;
                rp.likelihood = kModes[k], rp.rescueOutliers = true;
                refineAtoms(sim.micrograph.frame(0), atoms, rp, job);
            } else {
                DetectParams dp;
                dp.likelihood = kModes[k];
                atoms = detectAtoms(sim.micrograph.frame(0), dp, job);
            }
            tally(atoms, truth, cls, intensity, ref, bounds, tallies[k], joint, jointShared);
        }
    }
    const std::string tag = fmt("MoS2 512^2 %.0e e/A^2 probe %.2f A, no jitter", dose, probeSigmaA) +
                            (fromTruth ? ", refined from truth +-0.5 px" : "");
    for (int k = 0; k < 2; ++k) report(tag, kModes[k], tallies[k], {"Mo", "S2"}, out);
}

/// The independent set: a square lattice of Gaussian columns, spacing 12 px, each displaced uniformly
/// within +-1 px (all sub-pixel phases), peak 200 counts over 10, sigma 2.4 px, Poisson noise only.
void squareLattice(bool quick, std::vector<BenchResult>& out) {
    PooledJobContext job; // all cores for the accuracy runs (results do not depend on it)
    std::map<std::string, Tally> tallies[2];
    const double peak = 200, background = 10, sigma = 2.4, spacing = 12;
    for (int seed = 1; seed <= (quick ? 1 : 3); ++seed) {
        Random rng(std::uint64_t(500 + seed));
        const int size = 384;
        std::vector<Point2> truth;
        for (double y = 8; y < size - 8; y += spacing)
            for (double x = 8; x < size - 8; x += spacing)
                truth.push_back({x + rng.uniform(-1, 1), y + rng.uniform(-1, 1)});
        Image image(size, size, 0.0f);
        std::vector<double> mean(std::size_t(size) * size, background);
        const int reach = int(std::ceil(6 * sigma));
        for (const auto& t : truth)
            for (int y = std::max(0, int(t.y) - reach); y <= std::min(size - 1, int(t.y) + reach); ++y)
                for (int x = std::max(0, int(t.x) - reach); x <= std::min(size - 1, int(t.x) + reach); ++x)
                    mean[std::size_t(y) * size + std::size_t(x)] +=
                        peak *
                        std::exp(-((x - t.x) * (x - t.x) + (y - t.y) * (y - t.y)) / (2 * sigma * sigma));
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                image.at(x, y) = float(rng.poisson(mean[std::size_t(y) * size + std::size_t(x)]));
        const std::vector<std::string> cls(truth.size(), "column");
        const std::vector<double> intensity(truth.size(), peak * 2 * kPi * sigma * sigma);
        const std::vector<double> ref(truth.size(), cramerRaoBound(peak, sigma, background, 0));
        std::vector<ColumnErrors> bounds;
        for (int k = 0; k < 2; ++k) {
            DetectParams dp;
            dp.likelihood = kModes[k];
            const AtomTable atoms = detectAtoms(image, dp, job);
            tally(atoms, truth, cls, intensity, ref, bounds, tallies[k]);
        }
    }
    for (int k = 0; k < 2; ++k)
        report("independent set (peak 200 / bg 10, sigma 2.4, spacing 12 px, Poisson)", kModes[k], tallies[k],
               {"column"}, out);
}

/// Keeps the refinement's noise-model log line.
class NoiseLog : public JobContext {
public:
    void log(LogLevel, const std::string& message) override {
        std::lock_guard<std::mutex> guard(m_lock);
        if (message.find("noise model") != std::string::npos) m_last = message;
    }
    std::string last() const { return m_last; }

private:
    std::mutex m_lock;
    std::string m_last;
};

/// Detection F1 on labelled real images with both final passes (tolerances 3 and 4 px). The labels'
/// classes in `ignored` are not atoms of the scored kind (mos2-smov "V": a vacancy site).
void realSet(const std::string& name, const std::string& imageSuffix, const std::string& labelSuffix,
             std::vector<BenchResult>& out) {
    const std::string dir = (bench::realDataDir() / "micrographs" / name).string();
    if (!std::filesystem::exists(dir)) {
        out.push_back(
            {"detect", name + " labels, Poisson vs least squares", 0, "F1", "skipped: " + dir + " absent"});
        return;
    }
    std::vector<std::string> images;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string path = entry.path().string();
        if (path.find(imageSuffix) != std::string::npos) images.push_back(path);
    }
    std::sort(images.begin(), images.end());
    for (int k = 0; k < 2; ++k) {
        std::size_t tp[2] = {}, fp[2] = {}, fn[2] = {};
        std::string noise;
        double shift2 = 0;
        std::size_t moved = 0;
        ThreadPool pool(ThreadPool::defaultSize()); // all cores (results do not depend on it)
        for (const std::string& path : images) {
            const std::string labels = path.substr(0, path.find(imageSuffix)) + labelSuffix;
            if (!std::filesystem::exists(labels)) continue;
            const Micrograph m = readMicrograph(path);
            DetectParams dp;
            dp.likelihood = kModes[k];
            NoiseLog log;
            log.setThreadPool(&pool);
            const AtomTable atoms = detectAtoms(m.frame(0), dp, log);
            if (noise.empty()) noise = log.last();
            std::vector<Point2> det, truth;
            for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
            for (const auto& l : readPositionsCsv(labels))
                if (l.className != "V") truth.push_back({l.x, l.y});
            for (int t = 0; t < 2; ++t) {
                const auto match = matchPoints(det, truth, t == 0 ? 3.0 : 4.0);
                const auto s = scoreMatching(match, det, truth);
                tp[t] += s.truePositives, fp[t] += s.falsePositives, fn[t] += s.falseNegatives;
                if (t == 0)
                    for (auto [i, j] : match.pairs)
                        shift2 += std::pow(det[i].x - truth[j].x, 2) + std::pow(det[i].y - truth[j].y, 2),
                            ++moved;
            }
        }
        for (int t = 0; t < 2; ++t) {
            const double p = double(tp[t]) / double(std::max<std::size_t>(1, tp[t] + fp[t])),
                         r = double(tp[t]) / double(std::max<std::size_t>(1, tp[t] + fn[t]));
            out.push_back({"detect",
                           name + " (" + std::to_string(images.size()) + " images) F1 tol " +
                               (t == 0 ? "3" : "4") + " px (" + kModes[k] + ")",
                           p + r > 0 ? 2 * p * r / (p + r) : 0, "F1",
                           fmt("P %.4f R %.4f, %.0f labels", p, r, double(tp[t] + fn[t])) +
                               (t == 0 ? fmt("; RMS distance to labels %.3f px",
                                             std::sqrt(shift2 / std::max<std::size_t>(1, moved))) +
                                             (noise.empty() ? "" : "; first image " + noise)
                                       : "")});
        }
    }
}

} // namespace

void runRealLikelihoodBench(std::vector<BenchResult>& out) {
    realSet("mos2-smov", ".jpg", ".csv", out);
    realSet("pt-single-atoms", "_HAADF", "_Results.csv", out);
    realSet("re-single-atoms", ".png", ".csv", out);
}

void runLikelihoodBench(bool quick, std::vector<BenchResult>& out) {
    // ATOMLENS_BENCH_LIKELIHOOD_ROWS (e.g. "1e4,wide") runs a subset of: square, 1e4, 1e5, 1e6, wide
    // (0.60 A from detection), truth (0.60 A refined from truth); unset = all.
    const char* env = std::getenv("ATOMLENS_BENCH_LIKELIHOOD_ROWS");
    const std::string rows = env ? "," + std::string(env) + "," : "";
    auto want = [&](const std::string& row) {
        return rows.empty() || rows.find("," + row + ",") != std::string::npos;
    };
    if (want("square")) squareLattice(quick, out);
    for (double dose : {1e4, 1e5, 1e6})
        if (want(fmt("%.0e", dose).replace(2, 2, ""))) mos2(quick, dose, 0.45, false, out);
    if (want("wide")) mos2(quick, 1e5, 0.6, false, out);
    if (want("truth")) mos2(quick, 1e5, 0.6, true, out);
}

} // namespace atomlens
