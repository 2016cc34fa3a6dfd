#include "gui/vtk/LatticeSceneView.h"

#include "core/analysis/Tracking.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/FigureWriter.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkGlyph3DMapper.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace atomlens {

LatticeSceneView::LatticeSceneView(QWidget* parent, SceneOptions options)
    : VtkOpenGLWidget(parent), m_options(options), m_surface(vtkSmartPointer<vtkPolyData>::New()),
      m_atoms(vtkSmartPointer<vtkPolyData>::New()), m_tracks(vtkSmartPointer<vtkPolyData>::New()),
      m_surfaceActor(vtkSmartPointer<vtkActor>::New()), m_atomActor(vtkSmartPointer<vtkActor>::New()),
      m_trackActor(vtkSmartPointer<vtkActor>::New()), m_caption(vtkSmartPointer<vtkTextActor>::New()) {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    lut->SetHueRange(0, 0);
    lut->SetSaturationRange(0, 0);
    lut->SetValueRange(0.08, 0.95);
    lut->Build();
    auto surfaceMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    surfaceMapper->SetInputData(m_surface);
    surfaceMapper->SetLookupTable(lut);
    surfaceMapper->SetScalarRange(0, 1);
    m_surfaceActor->SetMapper(surfaceMapper);
    m_surfaceActor->GetProperty()->SetSpecular(0.15);

    auto sphere = vtkSmartPointer<vtkSphereSource>::New();
    sphere->SetThetaResolution(16);
    sphere->SetPhiResolution(12);
    auto glyphs = vtkSmartPointer<vtkGlyph3DMapper>::New();
    glyphs->SetInputData(m_atoms);
    glyphs->SetSourceConnection(sphere->GetOutputPort());
    glyphs->ScalingOn();
    glyphs->SetScaleModeToNoDataScaling();
    glyphs->SetScalarModeToUsePointFieldData();
    glyphs->SelectColorArray("colour");
    m_atomActor->SetMapper(glyphs);
    m_atomActor->GetProperty()->SetSpecular(0.4);
    m_atomActor->GetProperty()->SetSpecularPower(30);

    auto trackMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    trackMapper->SetInputData(m_tracks);
    trackMapper->SetScalarModeToUsePointData();
    m_trackActor->SetMapper(trackMapper);
    m_trackActor->GetProperty()->SetLineWidth(2.0f);
    m_trackActor->GetProperty()->LightingOff();

    renderer()->AddActor(m_surfaceActor);
    renderer()->AddActor(m_atomActor);
    renderer()->AddActor(m_trackActor);
    m_caption->GetTextProperty()->SetFontSize(14);
    m_caption->GetTextProperty()->SetColor(0.9, 0.9, 0.9);
    m_caption->SetDisplayPosition(10, 10);
    renderer()->AddActor2D(m_caption);
    renderer()->GradientBackgroundOn();
    renderer()->SetBackground(0.10, 0.10, 0.13);
    renderer()->SetBackground2(0.33, 0.36, 0.44);
}

LatticeSceneView::~LatticeSceneView() = default;

QString LatticeSceneView::caption() const {
    return QString::fromUtf8(m_caption->GetInput() ? m_caption->GetInput() : "");
}

std::array<unsigned char, 3> LatticeSceneView::timeColour(double t) {
    // Viridis at five stops, linearly between them: dark purple (first frame) to yellow (last).
    static const double stops[5][3] = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    const double u = std::clamp(t, 0.0, 1.0) * 4;
    const int i = std::min(3, int(u));
    const double w = u - i;
    std::array<unsigned char, 3> c{};
    for (int k = 0; k < 3; ++k)
        c[std::size_t(k)] =
            static_cast<unsigned char>(std::lround(stops[i][k] * (1 - w) + stops[i + 1][k] * w));
    return c;
}

void LatticeSceneView::updateCaption() {
    QString text = tr("x, y: %1").arg(m_unit);
    if (m_tracks->GetNumberOfCells() > 0) {
        text += tr("   up: frame 0 to %1, coloured by time (purple first, yellow last)").arg(m_frames - 1);
        if (m_staticStride > 1)
            text += tr("   all tracks that appear or vanish; 1 in %1 of the %2 seen in every frame")
                        .arg(m_staticStride)
                        .arg(m_staticTracks);
    }
    m_caption->SetInput(text.toUtf8().constData());
}

vtkPolyData* LatticeSceneView::surface() const {
    return m_surface;
}
vtkPolyData* LatticeSceneView::atomPoints() const {
    return m_atoms;
}
vtkPolyData* LatticeSceneView::trajectories() const {
    return m_tracks;
}

double LatticeSceneView::reliefHeight() const {
    return m_options.reliefFraction * std::max(1, m_imageWidth) * m_pixelSize;
}

double LatticeSceneView::timeStep() const {
    return m_options.timeFraction * std::max(1, m_imageWidth) * m_pixelSize / std::max(1, m_frames - 1);
}

