#include "core/describe/Descriptors.h"

#include "core/describe/Zernike.h"
#include "core/graph/LatticeModel.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace atomlens {

const std::vector<ParamField<DescriptorParams>>& DescriptorParams::fields() {
    static const std::vector<ParamField<DescriptorParams>> f = {
        integerField<DescriptorParams>("patch_size", "Pixel patch", 1, 31, &DescriptorParams::patchSize,
                                       "odd width of the intensity patch (3 = 9 features)"),
        flagField<DescriptorParams>("zernike", "Zernike moments", &DescriptorParams::zernike),
        integerField<DescriptorParams>("zernike_order", "Zernike order", 1, 20,
                                       &DescriptorParams::zernikeOrder),
        numberField<DescriptorParams>("zernike_radius", "Zernike patch radius", "px", 0, 1000,
                                      &DescriptorParams::zernikeRadius, "0 = one lattice period"),
        flagField<DescriptorParams>("geometry", "Bond statistics", &DescriptorParams::geometry),
        numberField<DescriptorParams>("ring_radius_factor", "Ring patch radius", "periods", 0.1, 5,
                                      &DescriptorParams::ringRadiusFactor,
                                      "motif cells: Zernike disk radius when zernike_radius is 0"),
    };
    return f;
}

Image normalisedImage(const Image& image, JobContext& job) {
    std::vector<float> v;
    v.reserve(image.size() / 16 + 1);
    for (std::size_t i = 0; i < image.size(); i += 16)
        if (std::isfinite(image.data()[i])) v.push_back(image.data()[i]);
    Image out(image.width(), image.height());
    if (v.empty()) return out;
    // The two percentiles by selection (the same values a full sort would give).
    const auto lowAt = std::ptrdiff_t(0.005 * double(v.size() - 1)),
               highAt = std::ptrdiff_t(0.995 * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + highAt, v.end());
    const float hi = v[std::size_t(highAt)];
    std::nth_element(v.begin(), v.begin() + lowAt, v.begin() + highAt);
    const float lo = v[std::size_t(lowAt)];
    const float scale = hi > lo ? 1.f / (hi - lo) : 1.f;
    const float* in = image.data();
    float* o = out.data();
    parallelFor(
        image.size(), std::size_t(1) << 18,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                const float p = in[i];
                o[i] = std::isfinite(p) ? (p - lo) * scale : 0.f;
            }
        },
        job);
    return out;
}

double descriptorPeriod(const Image* image, const LatticeGraph& graph) {
    const double fft = image ? latticePeriodFromFft(*image) : 0;
    // Guard against a spurious FFT peak: it must be within a factor two of the bond-based estimate.
    const double fromBonds = 1.5 * graph.bondLength;
    if (fft > 0 && (fromBonds <= 0 || (fft > 0.5 * fromBonds && fft < 2 * fromBonds))) return fft;
    return fromBonds > 0 ? fromBonds : 8.0;
}

