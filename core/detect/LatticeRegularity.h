#pragma once
#include "core/data/AtomTable.h"
#include "core/job/JobContext.h"

namespace atomlens {

/// Fraction of the atoms whose nearest-neighbour distance lies within 20% of the median one: about 1
/// for columns on a lattice (defects and edges aside), well below for isolated atoms or noise peaks.
/// Measured with the classical detector: real lattices (MoS2, MoSe2, SrTiO3, WS2Te2, 256 px graphene)
/// 0.82 - 1.00, simulated 128 px perovskite 0.56 - 0.71; peaks in noise or random blobs (68 px)
/// 0.45 - 0.50 (uniformly random points give 0.27; the detector's minimum separation raises it);
/// single atoms (Pt, Re) 0.16 - 0.53. -1 for fewer than 8 atoms.
/// The neighbour searches run on the job's threads.
double nearestNeighbourRegularity(const AtomTable& atoms, JobContext& job = nullJobContext());

/// After detection on an image whose FFT showed a lattice: when the detected columns do not form one
/// (regularity below 0.5, what noise peaks reach, or fewer than 8 of them), logs a warning that the FFT's
/// lattice was not found among the detections and the result deserves low confidence (a small noise image's
/// FFT can show a "lattice"). Returns true when it warned.
bool warnIfDetectionsNotLattice(const AtomTable& atoms, JobContext& job);

} // namespace atomlens
