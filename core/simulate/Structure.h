#pragma once
#include <string>
#include <vector>

namespace atomlens {

/// One projected atomic column of a simulated specimen, in angstroms (specimen coordinates).
struct Column {
    double x = 0, y = 0;
    double weight = 0;   ///< sum over its atoms of Z^1.7 (HAADF contrast); 0 for an empty site
    std::string cls;     ///< ground-truth class: Mo, S2, S1, empty, dopant, C, Si3, Si4, A, B, O
    std::string element; ///< what the column holds: "Mo", "S2", "S", "W", "-" (nothing), ...
    std::string site;    ///< lattice site type: "Mo", "S", "C", "A", "B", "O"
    std::string defect;  ///< none, single, line, dopant, Si3, Si4, vacancy
    std::string region;  ///< 2H, 1T, boundary, grainA, grainB, bulk
};

/// A simulated specimen: columns in an area of width x height angstroms (origin top-left).
struct Structure {
    std::vector<Column> columns;
    double width = 0, height = 0;
};

/// HAADF contrast of one atom of atomic number z: z^1.7.
double haadfWeight(int z);

} // namespace atomlens
