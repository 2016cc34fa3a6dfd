#include "core/describe/Motifs.h"

#include "core/base/AtomicFile.h"
#include "core/data/PointIndex.h"
#include "core/describe/GaussianMixture.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace atomlens {

const std::vector<ParamField<MotifParams>>& MotifParams::fields() {
    static const std::vector<ParamField<MotifParams>> f = {
        integerField<MotifParams>("max_clusters", "Largest number of clusters", 1, 20,
                                  &MotifParams::maxClusters),
        integerField<MotifParams>("dimensions", "Principal components", 1, 20, &MotifParams::dimensions),
        numberField<MotifParams>("smooth_radius", "Environment radius", "bond lengths", 0, 10,
                                 &MotifParams::smoothRadius),
        integerField<MotifParams>("sample_limit", "Fitting sample", 100, 1000000, &MotifParams::sampleLimit),
        flagField<MotifParams>("contrast_invariant", "Ignore patch brightness",
                               &MotifParams::contrastInvariant),
        numberField<MotifParams>("merge_distance", "Merge clusters closer than", "Bhattacharyya", 0, 100,
                                 &MotifParams::mergeDistance,
                                 "mixture components closer than this are one motif (0 = no merging)"),
        integerField<MotifParams>("seed", "Random seed", 0, 1000000000, &MotifParams::seed),
    };
    return f;
}

namespace {

/// Smoothed (over items within `radius` of each other), PCA-reduced item features (items x dims).
std::vector<double> embed(Eigen::MatrixXd x, const std::vector<double>& px, const std::vector<double>& py,
                          double radius, int dimensions, std::size_t& dims) {
    const std::size_t n = std::size_t(x.rows());
    if (radius > 0) {
        const PointIndex index(px, py);
        Eigen::MatrixXd s(x.rows(), x.cols());
        for (std::size_t i = 0; i < n; ++i) {
            const auto nb = index.within(px[i], py[i], radius);
            Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(x.cols());
            for (const auto& [j, d] : nb) sum += x.row(Eigen::Index(j));
            s.row(Eigen::Index(i)) = sum / double(std::max<std::size_t>(1, nb.size()));
        }
        x.swap(s);
    }
    const Eigen::RowVectorXd mean = x.colwise().mean();
    x.rowwise() -= mean;
    const Eigen::MatrixXd cov = (x.transpose() * x) / double(std::max<std::size_t>(1, n - 1));
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
    dims = std::min<std::size_t>(std::size_t(std::max(1, dimensions)), std::size_t(x.cols()));
    // Eigenvalues ascending: the last `dims` vectors are the principal ones.
    const Eigen::MatrixXd proj = x * eig.eigenvectors().rightCols(Eigen::Index(dims));
    std::vector<double> out(n * dims);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < dims; ++j) out[i * dims + j] = proj(Eigen::Index(i), Eigen::Index(j));
    return out;
}

/// Bhattacharyya distance between two Gaussians (means ma, mb; covariances sa, sb).
double bhattacharyya(const Eigen::VectorXd& ma, const Eigen::MatrixXd& sa, const Eigen::VectorXd& mb,
                     const Eigen::MatrixXd& sb) {
    const Eigen::MatrixXd s = (sa + sb) / 2;
    const Eigen::VectorXd diff = ma - mb;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(s);
    const double detA = sa.determinant(), detB = sb.determinant(), det = s.determinant();
    if (!(detA > 0 && detB > 0 && det > 0)) return 1e300;
    return 0.125 * diff.dot(ldlt.solve(diff)) + 0.5 * std::log(det / std::sqrt(detA * detB));
}

