#include "core/training/SupportScenes.h"
#include "core/training/SceneDrawing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace atomlens {
namespace {

using scenes::addBlob;
using scenes::logUniform;

constexpr double kPi = 3.14159265358979323846;

/// Support thickness in [0, 1]: a few long-wavelength cosines, optionally cut by a vacuum edge.
Image thicknessField(int size, Random& rng) {
    Image field(size, size);
    double kx[5], ky[5], ph[5], a[5];
    for (int i = 0; i < 5; ++i) {
        const double wavelength = rng.uniform(0.4, 3.0) * size, angle = rng.uniform(0, 2 * kPi);
        kx[i] = 2 * kPi / wavelength * std::cos(angle), ky[i] = 2 * kPi / wavelength * std::sin(angle);
        ph[i] = rng.uniform(0, 2 * kPi), a[i] = rng.uniform(0.2, 1.0);
    }
    // A vacuum edge (hole in the film) covers at most about a quarter of the frame.
    const bool vacuumEdge = rng.uniform() < 0.3;
    const double ex = rng.uniform(-1, 1), ey = rng.uniform(-1, 1);
    const double en = std::max(1e-3, std::hypot(ex, ey)), edgeWidth = rng.uniform(3, 20);
    const double pMin = size * (std::min(ex, 0.0) + std::min(ey, 0.0)) / en,
                 pMax = size * (std::max(ex, 0.0) + std::max(ey, 0.0)) / en;
    const double e0 = pMin + rng.uniform(0.05, 0.25) * (pMax - pMin);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            double v = 0;
            for (int i = 0; i < 5; ++i) v += a[i] * std::cos(kx[i] * x + ky[i] * y + ph[i]);
            double t = 0.55 + 0.18 * v;
            if (vacuumEdge) t *= 1 / (1 + std::exp(-((ex * x + ey * y) / en - e0) / edgeWidth));
            field.at(x, y) = float(std::clamp(t, 0.0, 1.0));
        }
    return field;
}

/// 1-D Gaussian smoothing of every row and column (separable), sigma in px.
void blurInPlace(Image& image, double sigma) {
    if (sigma <= 0.05) return;
    const int r = int(std::ceil(3 * sigma)), w = image.width(), h = image.height();
    std::vector<double> k(std::size_t(2 * r + 1));
    double sum = 0;
    for (int i = -r; i <= r; ++i) sum += k[std::size_t(i + r)] = std::exp(-0.5 * i * i / (sigma * sigma));
    for (double& v : k) v /= sum;
    Image tmp(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double v = 0;
            for (int i = -r; i <= r; ++i)
                v += k[std::size_t(i + r)] * image.at(std::clamp(x + i, 0, w - 1), y);
            tmp.at(x, y) = float(v);
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double v = 0;
            for (int i = -r; i <= r; ++i) v += k[std::size_t(i + r)] * tmp.at(x, std::clamp(y + i, 0, h - 1));
            image.at(x, y) = float(v);
        }
}

} // namespace