void LatticeSceneView::setImage(const Image& image, double pixelSize, const QString& unit) {
    if (image.empty()) throw std::invalid_argument("3-D view: empty image");
    m_pixelSize = pixelSize > 0 && std::isfinite(pixelSize) ? pixelSize : 1.0;
    m_unit = unit;
    m_imageWidth = image.width(), m_imageHeight = image.height();
    const int side = std::max(image.width(), image.height());
    m_step = std::max(1, (side + m_options.maxSurfaceSide - 1) / std::max(2, m_options.maxSurfaceSide));
    m_gridW = (image.width() + m_step - 1) / m_step, m_gridH = (image.height() + m_step - 1) / m_step;
    // block means, then percentile contrast (0.5 .. 99.8) into [0, 1]
    m_heights.assign(std::size_t(m_gridW) * std::size_t(m_gridH), 0.0f);
    for (int gy = 0; gy < m_gridH; ++gy)
        for (int gx = 0; gx < m_gridW; ++gx) {
            double sum = 0;
            int n = 0;
            for (int y = gy * m_step; y < std::min(image.height(), (gy + 1) * m_step); ++y)
                for (int x = gx * m_step; x < std::min(image.width(), (gx + 1) * m_step); ++x)
                    if (std::isfinite(image.at(x, y))) sum += image.at(x, y), ++n;
            m_heights[std::size_t(gy) * std::size_t(m_gridW) + std::size_t(gx)] = n ? float(sum / n) : 0.0f;
        }
    std::vector<float> sorted = m_heights;
    std::sort(sorted.begin(), sorted.end());
    const float lo = sorted[std::size_t(0.005 * double(sorted.size() - 1))];
    const float hi = sorted[std::size_t(0.998 * double(sorted.size() - 1))];
    for (float& h : m_heights) h = hi > lo ? std::clamp((h - lo) / (hi - lo), 0.0f, 1.0f) : 0.0f;

    const double relief = reliefHeight(), ps = m_pixelSize, centre = 0.5 * (m_step - 1);
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto scalars = vtkSmartPointer<vtkFloatArray>::New();
    auto normals = vtkSmartPointer<vtkFloatArray>::New();
    normals->SetNumberOfComponents(3);
    scalars->SetName("intensity");
    const auto height = [&](int gx, int gy) {
        gx = std::clamp(gx, 0, m_gridW - 1), gy = std::clamp(gy, 0, m_gridH - 1);
        return double(m_heights[std::size_t(gy) * std::size_t(m_gridW) + std::size_t(gx)]) * relief;
    };
    const double cell = m_step * ps;
    for (int gy = 0; gy < m_gridH; ++gy)
        for (int gx = 0; gx < m_gridW; ++gx) {
            points->InsertNextPoint((gx * m_step + centre) * ps, -(gy * m_step + centre) * ps,
                                    height(gx, gy));
            scalars->InsertNextValue(m_heights[std::size_t(gy) * std::size_t(m_gridW) + std::size_t(gx)]);
            // normal of the height field z(x, y) with y = -row: (-dz/dx, -dz/dy, 1)
            const double dzdx = (height(gx + 1, gy) - height(gx - 1, gy)) / (2 * cell);
            const double dzdy = -(height(gx, gy + 1) - height(gx, gy - 1)) / (2 * cell);
            const double len = std::sqrt(dzdx * dzdx + dzdy * dzdy + 1);
            const float n[3] = {float(-dzdx / len), float(-dzdy / len), float(1 / len)};
            normals->InsertNextTuple(n);
        }
    auto quads = vtkSmartPointer<vtkCellArray>::New();
    for (int gy = 0; gy + 1 < m_gridH; ++gy)
        for (int gx = 0; gx + 1 < m_gridW; ++gx) {
            const vtkIdType i = vtkIdType(gy) * m_gridW + gx;
            const vtkIdType quad[4] = {i, i + m_gridW, i + m_gridW + 1, i + 1};
            quads->InsertNextCell(4, quad);
        }
    m_surface->Initialize();
    m_surface->SetPoints(points);
    m_surface->SetPolys(quads);
    m_surface->GetPointData()->SetScalars(scalars);
    m_surface->GetPointData()->SetNormals(normals);
    m_surface->Modified();
    updateCaption();
    update();
}

double LatticeSceneView::surfaceHeightAt(double px, double py) const {
    if (m_heights.empty()) return 0;
    const double gx = std::clamp((px - 0.5 * (m_step - 1)) / m_step, 0.0, double(m_gridW - 1));
    const double gy = std::clamp((py - 0.5 * (m_step - 1)) / m_step, 0.0, double(m_gridH - 1));
    const int x0 = std::min(int(gx), std::max(0, m_gridW - 2)),
              y0 = std::min(int(gy), std::max(0, m_gridH - 2));
    const int x1 = std::min(x0 + 1, m_gridW - 1), y1 = std::min(y0 + 1, m_gridH - 1);
    const double fx = gx - x0, fy = gy - y0;
    const auto h = [&](int x, int y) {
        return double(m_heights[std::size_t(y) * std::size_t(m_gridW) + std::size_t(x)]);
    };
    const double v =
        (1 - fy) * ((1 - fx) * h(x0, y0) + fx * h(x1, y0)) + fy * ((1 - fx) * h(x0, y1) + fx * h(x1, y1));
    return v * reliefHeight();
}

