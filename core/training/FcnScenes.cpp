#include "core/training/FcnScenes.h"
#include "core/training/SceneDrawing.h"

#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace atomlens {

namespace {

using scenes::addBlob;
using scenes::logUniform;

constexpr double kPi = 3.14159265358979323846;

char* formatTo(char* buffer, std::size_t n, const char* fmt, double a, double b, double c) {
    std::snprintf(buffer, n, fmt, a, b, c);
    return buffer;
}

/// A smooth random field in [0, 1]: a few long-wavelength cosines, squashed.
Image smoothField(int size, Random& rng) {
    Image field(size, size);
    double kx[5], ky[5], ph[5], a[5];
    for (int i = 0; i < 5; ++i) {
        const double wavelength = rng.uniform(0.7, 3.0) * size, angle = rng.uniform(0, 2 * kPi);
        kx[i] = 2 * kPi / wavelength * std::cos(angle), ky[i] = 2 * kPi / wavelength * std::sin(angle);
        ph[i] = rng.uniform(0, 2 * kPi), a[i] = rng.uniform(0.2, 1.0);
    }
    const bool vacuumEdge = rng.uniform() < 0.35;
    const double ex = rng.uniform(-1, 1), ey = rng.uniform(-1, 1), e0 = rng.uniform(-0.2, 0.6) * size;
    const double en = std::max(1e-3, std::hypot(ex, ey)), edgeWidth = rng.uniform(3, 15);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            double v = 0;
            for (int i = 0; i < 5; ++i) v += a[i] * std::cos(kx[i] * x + ky[i] * y + ph[i]);
            double t = 0.5 + 0.2 * v;
            if (vacuumEdge) t *= 1 / (1 + std::exp(-((ex * x + ey * y) / en - e0) / edgeWidth));
            field.at(x, y) = float(std::clamp(t, 0.0, 1.0));
        }
    return field;
}

} // namespace

FcnScene simulatedLatticeScene(int size, Random& rng) {
    static const char* presets[] = {"mos2", "mos2", "mos2-phase", "mos2-gb", "graphene-si", "perovskite"};
    SimulationParams p;
    p.preset = presets[rng.below(6)];
    p.width = p.height = size;
    p.seed = rng.next() >> 1;
    p.dose = logUniform(rng, 3e3, 3e6);
    p.pixelSize = rng.uniform(0.08, 0.35);
    p.probeSigma = std::max(rng.uniform(0.35, 0.8), 0.9 * p.pixelSize);
    p.jitter = rng.uniform(0, 0.08);
    p.drift = rng.uniform(0, 0.6);
    p.readNoise = rng.uniform(0, 2);
    p.background = rng.uniform(0, 0.08);
    p.backgroundVariation = rng.uniform(0, 0.6);
    SimulationResult r = simulate(p);
    FcnScene scene;
    scene.image = std::move(r.micrograph.frames.front());
    for (const auto& t : r.truth)
        if (t.frame == 0 && t.cls != "empty") scene.atoms.push_back({t.x, t.y});
    char buffer[160];
    scene.recipe = p.preset + formatTo(buffer, sizeof buffer, " dose %.3g, %.3g A/px, probe %.3g A", p.dose,
                                       r.pixelSize, r.probeSigma);
    return scene;
}

FcnScene singleAtomScene(int size, Random& rng) {
    FcnScene scene;
    const Image thickness = smoothField(size, rng);
    const double level = logUniform(rng, 20, 400); // counts per pixel on a full-thickness film
    Image expected(size, size);
    for (std::size_t i = 0; i < expected.size(); ++i)
        expected.data()[i] = float(level * (0.25 + thickness.data()[i]));
    // Amorphous film: many weak light-atom blobs, denser where the film is thick.
    const int lightCount = int(size * size * rng.uniform(0.02, 0.08));
    const double lightAmplitude = rng.uniform(0.03, 0.15) * level;
    for (int i = 0; i < lightCount; ++i) {
        const double x = rng.uniform(-0.5, size - 0.5), y = rng.uniform(-0.5, size - 0.5);
        const double t = thickness.at(std::clamp(int(std::lround(x)), 0, size - 1),
                                      std::clamp(int(std::lround(y)), 0, size - 1));
        addBlob(expected, x, y, rng.uniform(0.7, 1.6), lightAmplitude * t * rng.uniform(0.3, 1.0));
    }
    // Heavy single atoms on the film, apart by at least 3 px.
    const int heavyCount = int(rng.uniform(0.3, 2.5) * size * size / 1000.0);
    const double sigma = rng.uniform(1.0, 2.6);
    for (int tries = 0; tries < heavyCount * 20 && int(scene.atoms.size()) < heavyCount; ++tries) {
        const double x = rng.uniform(1, size - 2), y = rng.uniform(1, size - 2);
        const double t = thickness.at(int(std::lround(x)), int(std::lround(y)));
        if (t < 0.15) continue;
        bool crowded = false;
        for (const auto& a : scene.atoms) crowded |= (a.x - x) * (a.x - x) + (a.y - y) * (a.y - y) < 9.0;
        if (crowded) continue;
        const double local = level * (0.25 + t);
        addBlob(expected, x, y, sigma * rng.uniform(0.85, 1.15), rng.uniform(1.0, 5.0) * std::sqrt(local));
        scene.atoms.push_back({x, y});
    }
    scene.image = Image(size, size);
    for (std::size_t i = 0; i < expected.size(); ++i)
        scene.image.data()[i] = float(rng.poisson(expected.data()[i]));
    char buffer[160];
    scene.recipe =
        formatTo(buffer, sizeof buffer, "single atoms on film, %.3g counts/px, sigma %.3g px, %g atoms",
                 level, sigma, double(scene.atoms.size()));
    return scene;
}

FcnSample makeTrainingSample(int size, Random& rng) {
    const FcnScene scene =
        rng.uniform() < 0.6 ? simulatedLatticeScene(size, rng) : singleAtomScene(size, rng);
    return augmentedSample(scene, size, rng);
}

FcnSample augmentedSample(const FcnScene& scene, int size, Random& rng) {
    FcnSample s;
    Image input = normaliseForFcn(scene.image);
    Image target = atomTargetMask(size, size, scene.atoms);
    // Contrast: gamma on the clipped-positive range, gain and offset, extra read-out noise.
    const double gamma = logUniform(rng, 0.7, 1.4), gain = rng.uniform(0.7, 1.3),
                 offset = rng.uniform(-0.2, 0.2);
    const double noise = rng.uniform() < 0.3 ? rng.uniform(0, 0.08) : 0.0;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const double v = input.data()[i];
        const double g = v > 0 ? std::pow(v, gamma) : v;
        input.data()[i] = float(gain * g + offset + (noise > 0 ? noise * rng.normal() : 0.0));
    }
    // Dihedral group: flips and quarter turns (square patches).
    const int turn = int(rng.below(8));
    s.input = Image(size, size), s.target = Image(size, size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            int u = (turn & 1) ? size - 1 - x : x, v = (turn & 2) ? size - 1 - y : y;
            if (turn & 4) std::swap(u, v);
            s.input.at(u, v) = input.at(x, y);
            s.target.at(u, v) = target.at(x, y);
        }
    return s;
}

} // namespace atomlens