/// BIC keeps adding components to model a cluster that is not Gaussian (a phase whose cells come in
/// two kinds, a grain whose background drifts, the strained hexagons around a dislocation core that
/// grade into the grain), splitting one structure over several labels. Following Hennig (2010,
/// "Methods for merging Gaussian mixture components"), the two components with the smallest
/// Bhattacharyya distance are merged (moment-matched: the merged Gaussian has the pair's combined
/// mean and covariance) while that distance is below `threshold`; distances are recomputed after
/// each merge, so a chain of overlapping components cannot pull a well-separated one in.
void mergeOverlappingComponents(const GaussianMixture& gmm, std::vector<int>& labels, double threshold) {
    const auto k = std::size_t(gmm.components), d = gmm.dims;
    struct Part {
        double w;
        Eigen::VectorXd mean;
        Eigen::MatrixXd cov;
        std::vector<int> members;
    };
    std::vector<Part> parts;
    for (std::size_t c = 0; c < k; ++c) {
        Part q{gmm.weights[c],
               Eigen::VectorXd(Eigen::Index(d)),
               Eigen::MatrixXd(Eigen::Index(d), Eigen::Index(d)),
               {int(c)}};
        for (std::size_t i = 0; i < d; ++i) {
            q.mean(Eigen::Index(i)) = gmm.means[c * d + i];
            for (std::size_t j = 0; j < d; ++j)
                q.cov(Eigen::Index(i), Eigen::Index(j)) = gmm.covariances[c * d * d + i * d + j];
        }
        parts.push_back(std::move(q));
    }
    while (parts.size() > 1) {
        double best = threshold;
        std::size_t ba = 0, bb = 0;
        for (std::size_t a = 0; a < parts.size(); ++a)
            for (std::size_t b = a + 1; b < parts.size(); ++b) {
                const double dist = bhattacharyya(parts[a].mean, parts[a].cov, parts[b].mean, parts[b].cov);
                if (dist < best) best = dist, ba = a, bb = b;
            }
        if (ba == bb) break;
        Part& pa = parts[ba];
        const Part& pb = parts[bb];
        const double w = pa.w + pb.w, fa = pa.w / w, fb = pb.w / w;
        const Eigen::VectorXd mean = fa * pa.mean + fb * pb.mean;
        const Eigen::VectorXd da = pa.mean - mean, db = pb.mean - mean;
        pa.cov = fa * (pa.cov + da * da.transpose()) + fb * (pb.cov + db * db.transpose());
        pa.mean = mean, pa.w = w;
        pa.members.insert(pa.members.end(), pb.members.begin(), pb.members.end());
        parts.erase(parts.begin() + std::ptrdiff_t(bb));
    }
    std::vector<int> root(k);
    for (const auto& q : parts)
        for (int m : q.members) root[std::size_t(m)] = q.members.front();
    for (auto& l : labels) l = root[std::size_t(l)];
}

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
    if (a > b) std::swap(a, b);
    return (std::uint64_t(a) << 32) | b;
}

} // namespace