void LatticeSceneView::setAtoms(const AtomTable& atoms) {
    std::vector<double> xs, ys;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < atoms.size(); ++r) {
        if (atoms.flags()[r] & (kFlagRejected | kFlagEmptySite)) continue;
        rows.push_back(r);
        xs.push_back(atoms.xs()[r]);
        ys.push_back(atoms.ys()[r]);
    }
    const double radiusPx =
        m_options.atomRadius > 0 ? m_options.atomRadius : 0.25 * typicalBondLength(xs, ys);
    const double radius = (radiusPx > 0 ? radiusPx : 2.0) * m_pixelSize;
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto colours = vtkSmartPointer<vtkUnsignedCharArray>::New();
    colours->SetName("colour");
    colours->SetNumberOfComponents(3);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        points->InsertNextPoint(xs[i] * m_pixelSize, -ys[i] * m_pixelSize,
                                surfaceHeightAt(xs[i], ys[i]) + 0.5 * radius);
        const auto c = classColour(atoms.classIds()[rows[i]]);
        colours->InsertNextTypedTuple(c.data());
    }
    m_atoms->Initialize();
    m_atoms->SetPoints(points);
    m_atoms->GetPointData()->AddArray(colours);
    m_atoms->Modified();
    auto* glyphs = static_cast<vtkGlyph3DMapper*>(m_atomActor->GetMapper());
    glyphs->SetScaleFactor(2 * radius); // the unit sphere source has diameter 1
    update();
}

void LatticeSceneView::setTrajectories(const std::vector<FramePoints>& points,
                                       const TrackingResult& tracking) {
    if (points.size() != tracking.trackOf.size())
        throw std::invalid_argument("3-D view: tracking has a different number of frames than the points");
    m_frames = int(points.size());
    for (std::size_t f = 0; f < points.size(); ++f)
        if (points[f].x.size() != tracking.trackOf[f].size() || points[f].y.size() != points[f].x.size())
            throw std::invalid_argument("3-D view: tracking has a different number of points than frame " +
                                        std::to_string(f));
    // Which tracks to draw: every one that appears or vanishes (the events), and of the columns seen in
    // every frame (a static lattice: a wall of vertical lines) an even sample of at most maxStaticTracks.
    std::size_t complete = 0;
    for (const Track& t : tracking.tracks) complete += t.observations >= m_frames;
    const std::size_t cap = std::size_t(std::max(1, m_options.maxStaticTracks));
    m_staticStride = int((complete + cap - 1) / cap);
    m_staticTracks = int(complete);
    std::vector<char> shown(tracking.tracks.size(), 0);
    std::size_t k = 0;
    for (std::size_t t = 0; t < tracking.tracks.size(); ++t)
        shown[t] = tracking.tracks[t].observations < m_frames ||
                   (k++ % std::size_t(std::max(1, m_staticStride))) == 0;
    std::vector<std::vector<vtkIdType>> byTrack(tracking.tracks.size());
    auto vertices = vtkSmartPointer<vtkPoints>::New();
    auto colours = vtkSmartPointer<vtkUnsignedCharArray>::New(); // per point: its frame's time colour
    colours->SetName("colour");
    colours->SetNumberOfComponents(3);
    const double base = reliefHeight() * 1.05, dz = timeStep();
    for (std::size_t f = 0; f < points.size(); ++f) {
        const auto c = timeColour(m_frames > 1 ? double(f) / double(m_frames - 1) : 1.0);
        for (std::size_t i = 0; i < points[f].x.size(); ++i) {
            const int t = tracking.trackOf[f][i];
            if (t < 0 || std::size_t(t) >= byTrack.size() || !shown[std::size_t(t)]) continue;
            byTrack[std::size_t(t)].push_back(vertices->InsertNextPoint(
                points[f].x[i] * m_pixelSize, -points[f].y[i] * m_pixelSize, base + double(f) * dz));
            colours->InsertNextTypedTuple(c.data());
        }
    }
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    for (std::size_t t = 0; t < byTrack.size(); ++t)
        if (byTrack[t].size() >= 2) lines->InsertNextCell(vtkIdType(byTrack[t].size()), byTrack[t].data());
    m_tracks->Initialize();
    m_tracks->SetPoints(vertices);
    m_tracks->SetLines(lines);
    m_tracks->GetPointData()->SetScalars(colours);
    m_tracks->Modified();
    updateCaption();
    update();
}

void LatticeSceneView::resetCamera() {
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetPosition(0, 0, 1);
    camera->SetFocalPoint(0, 0, 0);
    camera->SetViewUp(0, 1, 0);
    renderer()->ResetCamera();
    camera->Elevation(-55);
    camera->Azimuth(-20);
    camera->OrthogonalizeViewUp();
    renderer()->ResetCamera();
    camera->Zoom(1.05);
    renderer()->ResetCameraClippingRange();
    update();
}

} // namespace atomlens
