// Image-level helpers of the graphene dopant analysis (see GrapheneDopants.h): the C-C bond length from the
// autocorrelation, the detector settings for it, and the column contrast.
#include "core/analysis/GrapheneDopants.h"

#include "core/detect/BandPass.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace atomlens {

namespace {
double autocorrelationBond(const Image& finite, double hp) {
    const Image fine = gaussianBlur(finite, 1.0), coarse = gaussianBlur(finite, hp);
    cv::Mat a(finite.height(), finite.width(), CV_32F);
    double mean = 0;
    for (int y = 0; y < finite.height(); ++y)
        for (int x = 0; x < finite.width(); ++x) {
            a.at<float>(y, x) = fine.at(x, y) - coarse.at(x, y);
            mean += a.at<float>(y, x);
        }
    a -= mean / double(a.total());
    // Zero-padded autocorrelation, radially averaged in 0.5 px bins.
    cv::Mat padded;
    cv::copyMakeBorder(a, padded, 0, a.rows, 0, a.cols, cv::BORDER_CONSTANT, 0);
    cv::Mat f, ac;
    cv::dft(padded, f, cv::DFT_COMPLEX_OUTPUT);
    cv::mulSpectrums(f, f, f, 0, true);
    cv::dft(f, ac, cv::DFT_INVERSE | cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    const int rmax = std::min(a.rows, a.cols) / 4;
    std::vector<double> total(std::size_t(2 * rmax + 2), 0), cnt(total.size(), 0);
    for (int dy = -rmax; dy <= rmax; ++dy)
        for (int dx = -rmax; dx <= rmax; ++dx) {
            const double r = std::hypot(dx, dy);
            if (r > rmax) continue;
            const int yy = (dy + ac.rows) % ac.rows, xx = (dx + ac.cols) % ac.cols;
            const double overlap = double(a.rows - std::abs(dy)) * double(a.cols - std::abs(dx));
            const auto bin = std::size_t(std::lround(2 * r));
            total[bin] += ac.at<float>(yy, xx) / overlap, cnt[bin] += 1;
        }
    std::vector<double> radial(total.size(), 0);
    for (std::size_t k = 0; k < total.size(); ++k)
        if (cnt[k]) radial[k] = total[k] / cnt[k];
    // The first peak of the radial mean beyond 3 px is the second-neighbour shell (sqrt 3 bonds, 6
    // neighbours): the first shell (3 neighbours) sits on the probe's zero-lag tail and shows as a shoulder.
    const auto firstPeak = [](const std::vector<double>& v, std::size_t from, std::size_t to, double floor) {
        for (std::size_t k = std::max<std::size_t>(from, 4); k + 4 < v.size() && k <= to; ++k) {
            if (!(v[k] > floor)) continue;
            bool peak = true;
            for (std::size_t j = k - 4; j <= k + 4 && peak; ++j) peak = j == k || v[j] < v[k];
            if (peak) return k;
        }
        return std::size_t(0);
    };
    const std::size_t k1 = firstPeak(radial, 6, radial.size(), 0.0);
    if (!k1) return 0;
    const std::size_t k = k1;
    const std::vector<double>& v = radial;
    const double l = v[k - 1], c = v[k], r = v[k + 1];
    const double den = l - 2 * c + r;
    return 0.5 * (double(k) + (den < 0 ? 0.5 * (l - r) / den : 0.0)) / std::sqrt(3.0);
}
} // namespace

double estimateGrapheneBond(const Image& image) {
    const Image finite = replaceNonFinite(image).image;
    if (finite.width() < 16 || finite.height() < 16) return 0;
    // High-pass at 1/16 of the image: removes the slow background and most contamination.
    return autocorrelationBond(finite, std::max(4.0, std::min(finite.width(), finite.height()) / 16.0));
}

DetectParams grapheneDetectParams(double bondLength) {
    DetectParams p;
    // The graphene analysis completes the honeycomb itself and was measured with the classical detector
    // and least-squares columns: the generic lattice-guided search (built for multi-sublattice lattices)
    // and the likelihood pass would change its columns under it.
    p.method = "classical", p.latticeSearch = false, p.likelihood = "least-squares";
    if (bondLength > 0) p.spacing = bondLength, p.minSeparation = 0.6 * bondLength, p.threshold = 3.0;
    return p;
}

Image columnContrast(const Image& image, double bondLength) {
    const Image smooth = gaussianBlur(replaceNonFinite(image).image, std::max(1.0, 0.2 * bondLength));
    const Image background = backgroundEnvelope(smooth, std::max(2.0, bondLength));
    Image c = smooth;
    for (std::size_t k = 0; k < c.size(); ++k) c.data()[k] -= background.data()[k];
    return c;
}

} // namespace atomlens
