#include "core/simulate/Simulator.h"

#include "core/base/Random.h"
#include "core/io/CsvTable.h"
#include "core/simulate/Presets.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
/// Peak fraction of the probe scattered onto the HAADF detector per unit of Z^1.7: a Mo column
/// (42^1.7 = 574) scatters about 5% of the probe when the probe sits on it.
constexpr double kScatterPerWeight = 0.05 / 574.0;

/// Scan geometry of one frame: pixel (c, r) is recorded at time t = (r W + c) / (W H) of the frame
/// and samples the specimen at (c p + jitter[r] + drift.x t + shift.x, r p + drift.y t + shift.y).
struct Scan {
    int width = 0, height = 0;
    double pixel = 1;
    double driftX = 0, driftY = 0, shiftX = 0, shiftY = 0;
    std::vector<double> jitter;

    double time(double c, double r) const { return (r * width + c) / (double(width) * height); }
    /// Where a specimen point appears in the image (no jitter), by fixed-point iteration on t.
    void apparent(double x, double y, double& c, double& r) const {
        double t = 0.5;
        for (int i = 0; i < 5; ++i) {
            c = (x - driftX * t - shiftX) / pixel;
            r = (y - driftY * t - shiftY) / pixel;
            t = std::clamp(time(c, r), 0.0, 1.0);
        }
    }
};

/// Slowly varying support background: a few random long-wavelength cosines.
struct Background {
    double mean = 0, variation = 0;
    double kx[4] = {}, ky[4] = {}, phase[4] = {};
    double at(double x, double y) const {
        double v = 0;
        for (int i = 0; i < 4; ++i) v += std::cos(kx[i] * x + ky[i] * y + phase[i]);
        return std::max(0.0, mean * (1 + variation * v / 4));
    }
};

Image renderFrame(const Structure& s, const Scan& scan, const Background& bg, double sigma, double dose,
                  double readNoise, Random& rng) {
    const int W = scan.width, H = scan.height;
    std::vector<double> fraction(std::size_t(W) * H, 0.0);
    double maxJitter = 0;
    for (double j : scan.jitter) maxJitter = std::max(maxJitter, std::fabs(j));
    const int radius = int(std::ceil((4.5 * sigma + maxJitter) / scan.pixel)) + 2;
    const double inv2s2 = 1.0 / (2 * sigma * sigma);
    for (const auto& col : s.columns) {
        if (col.weight <= 0) continue;
        double c0, r0;
        scan.apparent(col.x, col.y, c0, r0);
        const int cMin = std::max(0, int(std::floor(c0)) - radius),
                  cMax = std::min(W - 1, int(std::ceil(c0)) + radius);
        const int rMin = std::max(0, int(std::floor(r0)) - radius),
                  rMax = std::min(H - 1, int(std::ceil(r0)) + radius);
        const double peak = kScatterPerWeight * col.weight;
        for (int r = rMin; r <= rMax; ++r) {
            const double jit = scan.jitter[std::size_t(r)];
            for (int c = cMin; c <= cMax; ++c) {
                const double t = scan.time(c, r);
                const double sx = c * scan.pixel + jit + scan.driftX * t + scan.shiftX;
                const double sy = r * scan.pixel + scan.driftY * t + scan.shiftY;
                const double d2 = (sx - col.x) * (sx - col.x) + (sy - col.y) * (sy - col.y);
                fraction[std::size_t(r) * W + c] += peak * std::exp(-d2 * inv2s2);
            }
        }
    }
    Image image(W, H);
    const double perPixel = dose * scan.pixel * scan.pixel; // incident electrons per pixel
    for (int r = 0; r < H; ++r)
        for (int c = 0; c < W; ++c) {
            const double mean =
                perPixel * (bg.at(c * scan.pixel, r * scan.pixel) + fraction[std::size_t(r) * W + c]);
            double counts = double(rng.poisson(mean));
            if (readNoise > 0) counts += rng.normal(0, readNoise);
            image.at(c, r) = float(counts);
        }
    return image;
}

void check(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
}

} // namespace

std::vector<std::string> simulationPresets() {
    return {"mos2", "mos2-phase", "mos2-gb", "graphene-si", "perovskite"};
}

