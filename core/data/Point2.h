#pragma once

namespace atomlens {

/// A 2-D point or displacement, the one point type passed between modules: pixels for detections and
/// graphs (pixel-centre convention, x = column, y = row), angstrom inside the simulator.
struct Point2 {
    double x = 0, y = 0;
};

/// Component-wise sum.
inline Point2 operator+(Point2 a, Point2 b) {
    return {a.x + b.x, a.y + b.y};
}
/// Component-wise difference.
inline Point2 operator-(Point2 a, Point2 b) {
    return {a.x - b.x, a.y - b.y};
}
/// Scaling by s.
inline Point2 operator*(double s, Point2 a) {
    return {s * a.x, s * a.y};
}
/// Exact equality of both coordinates.
inline bool operator==(Point2 a, Point2 b) {
    return a.x == b.x && a.y == b.y;
}
inline bool operator!=(Point2 a, Point2 b) {
    return !(a == b);
}

} // namespace atomlens
