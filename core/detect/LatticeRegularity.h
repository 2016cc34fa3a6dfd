#pragma once
#include "core/data/AtomTable.h"
#include "core/job/JobContext.h"

namespace atomlens {

/// Fraction of the atoms whose nearest-neighbour distance lies within 20% of the median one: about 1
/// for columns on a lattice (defects and edges aside), well below for isolated atoms or noise peaks.
/// Measured on real images: lattices (MoS2, MoSe2, SrTiO3, WS2Te2, graphene) 0.82 - 1.00; single
/// atoms (Pt, Re) 0.16 - 0.53. -1 for fewer than 8 atoms.
double nearestNeighbourRegularity(const AtomTable& atoms);

/// After detection on an image whose FFT showed a lattice: when the detected columns do not form one
/// (regularity below 0.6, or fewer than 8 of them), logs a warning that the FFT's lattice was not
/// found among the detections and the result deserves low confidence (a small noise image's FFT
/// can show a "lattice"). Returns true when it warned.
bool warnIfDetectionsNotLattice(const AtomTable& atoms, JobContext& job);

} // namespace atomlens