FcnScene realisticSingleAtomScene(int size, Random& rng, SupportSceneRecipe* recipeOut) {
    SupportSceneRecipe rc;
    FcnScene scene;
    const Image thickness = thicknessField(size, rng);
    rc.level = logUniform(rng, 15, 600);
    rc.sigma = rng.uniform(1.0, 3.0);
    rc.contrast = rng.uniform(1.5, 6.0);
    rc.tailWeight = rng.uniform(0, 0.25);
    Image expected(size, size);
    for (std::size_t i = 0; i < expected.size(); ++i)
        expected.data()[i] = float(rc.level * (0.15 + thickness.data()[i]));
    // Amorphous carbon: single light atoms (about the probe size) and denser grains (2-3x wider),
    // their density following the thickness. Their summed texture competes with the heavy atoms.
    const double cSigma = rc.sigma * rng.uniform(0.7, 1.1);
    const int lightCount = int(size * size * rng.uniform(0.3, 1.0) / (cSigma * cSigma * 8));
    const double lightAmplitude = rng.uniform(0.04, 0.2) * rc.level;
    for (int i = 0; i < lightCount; ++i) {
        const double x = rng.uniform(-0.5, size - 0.5), y = rng.uniform(-0.5, size - 0.5);
        const double t = thickness.at(std::clamp(int(std::lround(x)), 0, size - 1),
                                      std::clamp(int(std::lround(y)), 0, size - 1));
        const bool grain = rng.uniform() < 0.15;
        addBlob(expected, x, y, cSigma * (grain ? rng.uniform(2, 3) : rng.uniform(0.8, 1.2)),
                lightAmplitude * t * rng.uniform(0.3, 1.0) * (grain ? 0.5 : 1.0));
    }
    // Heavy atoms: isolated ones and clusters, at least max(3 px, 1.6 sigma) apart.
    const double minGap = std::max(3.0, 1.6 * rc.sigma);
    const int wanted = int(rng.uniform(0.15, 0.6) * size * size / (rc.sigma * rc.sigma * 100.0)) + 1;
    rc.clusters = int(rng.below(std::uint64_t(wanted / 4 + 1)));
    std::vector<Point2> atoms;
    auto tryAdd = [&](double x, double y) {
        if (x < 1 || y < 1 || x > size - 2 || y > size - 2) return false;
        if (thickness.at(int(std::lround(x)), int(std::lround(y))) < 0.1) return false;
        for (const auto& a : atoms)
            if ((a.x - x) * (a.x - x) + (a.y - y) * (a.y - y) < minGap * minGap) return false;
        atoms.push_back({x, y});
        return true;
    };
    for (int c = 0; c < rc.clusters; ++c) {
        const double cx = rng.uniform(1, size - 2), cy = rng.uniform(1, size - 2);
        const int n = 2 + int(rng.below(6));
        const double spacing = rc.sigma * rng.uniform(1.6, 3.0);
        for (int k = 0, tries = 0; k < n && tries < 40; ++tries) {
            const double r = spacing * std::sqrt(double(k) + rng.uniform(0, 1)), a = rng.uniform(0, 2 * kPi);
            if (tryAdd(cx + r * std::cos(a), cy + r * std::sin(a))) ++k;
        }
    }
    for (int tries = 0; tries < wanted * 20 && int(atoms.size()) < wanted; ++tries)
        tryAdd(rng.uniform(1, size - 2), rng.uniform(1, size - 2));
    for (const auto& a : atoms) {
        const double local = expected.at(int(std::lround(a.x)), int(std::lround(a.y)));
        const double peak = rc.contrast * rng.uniform(0.7, 1.3) * std::sqrt(std::max(local, 1.0));
        const double tailSigma = 4 * rc.sigma;
        // The tail carries tailWeight of the integrated signal: peak ratio = w / (1 - w) x (s / S)^2.
        addBlob(expected, a.x, a.y, rc.sigma * rng.uniform(0.9, 1.1), peak);
        if (rc.tailWeight > 0)
            addBlob(expected, a.x, a.y, tailSigma,
                    peak * rc.tailWeight / (1 - rc.tailWeight) * (rc.sigma * rc.sigma) /
                        (tailSigma * tailSigma));
    }
    // Acquisition: drift shears the frame in x, each scan line is shifted by a random jitter.
    rc.drift = rng.uniform() < 0.5 ? rng.uniform(-4, 4) : 0.0;
    rc.jitter = rng.uniform() < 0.6 ? rng.uniform(0, 0.6) : 0.0;
    rc.lineNoise = rng.uniform() < 0.6 ? rng.uniform(0, 0.3) : 0.0;
    Image counts(size, size);
    for (int y = 0; y < size; ++y) {
        const double shift = rc.drift * (y / double(size) - 0.5) + rc.jitter * rng.normal();
        for (int x = 0; x < size; ++x) {
            const double sx = std::clamp(x - shift, 0.0, size - 1.0);
            const int x0 = std::min(int(sx), size - 2);
            const double f = sx - x0;
            const double mean = (1 - f) * expected.at(x0, y) + f * expected.at(x0 + 1, y);
            counts.at(x, y) = float(rng.poisson(mean));
        }
        const double lineOffset = rc.lineNoise * std::sqrt(rc.level) * rng.normal();
        for (int x = 0; x < size; ++x) counts.at(x, y) += float(lineOffset);
    }
    for (const auto& a : atoms) {
        const double x = a.x + rc.drift * (a.y / double(size) - 0.5);
        if (x >= 0 && x <= size - 1) scene.atoms.push_back({x, a.y});
    }
    rc.blur = rng.uniform() < 0.5 ? rng.uniform(0.3, 1.0) : 0.0;
    blurInPlace(counts, rc.blur);
    // Detector gain and offset, then (half the time) an 8-bit export of the 0.1..99.9 % range.
    const double gain = logUniform(rng, 0.2, 50), offset = rng.uniform(-50, 500);
    for (float& v : counts.pixels()) v = float(gain * v + offset);
    rc.quantised = rng.uniform() < 0.5;
    if (rc.quantised) {
        std::vector<float> sorted = counts.pixels();
        std::sort(sorted.begin(), sorted.end());
        const double lo = sorted[sorted.size() / 1000], hi = sorted[sorted.size() - 1 - sorted.size() / 1000];
        for (float& v : counts.pixels())
            v = float(std::round(std::clamp((v - lo) / std::max(hi - lo, 1e-6) * 255.0, 0.0, 255.0)));
    }
    scene.image = std::move(counts);
    char buffer[200];
    std::snprintf(
        buffer, sizeof buffer,
        "single atoms on carbon: %zu atoms (%d clusters), sigma %.2f px, %.3g counts/px, peak %.2f sd, "
        "tail %.2f, jitter %.2f px, drift %.1f px, blur %.2f px%s",
        scene.atoms.size(), rc.clusters, rc.sigma, rc.level, rc.contrast, rc.tailWeight, rc.jitter, rc.drift,
        rc.blur, rc.quantised ? ", 8-bit" : "");
    scene.recipe = buffer;
    if (recipeOut) *recipeOut = rc;
    return scene;
}

} // namespace atomlens
