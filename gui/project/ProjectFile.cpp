#include "gui/project/ProjectFile.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "gui/document/Document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace atomlens::gui {
namespace {

constexpr const char* kFormat = "atomlens-project";

template <class V> QJsonArray column(const V& values) {
    QJsonArray a;
    for (const auto& v : values) a.append(double(v));
    return a;
}

} // namespace

void saveProject(const QString& path, const Document& doc, const ProjectView& view,
                 const ProjectExtras& extras) {
    const AtomTable& t = doc.atoms();
    QJsonObject atoms;
    atoms[QStringLiteral("id")] = column(t.ids());
    atoms[QStringLiteral("x")] = column(t.xs());
    atoms[QStringLiteral("y")] = column(t.ys());
    atoms[QStringLiteral("sigma")] = column(t.sigmas());
    atoms[QStringLiteral("amplitude")] = column(t.amplitudes());
    atoms[QStringLiteral("intensity")] = column(t.intensities());
    atoms[QStringLiteral("uncertainty")] = column(t.uncertainties());
    atoms[QStringLiteral("class")] = column(t.classIds());
    atoms[QStringLiteral("confidence")] = column(t.confidences());
    atoms[QStringLiteral("flags")] = column(t.flags());
    QJsonArray classes;
    for (const auto& n : t.classNames()) classes.append(QString::fromStdString(n));
    atoms[QStringLiteral("classNames")] = classes;
    // The user's labels, listed apart from predictions (also recoverable from the flags).
    QJsonArray labels;
    const Labels userLabels = doc.userLabels();
    for (const auto& l : userLabels.items())
        labels.append(QJsonObject{{QStringLiteral("x"), l.x},
                                  {QStringLiteral("y"), l.y},
                                  {QStringLiteral("class"), QString::fromStdString(l.className)},
                                  {QStringLiteral("atomId"), double(l.atomId)}});
    const QString image = QFileInfo(doc.filePath()).absoluteFilePath();
    QJsonObject root{
        {QStringLiteral("format"), QString::fromLatin1(kFormat)},
        {QStringLiteral("version"), 1},
        {QStringLiteral("image"), image},
        {QStringLiteral("imageRelative"), QFileInfo(path).absoluteDir().relativeFilePath(image)},
        {QStringLiteral("atoms"), atoms},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("models"), QJsonArray{doc.modelName()}},
        {QStringLiteral("chain"), doc.chainText()},
        {QStringLiteral("view"), QJsonObject{{QStringLiteral("frame"), view.frame},
                                             {QStringLiteral("zoom"), view.zoom},
                                             {QStringLiteral("centreX"), view.centre.x()},
                                             {QStringLiteral("centreY"), view.centre.y()},
                                             {QStringLiteral("low"), view.display.low},
                                             {QStringLiteral("high"), view.display.high},
                                             {QStringLiteral("gamma"), view.display.gamma},
                                             {QStringLiteral("colourMap"), view.display.colourMap}}}};
    if (!extras.recoveredFrom.isEmpty()) root[QStringLiteral("recoveredFrom")] = extras.recoveredFrom;
    if (doc.hasCalibrationOverride()) {
        const Calibration c = doc.calibration();
        root[QStringLiteral("calibration")] =
            QJsonObject{{QStringLiteral("pixelSizeX"), c.pixelSizeX},
                        {QStringLiteral("pixelSizeY"), c.pixelSizeY},
                        {QStringLiteral("unit"), QString::fromStdString(c.unit)}};
    }
    if (!extras.fineTunedModel.isEmpty())
        root[QStringLiteral("fineTunedModel")] =
            QJsonObject{{QStringLiteral("card"), extras.fineTunedModel},
                        {QStringLiteral("applied"), extras.fineTunedApplied}};
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);
    writeFileAtomically(path.toStdString(), [&](const std::string& tmp) {
        QFile f(QString::fromStdString(tmp));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush())
            throw InputError(path.toStdString(), "cannot be written");
    });
}

