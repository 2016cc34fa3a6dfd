#include "core/graph/LatticeModel.h"

#include "core/data/PointIndex.h"
#include "core/graph/LatticeGraph.h"
#include "core/job/ParallelFor.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

namespace atomlens {
namespace {

// A difference-vector peak is a lattice translation candidate above this fraction of the most common
// vector's occupancy. A vector between two basis sites is held by (1 + 2 f) / (2 + f^2) as many atoms
// as a translation when a third site is filled to a fraction f (MoS2 with some hollow sites taken):
// 0.5 for a honeycomb, 0.8 at f = 0.35 (more in a small field of view, where the longer translations
// lose more atoms at the edges: 0.78 at f = 0.25 in the test's 560 px field). On the even-numbered mos2-smov
// images the translations reach 0.928 or more and the shorter non-translations (Mo-S bonds) 0.527 at most:
// the cut sits as high as the translations allow, with a margin of about 0.08.
constexpr double kStrictTranslation = 0.85;

struct Peak {
    double x = 0, y = 0;
    double occupancy = 0;
    double length() const { return std::hypot(x, y); }
};

/// Peaks of the histogram of neighbour difference vectors, refined to the mean of their members.
std::vector<Peak> differencePeaks(const std::vector<double>& dx, const std::vector<double>& dy, double bond,
                                  double range, std::size_t samples) {
    const double bin = 0.1 * bond;
    const int half = int(std::ceil(range / bin)), size = 2 * half + 1;
    std::vector<double> hist(std::size_t(size) * size, 0);
    for (std::size_t k = 0; k < dx.size(); ++k) {
        const int ix = int(std::lround(dx[k] / bin)) + half, iy = int(std::lround(dy[k] / bin)) + half;
        if (ix >= 0 && iy >= 0 && ix < size && iy < size) hist[std::size_t(iy) * size + ix] += 1;
    }
    std::vector<double> smooth(hist.size(), 0);
    for (int y = 1; y + 1 < size; ++y)
        for (int x = 1; x + 1 < size; ++x) {
            double s = 0;
            for (int v = -1; v <= 1; ++v)
                for (int u = -1; u <= 1; ++u) s += hist[std::size_t(y + v) * size + (x + u)];
            smooth[std::size_t(y) * size + x] = s;
        }
    std::vector<Peak> peaks;
    for (int y = 1; y + 1 < size; ++y)
        for (int x = 1; x + 1 < size; ++x) {
            const double c = smooth[std::size_t(y) * size + x];
            if (c < 0.1 * double(samples)) continue;
            bool isMax = true;
            for (int v = -1; v <= 1 && isMax; ++v)
                for (int u = -1; u <= 1; ++u) {
                    const double o = smooth[std::size_t(y + v) * size + (x + u)];
                    if ((u || v) && (o > c || (o == c && (v < 0 || (v == 0 && u < 0))))) isMax = false;
                }
            if (!isMax) continue;
            // Refine: mean of the vectors within a quarter bond.
            const double px = (x - half) * bin, py = (y - half) * bin;
            double sx = 0, sy = 0, n = 0;
            const double reach2 = (0.25 * bond) * (0.25 * bond);
            for (std::size_t k = 0; k < dx.size(); ++k) {
                const double ex = dx[k] - px, ey = dy[k] - py;
                if (ex * ex + ey * ey < reach2) sx += dx[k], sy += dy[k], n += 1;
            }
            if (n > 0) peaks.push_back({sx / n, sy / n, n / double(samples)});
        }
    return peaks;
}

double cross(const std::array<double, 2>& a, const std::array<double, 2>& b) {
    return a[0] * b[1] - a[1] * b[0];
}
double norm(const std::array<double, 2>& a) {
    return std::hypot(a[0], a[1]);
}

/// Two basis sites closer than this many bond lengths are one site, however many atoms each holds: no
/// two columns of a crystal in projection are that close. The walk splits a site where distortion
/// accumulates along its bonds (mos2-smov: a second S site 1.2-2 px beside S holding 5-9 % of the atoms,
/// whose "empty" sites doubled the S vacancies); 0.2 chosen on the even-numbered images (0.12: no
/// change, 0.16 / 0.25 / 0.3: fewer gains).
constexpr double kSameSite = 0.2;

/// Sites that few atoms reached and that lie within half a bond of a well-occupied site are the
/// same site seen through a displaced column (a detection pulled by the image border or a
/// vacancy): their atoms join that site, as do the atoms of any site within kSameSite bonds of a
/// better-occupied one. Left alone they become sublattices of their own, and every
/// atom would predict an "empty" site of them a fraction of a bond beside each real column. The
/// sites are renumbered so that the best-occupied one of the former site 0's group stays at the
/// origin.
void mergeStraySites(LatticeModel& m, std::vector<std::int32_t>& site, std::vector<std::size_t>& counts) {
    const std::size_t k = m.basis.size();
    std::size_t total = 0;
    for (auto c : counts) total += c;
    if (k < 2 || total == 0) return;
    auto distance = [&](std::size_t s, std::size_t t) {
        double du = m.basis[s][0] - m.basis[t][0], dv = m.basis[s][1] - m.basis[t][1];
        du -= std::round(du), dv -= std::round(dv);
        return std::hypot(m.a1[0] * du + m.a2[0] * dv, m.a1[1] * du + m.a2[1] * dv);
    };
    // Visit sites from the best occupied down; a stray one joins the nearest kept site.
    std::vector<std::size_t> order(k);
    for (std::size_t s = 0; s < k; ++s) order[s] = s;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
    std::vector<std::size_t> target(k);
    std::vector<std::size_t> kept;
    for (std::size_t s : order) {
        std::size_t best = k;
        double bestDistance = 0.5 * m.bondLength;
        const bool stray = double(counts[s]) < 0.05 * double(total);
        for (std::size_t t : kept)
            if ((stray || distance(s, t) < kSameSite * m.bondLength) && distance(s, t) < bestDistance)
                best = t, bestDistance = distance(s, t);
        if (best == k) kept.push_back(s), best = s;
        target[s] = best;
    }
    if (kept.size() == k) return;
    // New numbering: kept sites in their old order, with the site holding old site 0 first.
    std::sort(kept.begin(), kept.end());
    const auto first = std::find(kept.begin(), kept.end(), target[0]);
    std::rotate(kept.begin(), first, first + 1);
    std::vector<std::int32_t> index(k, -1);
    for (std::size_t n = 0; n < kept.size(); ++n) index[kept[n]] = std::int32_t(n);
    const auto origin = m.basis[kept[0]];
    std::vector<std::array<double, 2>> basis;
    std::vector<std::size_t> newCounts(kept.size(), 0);
    for (std::size_t s : kept) {
        std::array<double, 2> f{m.basis[s][0] - origin[0], m.basis[s][1] - origin[1]};
        f[0] -= std::floor(f[0]), f[1] -= std::floor(f[1]);
        basis.push_back(f);
    }
    for (std::size_t s = 0; s < k; ++s) newCounts[std::size_t(index[target[s]])] += counts[s];
    for (auto& s : site)
        if (s >= 0) s = index[target[std::size_t(s)]];
    m.basis.swap(basis);
    counts.swap(newCounts);
}

/// The walk places each site where the first bond that reached it pointed; noise and displaced
/// columns leave that a few tenths of a pixel off, which every predicted ideal site would inherit.
/// Here each site offset becomes the mean over all bonds between sites (each bond's fractional
/// vector, less the whole-cell part, votes for the difference of its two sites), site 0 fixed.
void refineBasis(LatticeModel& m, const std::vector<double>& x, const std::vector<double>& y,
                 const PointIndex& index, const std::vector<std::int32_t>& site) {
    const std::size_t k = m.basis.size();
    if (k < 2) return;
    // sum[t][s]: summed (fractional bond vector from a site-t atom to a site-s atom, relative to the
    // current basis difference), count[t][s] bonds.
    std::vector<std::array<double, 2>> sum(k * k, {0, 0});
    std::vector<double> count(k * k, 0);
    const std::size_t stride = std::max<std::size_t>(1, x.size() / 20000);
    std::vector<std::pair<std::uint32_t, double>> near;
    for (std::size_t i = 0; i < x.size(); i += stride) {
        if (site[i] < 0) continue;
        index.within(x[i], y[i], 1.3 * m.bondLength, near, false);
        for (const auto& [j, d] : near) {
            if (site[j] < 0 || site[j] == site[i]) continue;
            const auto t = std::size_t(site[i]), s = std::size_t(site[j]);
            const auto f = toFractional(m, x[j] - x[i], y[j] - y[i]);
            double du = f[0] - (m.basis[s][0] - m.basis[t][0]), dv = f[1] - (m.basis[s][1] - m.basis[t][1]);
            du -= std::round(du), dv -= std::round(dv);
            if (std::hypot(m.a1[0] * du + m.a2[0] * dv, m.a1[1] * du + m.a2[1] * dv) > 0.3 * m.bondLength)
                continue;
            sum[t * k + s][0] += du, sum[t * k + s][1] += dv, count[t * k + s] += 1;
        }
    }
    // Corrections c_s (c_0 = 0) minimising sum over bonds |(c_s - c_t) - mean residual|^2 (Gauss-Seidel).
    std::vector<std::array<double, 2>> c(k, {0, 0});
    for (int iter = 0; iter < 50; ++iter)
        for (std::size_t s = 1; s < k; ++s) {
            double su = 0, sv = 0, n = 0;
            for (std::size_t t = 0; t < k; ++t) {
                if (t == s) continue;
                // bonds t -> s: c_s - c_t ~ r; bonds s -> t: c_t - c_s ~ r.
                su += sum[t * k + s][0] + count[t * k + s] * c[t][0];
                sv += sum[t * k + s][1] + count[t * k + s] * c[t][1];
                su += -sum[s * k + t][0] + count[s * k + t] * c[t][0];
                sv += -sum[s * k + t][1] + count[s * k + t] * c[t][1];
                n += count[t * k + s] + count[s * k + t];
            }
            if (n > 0) c[s] = {su / n, sv / n};
        }
    for (std::size_t s = 1; s < k; ++s) {
        auto& b = m.basis[s];
        b[0] += c[s][0], b[1] += c[s][1];
        b[0] -= std::floor(b[0]), b[1] -= std::floor(b[1]);
    }
}

} // namespace

std::array<double, 2> toFractional(const LatticeModel& m, double dx, double dy) {
    const double det = m.area();
    return {(dx * m.a2[1] - dy * m.a2[0]) / det, (m.a1[0] * dy - m.a1[1] * dx) / det};
}

LatticeModel estimateLattice(const std::vector<double>& x, const std::vector<double>& y,
                             std::vector<std::int32_t>* sites, const PointIndex* sharedIndex,
                             JobContext& job) {
    if (sites) sites->assign(x.size(), -1);
    LatticeModel m;
    if (x.size() < 8) return m;
    std::unique_ptr<PointIndex> ownIndex;
    if (!sharedIndex) ownIndex = std::make_unique<PointIndex>(x, y);
    const PointIndex& index = sharedIndex ? *sharedIndex : *ownIndex;
    m.bondLength = typicalBondLength(x, y, index);
    if (!(m.bondLength > 0)) return m;
    const double range = 3.2 * m.bondLength;
    const std::size_t stride = std::max<std::size_t>(1, x.size() / 4000);
    std::vector<double> dx, dy;
    std::size_t samples = 0;
    for (std::size_t i = 0; i < x.size(); i += stride, ++samples)
        for (const auto& [j, d] : index.within(x[i], y[i], range))
            if (j != i) dx.push_back(x[j] - x[i]), dy.push_back(y[j] - y[i]);
    auto peaks = differencePeaks(dx, dy, m.bondLength, range, samples);
    double best = 0;
    for (const auto& p : peaks) best = std::max(best, p.occupancy);
    // Translations are difference vectors that (almost) every atom has. A vector between two sites of
    // the basis is held by fewer atoms: about half of them in a honeycomb, more where a third site is
    // partly filled (a triangular net of all sites), which must not be taken for a translation. The
    // strict cut first (kStrictTranslation), the loose one when it leaves no two
    // independent vectors (a strongly strained or curved lattice blurs its longer translations).
    bool found = false, enough = false;
    for (const double cut : {kStrictTranslation, 0.6}) {
        std::vector<Peak> cands;
        for (const auto& p : peaks)
            if (p.occupancy >= cut * best && p.length() > 0.5 * m.bondLength) cands.push_back(p);
        std::sort(cands.begin(), cands.end(),
                  [](const Peak& a, const Peak& b) { return a.length() < b.length(); });
        if (cands.size() < 2) continue;
        enough = true;
        m.a1 = {cands[0].x, cands[0].y};
        for (std::size_t k = 1; k < cands.size() && !found; ++k) {
            const std::array<double, 2> c{cands[k].x, cands[k].y};
            if (std::fabs(cross(m.a1, c)) > std::sin(0.35) * norm(m.a1) * norm(c)) m.a2 = c, found = true;
        }
        if (found) break;
    }
    if (!enough) return m;
    if (!found) return LatticeModel{};
    if (cross(m.a1, m.a2) < 0) m.a2 = {-m.a2[0], -m.a2[1]};
    const std::array<double, 2> sum{m.a1[0] + m.a2[0], m.a1[1] + m.a2[1]};
    if (m.a1[0] * m.a2[0] + m.a1[1] * m.a2[1] < 0 && norm(sum) <= 1.05 * norm(m.a2)) m.a2 = sum;

    // Basis: walk bonds outward from the central atom (then from any atom not reached yet), adding
    // each neighbour's fractional offset to the site of the atom it was reached from, and collect the
    // distinct sites.
    double cx = 0, cy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) cx += x[i], cy += y[i];
    const auto centre = std::size_t(index.nearest(cx / double(x.size()), cy / double(y.size())).first);
    std::vector<std::int32_t> site(x.size(), -1);
    std::vector<std::size_t> counts;
    m.basis.clear();
    auto siteOf = [&](std::array<double, 2> f) {
        f[0] -= std::floor(f[0]), f[1] -= std::floor(f[1]);
        for (std::size_t s = 0; s < m.basis.size(); ++s) {
            double du = f[0] - m.basis[s][0], dv = f[1] - m.basis[s][1];
            du -= std::round(du), dv -= std::round(dv);
            if (std::hypot(du, dv) < 0.12) return int(s);
        }
        m.basis.push_back(f), counts.push_back(0);
        return int(m.basis.size() - 1);
    };
    // Every atom's bonds (the walk visits each atom once), looked up on all cores first, in the order
    // the k-d tree returns them, so the walk below is the same as querying inside it.
    std::vector<std::uint32_t> bondOffsets(x.size() + 1, 0), bonds;
    {
        const std::size_t chunk = 4096, parts = (x.size() + chunk - 1) / chunk;
        std::vector<std::vector<std::uint32_t>> partBonds(parts);
        parallelFor(
            parts, 1,
            [&](std::size_t pb, std::size_t pe) {
                std::vector<std::pair<std::uint32_t, double>> near;
                for (std::size_t part = pb; part < pe; ++part)
                    for (std::size_t i = part * chunk; i < std::min(x.size(), (part + 1) * chunk); ++i) {
                        index.within(x[i], y[i], 1.3 * m.bondLength, near, false);
                        bondOffsets[i + 1] = std::uint32_t(near.size());
                        for (const auto& [j, d] : near) partBonds[part].push_back(j);
                    }
            },
            job);
        for (std::size_t i = 0; i < x.size(); ++i) bondOffsets[i + 1] += bondOffsets[i];
        bonds.reserve(bondOffsets.back());
        for (const auto& p : partBonds) bonds.insert(bonds.end(), p.begin(), p.end());
    }
    std::deque<std::size_t> queue;
    for (std::size_t k = 0; k <= x.size(); ++k) {
        const std::size_t seed = k == 0 ? centre : k - 1;
        if (site[seed] >= 0) continue;
        // A part the bonds did not reach (cut off by a vacancy line, or a stray detection) takes its
        // phase from the nearest atom already placed, through the global cell: taking site 0 instead
        // would give every atom of it a shifted copy of the basis, i.e. sublattices of their own.
        std::array<double, 2> start{0, 0};
        if (k > 0) {
            std::size_t anchor = centre;
            double nearest = 1e300;
            for (const auto& [j, d] : index.within(x[seed], y[seed], 4 * m.bondLength))
                if (site[j] >= 0 && d < nearest) nearest = d, anchor = j;
            const auto f = toFractional(m, x[seed] - x[anchor], y[seed] - y[anchor]);
            const auto& sa = m.basis[std::size_t(site[anchor])];
            start = {sa[0] + f[0], sa[1] + f[1]};
        }
        site[seed] = siteOf(start);
        queue.push_back(seed);
        while (!queue.empty()) {
            const std::size_t i = queue.front();
            queue.pop_front();
            ++counts[std::size_t(site[i])];
            for (auto b = bondOffsets[i]; b < bondOffsets[i + 1]; ++b) {
                const auto j = bonds[b];
                if (site[j] >= 0) continue;
                auto f = toFractional(m, x[j] - x[i], y[j] - y[i]);
                const auto si = m.basis[std::size_t(site[i])];
                site[j] = siteOf({si[0] + f[0], si[1] + f[1]});
                queue.push_back(j);
            }
        }
    }
    mergeStraySites(m, site, counts);
    refineBasis(m, x, y, index, site);
    if (sites) *sites = site;
    std::size_t total = 0;
    for (auto c : counts) total += c;
    for (auto c : counts) m.basisOccupancy.push_back(total ? double(c) / double(total) : 0);
    return m;
}