FeatureMatrix computeDescriptors(const Image* image, const LatticeGraph& g, const DescriptorParams& p,
                                 JobContext& job) {
    if (p.patchSize < 1 || p.patchSize % 2 == 0 || p.patchSize > 31)
        throw std::invalid_argument("patch size must be odd, between 1 and 31");
    if (image && image->empty()) image = nullptr;
    FeatureMatrix f;
    f.rows = g.nodeCount();
    const int half = p.patchSize / 2;
    if (image) {
        for (int r = 0; r < p.patchSize; ++r)
            for (int c = 0; c < p.patchSize; ++c)
                f.names.push_back("patch_" + std::to_string(r) + "_" + std::to_string(c));
        f.names.push_back("intensity");
    }
    const std::size_t zernikeStart = f.names.size();
    std::unique_ptr<ZernikeBasis> zernike;
    double radius = p.zernikeRadius;
    if (image && p.zernike) {
        zernike = std::make_unique<ZernikeBasis>(p.zernikeOrder, std::max(16, 2 * p.zernikeOrder));
        for (auto& n : zernike->names()) f.names.push_back(n);
        f.names.push_back("disk_inside");
        if (radius <= 0) radius = descriptorPeriod(image, g);
    }
    const std::size_t geometryStart = f.names.size();
    const bool lattice = !g.strain.empty() && !g.idealX.empty();
    if (p.geometry) {
        for (const char* n : {"empty_site", "coordination", "bond_mean", "bond_std", "bond_min", "bond_max",
                              "angle_min", "angle_std"})
            f.names.push_back(n);
        if (lattice)
            for (const char* n : {"displacement", "exx", "eyy", "exy", "rotation"}) f.names.push_back(n);
    }
    f.values.assign(f.rows * f.cols(), 0.f);
    job.setProgress(0, std::int64_t(f.rows), "descriptors");
    const Image norm = image ? normalisedImage(*image, job) : Image();
    const double bond = g.bondLength > 0 ? g.bondLength : 1.0;
    const double intRadius = std::max(1.0, 0.3 * bond);
    parallelFor(
        f.rows, 1024,
        [&](std::size_t begin, std::size_t end) {
            std::vector<float> gaps;
            for (std::size_t i = begin; i < end; ++i) {
                float* row = f.values.data() + i * f.cols();
                const double x = g.x[i], y = g.y[i];
                if (image) {
                    for (int r = -half; r <= half; ++r)
                        for (int c = -half; c <= half; ++c) *row++ = norm.sample(x + c, y + r);
                    double sum = 0;
                    int count = 0;
                    const int ir = int(std::ceil(intRadius));
                    for (int dy = -ir; dy <= ir; ++dy)
                        for (int dx = -ir; dx <= ir; ++dx)
                            if (dx * dx + dy * dy <= intRadius * intRadius)
                                sum += norm.sample(x + dx, y + dy), ++count;
                    *row++ = float(sum / std::max(1, count));
                }
                if (zernike) {
                    const bool inside = x - radius >= -0.5 && y - radius >= -0.5 &&
                                        x + radius <= norm.width() - 0.5 && y + radius <= norm.height() - 0.5;
                    f.values[i * f.cols() + zernikeStart + zernike->moments().size()] = inside ? 1.f : 0.f;
                }
                if (!p.geometry) continue;
                row = f.values.data() + i * f.cols() + geometryStart;
                int coordination = 0;
                double sum = 0, sq = 0, mn = 1e30, mx = 0;
                gaps.clear();
                const auto b = g.offsets[i], e = g.offsets[i + 1];
                for (auto q = b; q < e; ++q) {
                    const double l = g.edgeLength[q] / bond;
                    if (g.neighbours[q] < g.atomCount) ++coordination;
                    sum += l, sq += l * l, mn = std::min(mn, l), mx = std::max(mx, l);
                    double gap =
                        (q + 1 < e ? g.edgeAngle[q + 1] : g.edgeAngle[b] + 2 * M_PI) - g.edgeAngle[q];
                    gaps.push_back(float(gap));
                }
                const double deg = double(e - b);
                row[0] = g.isEmptySite(i) ? 1.f : 0.f;
                row[1] = float(coordination);
                if (deg > 0) {
                    const double mean = sum / deg;
                    row[2] = float(mean), row[3] = float(std::sqrt(std::max(0.0, sq / deg - mean * mean)));
                    row[4] = float(mn), row[5] = float(mx);
                    double gm = 0, gs = 0;
                    for (float v : gaps) gm += v;
                    gm /= deg;
                    for (float v : gaps) gs += (v - gm) * (v - gm);
                    row[6] = *std::min_element(gaps.begin(), gaps.end());
                    row[7] = float(std::sqrt(gs / deg));
                }
                if (lattice) {
                    row[8] = float(std::hypot(g.displacementX(i), g.displacementY(i)));
                    row[9] = g.strain[i].exx, row[10] = g.strain[i].eyy, row[11] = g.strain[i].exy;
                    row[12] = g.strain[i].rotation;
                }
            }
        },
        job);
    if (zernike) {
        // Zernike magnitudes in batches (one matrix product per batch).
        const std::size_t perPatch = zernike->samplePoints().size() / 2, batch = 256;
        parallelFor((f.rows + batch - 1) / batch, 4,
                    [&](std::size_t begin, std::size_t end) {
                        std::vector<float> samples(batch * perPatch);
                        for (std::size_t b = begin; b < end; ++b) {
                            const std::size_t first = b * batch, count = std::min(batch, f.rows - first);
                            for (std::size_t c = 0; c < count; ++c)
                                zernike->sampleAt(norm, g.x[first + c], g.y[first + c], radius,
                                                  samples.data() + c * perPatch);
                            zernike->magnitudesBatch(samples.data(), count,
                                                     f.values.data() + first * f.cols() + zernikeStart,
                                                     f.cols());
                        }
                    },
                    job);
    }
    job.setProgress(std::int64_t(f.rows), std::int64_t(f.rows), "descriptors done");
    return f;
}

FeatureMatrix computeRingDescriptors(const Image& image, const LatticeGraph& g, const DescriptorParams& p,
                                     JobContext& job) {
    if (image.empty()) throw std::invalid_argument("ring descriptors need an image");
    const ZernikeBasis zernike(p.zernikeOrder, std::max(16, 2 * p.zernikeOrder));
    FeatureMatrix f;
    f.names = zernike.names();
    f.names.push_back("disk_inside");
    f.rows = g.ringCount();
    f.values.assign(f.rows * f.cols(), 0.f);
    const double radius =
        p.zernikeRadius > 0 ? p.zernikeRadius : p.ringRadiusFactor * descriptorPeriod(&image, g);
    const Image norm = normalisedImage(image, job);
    const std::size_t moments = zernike.moments().size(), perPatch = zernike.samplePoints().size() / 2,
                      batch = 256;
    parallelFor(
        (f.rows + batch - 1) / batch, 4,
        [&](std::size_t begin, std::size_t end) {
            std::vector<float> samples(batch * perPatch);
            for (std::size_t b = begin; b < end; ++b) {
                const std::size_t first = b * batch, count = std::min(batch, f.rows - first);
                for (std::size_t c = 0; c < count; ++c) {
                    const std::size_t r = first + c;
                    double x = 0, y = 0;
                    for (auto k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k)
                        x += g.x[g.ringNodes[k]], y += g.y[g.ringNodes[k]];
                    x /= double(g.ringSize(r)), y /= double(g.ringSize(r));
                    zernike.sampleAt(norm, x, y, radius, samples.data() + c * perPatch);
                    const bool inside = x - radius >= -0.5 && y - radius >= -0.5 &&
                                        x + radius <= norm.width() - 0.5 && y + radius <= norm.height() - 0.5;
                    f.values[r * f.cols() + moments] = inside ? 1.f : 0.f;
                }
                zernike.magnitudesBatch(samples.data(), count, f.values.data() + first * f.cols(), f.cols());
            }
        },
        job);
    return f;
}

} // namespace atomlens
