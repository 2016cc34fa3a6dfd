#include "core/detect/PeakFinder.h"

#include "core/detect/NeighbourGrid.h"
#include "core/job/ParallelFor.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace atomlens {

std::vector<Peak> findPeaks(const Image& response, double threshold, double minSeparation, JobContext& job) {
    const int w = response.width(), h = response.height();
    if (w == 0 || h == 0) return {};
    // Local maxima of the 3x3 neighbourhood; a wider window would lose a weak column on the flank of a
    // bright neighbour (S2 beside Mo), so the separation is enforced afterwards, in Euclidean distance.
    const int r = 1;
    cv::Mat src(h, w, CV_32F, const_cast<float*>(response.data()));
    // In bands of rows on the job's threads: each band is an ROI, whose neighbouring rows OpenCV reads
    // from the whole image, so the result is that of one call.
    cv::Mat dilated(h, w, CV_32F);
    const cv::Mat element = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * r + 1, 2 * r + 1));
    const std::size_t bands = std::size_t(std::max(1, h / 256));
    parallelFor(
        bands, 1,
        [&](std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b < b1; ++b) {
                const int y0 = int(std::size_t(h) * b / bands), y1 = int(std::size_t(h) * (b + 1) / bands);
                cv::Mat out = dilated.rowRange(y0, y1);
                cv::dilate(src.rowRange(y0, y1), out, element, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
            }
        },
        job);

    std::vector<Peak> peaks;
    std::mutex mutex;
    const float thr = float(threshold);
    parallelFor(
        std::size_t(h), 64,
        [&](std::size_t y0, std::size_t y1) {
            std::vector<Peak> local;
            for (int y = int(y0); y < int(y1); ++y) {
                const float* v = response.row(y);
                const float* d = dilated.ptr<float>(y);
                for (int x = 0; x < w; ++x) {
                    if (!(v[x] > thr) || v[x] < d[x]) continue;
                    Peak p;
                    p.x = x, p.y = y, p.height = v[x];
                    // Parabolic sub-pixel offset where the neighbours exist.
                    if (x > 0 && x < w - 1) {
                        const double den = v[x - 1] - 2.0 * v[x] + v[x + 1];
                        if (den < 0) p.x += std::clamp(0.5 * (v[x - 1] - v[x + 1]) / den, -0.5, 0.5);
                    }
                    if (y > 0 && y < h - 1) {
                        const float *up = response.row(y - 1), *dn = response.row(y + 1);
                        const double den = up[x] - 2.0 * v[x] + dn[x];
                        if (den < 0) p.y += std::clamp(0.5 * (up[x] - dn[x]) / den, -0.5, 0.5);
                    }
                    local.push_back(p);
                }
            }
            std::lock_guard<std::mutex> lock(mutex);
            peaks.insert(peaks.end(), local.begin(), local.end());
        },
        job);

    // Highest first, but maxima on the outermost rows and columns last: there the image may cut a
    // column outside the field, whose flank then peaks at the border and would suppress a real column
    // just inside. Ties broken by position so the result does not depend on thread timing.
    auto onBorder = [&](const Peak& p) { return p.x < 0.5 || p.y < 0.5 || p.x > w - 1.5 || p.y > h - 1.5; };
    std::sort(peaks.begin(), peaks.end(), [&](const Peak& a, const Peak& b) {
        const bool ba = onBorder(a), bb = onBorder(b);
        if (ba != bb) return bb;
        if (a.height != b.height) return a.height > b.height;
        return a.y != b.y ? a.y < b.y : a.x < b.x;
    });
    // Greedy suppression within minSeparation: a peak goes when a stronger one already kept is closer.
    const double sep = std::max(1.0, minSeparation), sep2 = sep * sep;
    std::vector<double> px(peaks.size()), py(peaks.size());
    for (std::size_t i = 0; i < peaks.size(); ++i) px[i] = peaks[i].x, py[i] = peaks[i].y;
    const NeighbourGrid index(px, py, sep);
    std::vector<char> isKept(peaks.size(), 0);
    std::vector<Peak> kept;
    kept.reserve(peaks.size());
    for (std::size_t i = 0; i < peaks.size(); ++i) {
        if ((i & 65535) == 0) job.throwIfCanceled();
        const Peak& p = peaks[i];
        bool suppressed = false;
        index.forEachNear(p.x, p.y, sep, [&](std::uint32_t k) {
            const double dx = peaks[k].x - p.x, dy = peaks[k].y - p.y;
            suppressed |= isKept[k] && dx * dx + dy * dy < sep2;
        });
        if (suppressed) continue;
        isKept[i] = 1;
        kept.push_back(p);
    }
    return kept;
}

} // namespace atomlens