SimulationResult simulate(const SimulationParams& params, JobContext& job) {
    const auto presets = simulationPresets();
    check(std::find(presets.begin(), presets.end(), params.preset) != presets.end(),
          "unknown simulation preset '" + params.preset +
              "' (use mos2, mos2-phase, mos2-gb, graphene-si or perovskite)");
    check(params.width >= 16 && params.height >= 16 && params.width <= 16384 && params.height <= 16384,
          "image size must be between 16 and 16384 pixels");
    check(std::isfinite(params.dose) && params.dose > 0,
          "dose must be a positive number of electrons per A^2");
    check(params.siSwitchProbability >= 0 && params.siSwitchProbability <= 1,
          "the Si switching probability must be between 0 and 1");
    check(params.contamination >= 0 && params.contamination <= 0.8,
          "the contamination fraction must be between 0 and 0.8");
    check(params.frames >= 1 && params.frames <= 10000, "frames must be between 1 and 10000");
    check(params.pixelSize >= 0 && params.pixelSize < 10 && params.probeSigma >= 0 && params.probeSigma < 10,
          "pixel size and probe sigma must be in angstrom, between 0 and 10");
    check(std::fabs(params.strainXX) < 0.3 && std::fabs(params.strainYY) < 0.3 &&
              std::fabs(params.strainXY) < 0.3,
          "strain components must be below 30%");

    const PresetDefaults defaults = presetDefaults(params.preset);
    SimulationResult result;
    result.pixelSize = params.pixelSize > 0 ? params.pixelSize : defaults.pixelSize;
    result.probeSigma = params.probeSigma > 0 ? params.probeSigma : defaults.probeSigma;
    const double widthA = params.width * result.pixelSize, heightA = params.height * result.pixelSize;

    Random rng(params.seed);
    Random structureRng = rng.split(1), noiseRng = rng.split(2), scanRng = rng.split(3),
           motionRng = rng.split(4), switchRng = rng.split(5);
    Structure structure = buildStructure(params, widthA, heightA, structureRng);

    Background bg;
    bg.mean = params.background, bg.variation = params.backgroundVariation;
    for (int i = 0; i < 4; ++i) {
        const double wavelength = scanRng.uniform(20, 120), angle = scanRng.uniform(0, 2 * kPi);
        bg.kx[i] = 2 * kPi / wavelength * std::cos(angle), bg.ky[i] = 2 * kPi / wavelength * std::sin(angle);
        bg.phase[i] = scanRng.uniform(0, 2 * kPi);
    }
    const double driftAngle = scanRng.uniform(0, 2 * kPi);

    Micrograph& m = result.micrograph;
    m.calibration.pixelSizeX = m.calibration.pixelSizeY = result.pixelSize / 10.0;
    m.calibration.unit = "nm";
    m.frameAxis = {"time", params.frameInterval, 0.0, "s"};
    m.title = "simulated " + params.preset;
    m.signals = {"HAADF"};
    m.metadata.set("Simulation/Preset", params.preset);
    m.metadata.set("Simulation/Seed", std::to_string(params.seed));
    m.metadata.set("Simulation/Dose_e_per_A2", formatNumber(params.dose));
    m.metadata.set("Simulation/PixelSize_A", formatNumber(result.pixelSize));
    m.metadata.set("Simulation/ProbeSigma_A", formatNumber(result.probeSigma));
    m.metadata.set("Acquisition/Detector", "HAADF (simulated)");
    m.metadata.set("Detector/Gain", "1");
    m.metadata.set("Detector/ReadNoise", formatNumber(params.readNoise));

    double shiftX = 0, shiftY = 0;
    for (int f = 0; f < params.frames; ++f) {
        job.throwIfCanceled();
        job.setProgress(f, params.frames, "simulating frame " + std::to_string(f + 1));
        if (f > 0) {
            evolveVacancies(structure, params, motionRng);
            switchSiliconDopants(structure, params, switchRng);
            shiftX += motionRng.normal(0, params.frameDrift);
            shiftY += motionRng.normal(0, params.frameDrift);
        }
        Scan scan;
        scan.width = params.width, scan.height = params.height, scan.pixel = result.pixelSize;
        scan.driftX = params.drift * std::cos(driftAngle), scan.driftY = params.drift * std::sin(driftAngle);
        scan.shiftX = shiftX, scan.shiftY = shiftY;
        scan.jitter.resize(std::size_t(params.height));
        for (auto& j : scan.jitter) j = scanRng.normal(0, params.jitter);

        m.frames.push_back(
            renderFrame(structure, scan, bg, result.probeSigma, params.dose, params.readNoise, noiseRng));
        for (std::size_t i = 0; i < structure.columns.size(); ++i) {
            const Column& col = structure.columns[i];
            double c, r;
            scan.apparent(col.x, col.y, c, r);
            if (c < -0.5 || r < -0.5 || c > params.width - 0.5 || r > params.height - 0.5) continue;
            TruthColumn t;
            t.frame = f, t.id = int(i), t.x = c, t.y = r;
            t.cls = col.cls, t.element = col.element, t.site = col.site, t.defect = col.defect,
            t.region = col.region;
            result.truth.push_back(std::move(t));
        }
    }
    job.setProgress(params.frames, params.frames, "simulation done");
    return result;
}

AtomTable truthAtoms(const SimulationResult& result, int frame) {
    AtomTable atoms;
    for (const auto& t : result.truth)
        if (t.frame == frame && t.cls != "empty") {
            Atom a;
            a.x = t.x, a.y = t.y;
            atoms.add(a);
        }
    return atoms;
}

void writeTruthCsv(const std::vector<TruthColumn>& truth, const std::string& path) {
    CsvTable table({"x", "y", "class", "element", "site", "defect", "region", "id", "frame"});
    for (const auto& t : truth)
        table.addRow({formatNumber(t.x, 8), formatNumber(t.y, 8), t.cls, t.element, t.site, t.defect,
                      t.region, std::to_string(t.id), std::to_string(t.frame)});
    table.write(path);
}

} // namespace atomlens