ProjectContents readProject(const QString& path) {
    const std::string file = path.toStdString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw InputError(file, "cannot be opened");
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(f.readAll(), &error);
    if (json.isNull()) throw InputError(file, "not a project (" + error.errorString().toStdString() + ")");
    const QJsonObject root = json.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw InputError(file, "not an AtomLens project (format tag missing)");
    ProjectContents p;
    const QDir dir = QFileInfo(path).absoluteDir();
    const QString relativeText = root.value(QStringLiteral("imageRelative")).toString();
    const QString absolute = root.value(QStringLiteral("image")).toString();
    if (relativeText.isEmpty() && absolute.isEmpty())
        throw InputError(file, "names no micrograph (its image path is empty)");
    const QString relative = relativeText.isEmpty() ? QString() : dir.absoluteFilePath(relativeText);
    if (!relative.isEmpty() && QFileInfo(relative).isFile())
        p.imagePath = relative;
    else if (!absolute.isEmpty() && QFileInfo(absolute).isFile())
        p.imagePath = absolute;
    else {
        p.imagePath = absolute.isEmpty() ? relative : absolute;
        p.imageMissing = true;
    }
    const QJsonObject atoms = root.value(QStringLiteral("atoms")).toObject();
    auto col = [&](const char* name) { return atoms.value(QLatin1String(name)).toArray(); };
    const QJsonArray ids = col("id"), xs = col("x"), ys = col("y");
    const char* names[] = {"sigma", "amplitude", "intensity", "uncertainty", "class", "confidence", "flags"};
    for (const char* n : names)
        if (col(n).size() != ids.size())
            throw InputError(file, std::string("atoms column '") + n + "' has the wrong length");
    if (xs.size() != ids.size() || ys.size() != ids.size())
        throw InputError(file, "atoms x/y have the wrong length");
    std::vector<std::string> classNames;
    for (const auto& v : atoms.value(QStringLiteral("classNames")).toArray())
        classNames.push_back(v.toString().toStdString());
    p.atoms.setClassNames(classNames);
    p.atoms.reserve(std::size_t(ids.size()));
    const QJsonArray sg = col("sigma"), am = col("amplitude"), in = col("intensity"), un = col("uncertainty"),
                     cl = col("class"), co = col("confidence"), fl = col("flags");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        Atom a;
        a.id = std::uint32_t(ids[i].toDouble());
        a.x = xs[i].toDouble(std::nan(""));
        a.y = ys[i].toDouble(std::nan(""));
        if (!std::isfinite(a.x) || !std::isfinite(a.y) || a.id == 0)
            throw InputError(file, "atom " + std::to_string(i + 1) + " has no valid id or position");
        if (p.atoms.rowOf(a.id) >= 0) throw InputError(file, "duplicate atom id " + std::to_string(a.id));
        a.sigma = float(sg[i].toDouble());
        a.amplitude = float(am[i].toDouble());
        a.intensity = float(in[i].toDouble());
        a.uncertainty = float(un[i].toDouble());
        a.classId = std::int32_t(cl[i].toDouble(-1));
        if (a.classId >= std::int32_t(classNames.size())) a.classId = -1;
        a.confidence = float(co[i].toDouble());
        a.flags = std::uint32_t(fl[i].toDouble());
        p.atoms.add(a);
    }
    const QJsonArray models = root.value(QStringLiteral("models")).toArray();
    p.model = models.isEmpty() ? QString() : models.first().toString();
    p.chain = root.value(QStringLiteral("chain")).toString();
    p.extras.recoveredFrom = root.value(QStringLiteral("recoveredFrom")).toString();
    if (root.contains(QStringLiteral("calibration"))) {
        const QJsonObject c = root.value(QStringLiteral("calibration")).toObject();
        p.calibration.pixelSizeX = c.value(QStringLiteral("pixelSizeX")).toDouble(-1);
        p.calibration.pixelSizeY = c.value(QStringLiteral("pixelSizeY")).toDouble(p.calibration.pixelSizeX);
        p.calibration.unit = c.value(QStringLiteral("unit")).toString().toStdString();
        if (!(p.calibration.pixelSizeX > 0) || !(p.calibration.pixelSizeY > 0) ||
            !p.calibration.isCalibrated())
            throw InputError(file, "calibration is not a pixel size in a length unit");
        p.hasCalibration = true;
    }
    const QJsonObject tuned = root.value(QStringLiteral("fineTunedModel")).toObject();
    if (const QString card = tuned.value(QStringLiteral("card")).toString(); !card.isEmpty()) {
        p.extras.fineTunedModel = dir.absoluteFilePath(card);
        p.extras.fineTunedApplied = tuned.value(QStringLiteral("applied")).toBool();
    }
    const QJsonObject v = root.value(QStringLiteral("view")).toObject();
    p.view.frame = v.value(QStringLiteral("frame")).toInt();
    p.view.zoom = v.value(QStringLiteral("zoom")).toDouble();
    p.view.centre =
        QPointF(v.value(QStringLiteral("centreX")).toDouble(), v.value(QStringLiteral("centreY")).toDouble());
    p.view.display.low = v.value(QStringLiteral("low")).toDouble(0);
    p.view.display.high = v.value(QStringLiteral("high")).toDouble(1);
    p.view.display.gamma = v.value(QStringLiteral("gamma")).toDouble(1);
    p.view.display.colourMap = v.value(QStringLiteral("colourMap")).toString(QStringLiteral("grey"));
    return p;
}

} // namespace atomlens::gui