double latticePeriodFromFft(const Image& image) {
    if (image.width() < 32 || image.height() < 32) return 0;
    int n = 1;
    while (n * 2 <= std::min({image.width(), image.height(), 1024})) n *= 2;
    const int x0 = (image.width() - n) / 2, y0 = (image.height() - n) / 2;
    cv::Mat patch(n, n, CV_32F);
    double mean = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) mean += image.at(x0 + c, y0 + r);
    mean /= double(n) * n;
    const std::size_t size = std::size_t(n);
    std::vector<double> window(size); // Hann window, the same along rows and columns
    for (int c = 0; c < n; ++c) window[std::size_t(c)] = 0.5 - 0.5 * std::cos(2 * M_PI * (c + 0.5) / n);
    for (int r = 0; r < n; ++r) {
        const double wr = window[std::size_t(r)];
        for (int c = 0; c < n; ++c) {
            const double wc = window[std::size_t(c)];
            const float v = image.at(x0 + c, y0 + r);
            patch.at<float>(r, c) = std::isfinite(v) ? float((v - mean) * wr * wc) : 0.f;
        }
    }
    cv::Mat spectrum;
    cv::dft(patch, spectrum, cv::DFT_COMPLEX_OUTPUT);
    std::vector<double> radial(std::size_t(n / 2), 0), count(std::size_t(n / 2), 0);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const int fy = r <= n / 2 ? r : r - n, fx = c <= n / 2 ? c : c - n;
            const int k = int(std::lround(std::hypot(fx, fy)));
            if (k >= n / 2) continue;
            const auto v = spectrum.at<cv::Vec2f>(r, c);
            radial[std::size_t(k)] += double(v[0]) * v[0] + double(v[1]) * v[1];
            count[std::size_t(k)] += 1;
        }
    for (std::size_t k = 0; k < radial.size(); ++k) radial[k] = count[k] > 0 ? radial[k] / count[k] : 0;
    // The first peak: the lowest frequency (above the slowly varying background, k >= 4) whose power is
    // a local maximum and at least a fifth of the strongest such maximum.
    const std::size_t kMin = std::max<std::size_t>(4, std::size_t(n / 128));
    double strongest = 0;
    for (std::size_t k = kMin; k + 1 < radial.size(); ++k)
        if (radial[k] >= radial[k - 1] && radial[k] >= radial[k + 1])
            strongest = std::max(strongest, radial[k]);
    if (strongest <= 0) return 0;
    for (std::size_t k = kMin; k + 1 < radial.size(); ++k)
        if (radial[k] >= radial[k - 1] && radial[k] >= radial[k + 1] && radial[k] >= 0.2 * strongest) {
            // Parabolic refinement of the peak position.
            const double a = radial[k - 1], b = radial[k], c = radial[k + 1], den = a - 2 * b + c;
            const double kk = double(k) + (den < 0 ? 0.5 * (a - c) / den : 0);
            return double(n) / kk;
        }
    return 0;
}

} // namespace atomlens