MotifResult discoverMotifs(const LatticeGraph& g, const FeatureMatrix& f, const MotifParams& p,
                           JobContext& job, const FeatureMatrix* ringFeatures) {
    const auto cols = f.columnsWithPrefix("zernike_");
    if (cols.empty()) throw std::invalid_argument("motif discovery needs Zernike features (an image)");
    if (f.rows != g.nodeCount()) throw std::invalid_argument("feature rows do not match the graph's nodes");
    if (ringFeatures &&
        (ringFeatures->rows != g.ringCount() || ringFeatures->columnsWithPrefix("zernike_").empty()))
        throw std::invalid_argument("ring feature rows do not match the graph's rings");
    MotifResult r;
    // The items described: rings (their own patches) or nodes (averaged over each ring).
    const FeatureMatrix& items = ringFeatures ? *ringFeatures : f;
    const auto itemCols = items.columnsWithPrefix("zernike_");
    // Items whose patch the image border clips are left out, and so are the rings holding one.
    const int inside = items.column("disk_inside");
    std::vector<char> usable(items.rows, 1);
    if (inside >= 0)
        for (std::size_t i = 0; i < items.rows; ++i) usable[i] = items.at(i, std::size_t(inside)) > 0.5f;
    // Cells: with node features a ring's feature is the mean of its nodes' (for MoS2 every hexagon
    // holds three Mo and three S, every 1T triangle one of each site, so cells do not depend on which
    // sublattice a node is on, unlike the nodes themselves).
    const std::size_t rings = g.ringCount();
    std::vector<std::uint32_t> cells;
    std::vector<double> cx, cy;
    for (std::size_t q = 0; q < rings; ++q) {
        bool ok = true;
        if (ringFeatures)
            ok = usable[q] != 0;
        else
            for (auto k = g.ringOffsets[q]; k < g.ringOffsets[q + 1]; ++k) ok &= usable[g.ringNodes[k]] != 0;
        if (ok) cells.push_back(std::uint32_t(q));
    }
    if (cells.size() < 20) { // small images: clipped patches are better than no motifs
        cells.clear();
        for (std::size_t q = 0; q < rings; ++q) cells.push_back(std::uint32_t(q));
        std::fill(usable.begin(), usable.end(), 1);
    }
    // Contrast-invariant vectors: zernike_0_0 (the patch mean, which follows the slowly varying
    // background) is dropped and, with contrastInvariant, the rest scaled to unit length, so that a
    // brighter or dimmer patch of the same structure gives the same vector; then each feature is
    // standardised.
    std::vector<std::size_t> keep;
    for (std::size_t j = 0; j < itemCols.size(); ++j)
        if (items.names[itemCols[j]] != "zernike_0_0") keep.push_back(itemCols[j]);
    if (keep.empty()) keep = itemCols;
    for (auto k : keep) r.featureNames.push_back(items.names[k]);
    const std::size_t c = keep.size();
    std::vector<float> unit(items.rows * c, 0.f);
    for (std::size_t i = 0; i < items.rows; ++i) {
        double norm = 0;
        for (std::size_t j = 0; j < c; ++j) norm += double(items.at(i, keep[j])) * items.at(i, keep[j]);
        norm = std::sqrt(norm);
        if (!p.contrastInvariant || !(norm > 0)) norm = 1;
        for (std::size_t j = 0; j < c; ++j) unit[i * c + j] = float(items.at(i, keep[j]) / norm);
    }
    std::vector<double> mean(c, 0), sd(c, 0);
    std::size_t count = 0;
    for (std::size_t i = 0; i < items.rows; ++i)
        if (usable[i]) {
            ++count;
            for (std::size_t j = 0; j < c; ++j) mean[j] += unit[i * c + j];
        }
    for (std::size_t j = 0; j < c; ++j) mean[j] /= double(std::max<std::size_t>(1, count));
    for (std::size_t i = 0; i < items.rows; ++i)
        if (usable[i])
            for (std::size_t j = 0; j < c; ++j) sd[j] += std::pow(unit[i * c + j] - mean[j], 2);
    for (std::size_t j = 0; j < c; ++j) sd[j] = std::sqrt(sd[j] / double(std::max<std::size_t>(1, count)));
    const std::size_t n = cells.size();
    if (n < 4)
        throw std::invalid_argument("motif discovery needs at least 4 rings whose nodes have whole patches");
    job.setProgress(0, 4, "motif features");
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(Eigen::Index(n), Eigen::Index(c));
    auto standard = [&](std::size_t item, std::size_t j) {
        return sd[j] > 0 ? (unit[item * c + j] - mean[j]) / sd[j] : 0.0;
    };
    for (std::size_t k = 0; k < n; ++k) {
        const auto q = cells[k];
        double sx = 0, sy = 0;
        for (auto m = g.ringOffsets[q]; m < g.ringOffsets[q + 1]; ++m) {
            const auto i = g.ringNodes[m];
            sx += g.x[i], sy += g.y[i];
            if (!ringFeatures)
                for (std::size_t j = 0; j < c; ++j) x(Eigen::Index(k), Eigen::Index(j)) += standard(i, j);
        }
        const double size = double(g.ringSize(q));
        if (ringFeatures)
            for (std::size_t j = 0; j < c; ++j) x(Eigen::Index(k), Eigen::Index(j)) = standard(q, j);
        else
            x.row(Eigen::Index(k)) /= size;
        cx.push_back(sx / size), cy.push_back(sy / size);
    }
    std::size_t dims = 0;
    const auto data = embed(std::move(x), cx, cy, p.smoothRadius * g.bondLength, p.dimensions, dims);
    job.throwIfCanceled();
    job.setProgress(1, 4, "clustering");
    const std::size_t stride = std::max<std::size_t>(1, n / std::size_t(std::max(100, p.sampleLimit)));
    std::vector<double> sample;
    for (std::size_t i = 0; i < n; i += stride)
        sample.insert(sample.end(), data.begin() + std::ptrdiff_t(i * dims),
                      data.begin() + std::ptrdiff_t((i + 1) * dims));
    const auto gmm = selectGaussianMixture(sample, dims, p.maxClusters, std::uint64_t(p.seed), &r.bic);
    auto labels = gmm.predict(data);
    mergeOverlappingComponents(gmm, labels, p.mergeDistance);
    // Relabel by size, largest first.
    std::vector<std::size_t> size(std::size_t(gmm.components), 0);
    for (int l : labels) ++size[std::size_t(l)];
    std::vector<int> order(std::size_t(gmm.components));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return size[std::size_t(a)] > size[std::size_t(b)]; });
    std::vector<int> rank(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) rank[std::size_t(order[k])] = int(k);
    r.clusterCount = 0;
    for (auto s : size) r.clusterCount += s > 0;
    r.ringLabels.assign(rings, -1);
    for (std::size_t k = 0; k < n; ++k) r.ringLabels[cells[k]] = rank[std::size_t(labels[k])];
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> edgeRings;
    for (std::size_t q = 0; q < rings; ++q) {
        const std::size_t s = g.ringSize(q);
        for (std::size_t k = 0; k < s; ++k) {
            const auto a = g.ringNodes[g.ringOffsets[q] + k], b = g.ringNodes[g.ringOffsets[q] + (k + 1) % s];
            edgeRings[edgeKey(a, b)].push_back(std::uint32_t(q));
        }
    }
    // Label smoothing: a ring whose labelled edge-sharing neighbours all carry one other label takes
    // that label (a single cell mislabelled by noise joins its surroundings). A ring that shares an
    // edge with a ring of its own label keeps it: a 5|7 dislocation core is two cells, surrounded by
    // hexagons, and a majority vote would erase it.
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<int> next = r.ringLabels;
        for (std::size_t q = 0; q < rings; ++q) {
            if (r.ringLabels[q] < 0) continue;
            std::map<int, int> votes;
            const std::size_t s = g.ringSize(q);
            for (std::size_t k = 0; k < s; ++k) {
                const auto a = g.ringNodes[g.ringOffsets[q] + k],
                           b = g.ringNodes[g.ringOffsets[q] + (k + 1) % s];
                for (auto o : edgeRings[edgeKey(a, b)])
                    if (o != q && r.ringLabels[o] >= 0) ++votes[r.ringLabels[o]];
            }
            int other = -1, kinds = 0;
            for (const auto& [label, v] : votes) ++kinds, other = label;
            if (kinds == 1 && other != r.ringLabels[q]) next[q] = other;
        }
        r.ringLabels.swap(next);
    }
    // A node takes the label of the rarest cluster among its labelled rings: a column shared by a
    // defect cell (a 5- or 7-ring of a dislocation core) and matrix cells belongs to the defect, the
    // most specific motif it is part of. (A majority vote loses the core columns that sit on one
    // 5-ring and two hexagons.)
    std::vector<std::map<int, int>> nodeVotes(f.rows);
    for (std::size_t q = 0; q < rings; ++q)
        if (r.ringLabels[q] >= 0)
            for (auto m = g.ringOffsets[q]; m < g.ringOffsets[q + 1]; ++m)
                ++nodeVotes[g.ringNodes[m]][r.ringLabels[q]];
    r.nodeLabels.assign(f.rows, -1);
    for (std::size_t i = 0; i < f.rows; ++i)
        if (!nodeVotes[i].empty()) r.nodeLabels[i] = nodeVotes[i].rbegin()->first; // labels ranked by size
    job.setProgress(2, 4, "motifs");
    r.ringMotif.assign(rings, -1);
    for (std::size_t start = 0; start < rings; ++start) {
        if (r.ringMotif[start] >= 0 || r.ringLabels[start] < 0) continue;
        Motif m;
        m.id = int(r.motifs.size()), m.label = r.ringLabels[start];
        std::vector<std::uint32_t> stack{std::uint32_t(start)};
        r.ringMotif[start] = m.id;
        while (!stack.empty()) {
            const auto q = stack.back();
            stack.pop_back();
            m.rings.push_back(q);
            const std::size_t s = g.ringSize(q);
            for (std::size_t k = 0; k < s; ++k) {
                const auto a = g.ringNodes[g.ringOffsets[q] + k],
                           b = g.ringNodes[g.ringOffsets[q] + (k + 1) % s];
                const auto& shared = edgeRings[edgeKey(a, b)];
                bool labelledAcross = false;
                for (auto o : shared) labelledAcross |= o != q && r.ringLabels[o] >= 0;
                if (!labelledAcross) m.touchesBorder = true;
                for (auto o : shared)
                    if (r.ringMotif[o] < 0 && r.ringLabels[o] == m.label)
                        r.ringMotif[o] = m.id, stack.push_back(o);
            }
        }
        std::sort(m.rings.begin(), m.rings.end());
        for (auto q : m.rings)
            for (std::size_t k = 0; k < g.ringSize(q); ++k)
                m.nodes.push_back(g.ringNodes[g.ringOffsets[q] + k]);
        std::sort(m.nodes.begin(), m.nodes.end());
        m.nodes.erase(std::unique(m.nodes.begin(), m.nodes.end()), m.nodes.end());
        for (auto i : m.nodes) m.cx += g.x[i], m.cy += g.y[i];
        m.cx /= double(m.nodes.size()), m.cy /= double(m.nodes.size());
        r.motifs.push_back(std::move(m));
    }
    // Containment: a motif that does not reach the border and whose neighbouring motifs, apart from
    // those it already encloses, are a single motif, is enclosed by that motif. Repeat until stable so
    // that nested motifs resolve from the inside out.
    std::vector<std::set<int>> neighbours(r.motifs.size());
    for (const auto& [key, shared] : edgeRings)
        for (auto a : shared)
            for (auto b : shared)
                if (r.ringMotif[a] >= 0 && r.ringMotif[b] >= 0 && r.ringMotif[a] != r.ringMotif[b])
                    neighbours[std::size_t(r.ringMotif[a])].insert(r.ringMotif[b]);
    auto encloses = [&](int outer, int inner) {
        for (int m = inner; m >= 0; m = r.motifs[std::size_t(m)].parent)
            if (r.motifs[std::size_t(m)].parent == outer) return true;
        return false;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& m : r.motifs) {
            if (m.parent >= 0 || m.touchesBorder) continue;
            int outside = -1, count = 0;
            for (int o : neighbours[std::size_t(m.id)])
                if (!encloses(m.id, o)) outside = o, ++count;
            if (count == 1 && !encloses(m.id, outside)) m.parent = outside, changed = true;
        }
    }
    for (auto& m : r.motifs)
        for (int q = m.parent; q >= 0; q = r.motifs[std::size_t(q)].parent) ++m.level;
    // Domains: each node takes the label of the top-level motif (the one enclosing all others) that
    // most of its rings belong to.
    r.nodeDomains.assign(f.rows, -1);
    std::vector<std::map<int, int>> domainVotes(f.rows);
    for (std::size_t q = 0; q < rings; ++q) {
        int m = r.ringMotif[q];
        if (m < 0) continue;
        while (r.motifs[std::size_t(m)].parent >= 0) m = r.motifs[std::size_t(m)].parent;
        for (auto k = g.ringOffsets[q]; k < g.ringOffsets[q + 1]; ++k)
            ++domainVotes[g.ringNodes[k]][r.motifs[std::size_t(m)].label];
    }
    for (std::size_t i = 0; i < f.rows; ++i) {
        int bestVotes = 0;
        for (const auto& [label, v] : domainVotes[i])
            if (v >= bestVotes) r.nodeDomains[i] = label, bestVotes = v;
    }
    job.setProgress(4, 4, "motifs done");
    return r;
}

std::string motifsToJson(const MotifResult& r) {
    nlohmann::json j;
    j["clusters"] = r.clusterCount;
    j["bic"] = r.bic;
    j["features"] = r.featureNames;
    j["node_labels"] = r.nodeLabels;
    j["node_domains"] = r.nodeDomains;
    j["ring_labels"] = r.ringLabels;
    j["ring_motif"] = r.ringMotif;
    auto& motifs = j["motifs"] = nlohmann::json::array();
    for (const auto& m : r.motifs) {
        motifs.push_back({{"id", m.id},
                          {"label", m.label},
                          {"rings", m.rings},
                          {"nodes", m.nodes},
                          {"centroid", {m.cx, m.cy}},
                          {"touches_border", m.touchesBorder},
                          {"parent", m.parent},
                          {"level", m.level}});
    }
    return j.dump();
}

void writeMotifsJson(const MotifResult& r, const std::string& path) {
    const std::string text = motifsToJson(r);
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text << '\n';
        if (!out) throw std::runtime_error(path + ": cannot write");
    });
}

} // namespace atomlens
