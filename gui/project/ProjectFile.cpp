#include "gui/project/ProjectFile.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/io/ProjectFile.h"
#include "gui/document/Document.h"

#include <QFileInfo>

namespace atomlens::gui {

void saveProject(const QString& path, const Document& doc, const ProjectView& view,
                 const ProjectExtras& extras) {
    Project p;
    p.imagePath = QFileInfo(doc.filePath()).absoluteFilePath().toStdString();
    for (int k = 0; k < doc.frameCount(); ++k) p.frames.push_back(doc.frameDocument(k));
    p.model = doc.modelName().toStdString();
    p.chain = doc.chainText().toStdString();
    p.view.frame = view.frame;
    p.view.zoom = view.zoom;
    p.view.centreX = view.centre.x();
    p.view.centreY = view.centre.y();
    p.view.low = view.display.low;
    p.view.high = view.display.high;
    p.view.gamma = view.display.gamma;
    p.view.colourMap = view.display.colourMap.toStdString();
    p.recoveredFrom = extras.recoveredFrom.toStdString();
    p.fineTunedModel = extras.fineTunedModel.toStdString();
    p.fineTunedApplied = extras.fineTunedApplied;
    p.hasCalibration = doc.hasCalibrationOverride();
    if (p.hasCalibration) p.calibration = doc.calibration();
    writeProject(path.toStdString(), p);
}

ProjectContents readProject(const QString& path) {
    Project p = atomlens::readProject(path.toStdString());
    ProjectContents c;
    c.imagePath = QString::fromStdString(p.imagePath);
    c.imageMissing = p.imageMissing;
    c.frames = std::move(p.frames);
    c.model = QString::fromStdString(p.model);
    c.chain = QString::fromStdString(p.chain);
    c.view.frame = p.view.frame;
    c.view.zoom = p.view.zoom;
    c.view.centre = QPointF(p.view.centreX, p.view.centreY);
    c.view.display.low = p.view.low;
    c.view.display.high = p.view.high;
    c.view.display.gamma = p.view.gamma;
    c.view.display.colourMap = QString::fromStdString(p.view.colourMap);
    c.extras.recoveredFrom = QString::fromStdString(p.recoveredFrom);
    c.extras.fineTunedModel = QString::fromStdString(p.fineTunedModel);
    c.extras.fineTunedApplied = p.fineTunedApplied;
    c.calibration = p.calibration;
    c.hasCalibration = p.hasCalibration;
    return c;
}

} // namespace atomlens::gui
