#pragma once
#include "gui/vtk/VtkOpenGLWidget.h"

#include <QString>

#include <array>
#include <cstddef>
#include <vector>

class vtkActor;
class vtkPolyData;
class vtkTextActor;

namespace atomlens {

class AtomTable;
class Image;
struct FramePoints;
struct TrackingResult;

/// How the 3-D scene is built.
struct SceneOptions {
    int maxSurfaceSide =
        256; ///< the intensity surface is block-averaged down to at most this many points a side
    double reliefFraction = 0.08; ///< height of the intensity relief as a fraction of the image width
    double timeFraction =
        0.7;               ///< height of the whole time axis (all frames) as a fraction of the image width
    double atomRadius = 0; ///< sphere radius, px; 0 = a quarter of the median nearest-neighbour distance
    /// Tracks seen in every frame drawn at most (an even sample); tracks that appear or vanish all drawn.
    int maxStaticTracks = 300;
};

/// The 3-D view of a micrograph: the image as an intensity surface (grey, lit), atoms as spheres in
/// their class colours standing on it, and tracked atoms of a series as space-time trajectories
/// (x, y, frame) rising above it. World units are calibrated (x = column x pixel size, y = -row x pixel
/// size so the image is upright seen from above). Mouse: left rotate, right/wheel zoom, middle pan.
class LatticeSceneView : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit LatticeSceneView(QWidget* parent = nullptr, SceneOptions options = {});
    ~LatticeSceneView() override;

    /// Shows an image as the intensity surface (replaces the previous one); pixelSize > 0.
    void setImage(const Image& image, double pixelSize = 1.0, const QString& unit = QStringLiteral("px"));
    /// Shows atoms as spheres (rejected rows left out); positions in pixels of the current image.
    void setAtoms(const AtomTable& atoms);
    /// Shows the track of every point as a polyline through (x, y, frame); frame f is drawn at height
    /// relief + f x timeStep(), coloured by time (viridis: purple at the first frame, yellow at the last).
    /// Every track that appears or vanishes (vacancies, hops) is drawn; of those seen in every frame at most
    /// SceneOptions::maxStaticTracks, evenly sampled (the caption says so). Throws std::invalid_argument
    /// when points and tracking disagree in size.
    void setTrajectories(const std::vector<FramePoints>& points, const TrackingResult& tracking);
    /// Oblique overview of everything shown.
    void resetCamera();

    // Inspection (tests, status bar).
    vtkPolyData* surface() const;      ///< the warped, downsampled image
    vtkPolyData* atomPoints() const;   ///< one point per sphere, RGB "colour" array
    vtkPolyData* trajectories() const; ///< one polyline cell per drawn track, RGB "colour" per point
    double timeStep() const;           ///< world height of one frame
    double reliefHeight() const;       ///< world height of the brightest pixel
    QString unit() const { return m_unit; }
    QString caption() const; ///< the legend text drawn in the lower left corner
    /// The colour of time t in [0, 1] along the tracks (0 = first frame).
    static std::array<unsigned char, 3> timeColour(double t);

private:
    double surfaceHeightAt(double px, double py) const; ///< world z of the surface at a pixel position
    void updateCaption();

    SceneOptions m_options;
    double m_pixelSize = 1.0;
    QString m_unit = QStringLiteral("px");
    int m_imageWidth = 0, m_imageHeight = 0, m_frames = 1;
    int m_staticStride = 1, m_staticTracks = 0; ///< thinning of the tracks seen in every frame
    int m_step = 1, m_gridW = 0, m_gridH = 0;   ///< surface block size and grid size
    std::vector<float> m_heights;               ///< normalised [0, 1] surface heights, grid row-major
    vtkSmartPointer<vtkPolyData> m_surface, m_atoms, m_tracks;
    vtkSmartPointer<vtkActor> m_surfaceActor, m_atomActor, m_trackActor;
    vtkSmartPointer<vtkTextActor> m_caption;
};

} // namespace atomlens
