#include "core/io/TiffWriter.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/data/Units.h"

#include <tiffio.h>

#include <filesystem>
#include <sstream>

namespace atomlens {

void writeTiff(const Micrograph& m, const std::string& path) {
    m.validate();
    writeFileAtomically(path, [&](const std::string& tmp) {
        TIFF* tif = TIFFOpen(tmp.c_str(), "w");
        if (!tif) throw InputError(path, "cannot create the TIFF file");
        // ImageJ stores the pixel size as resolution in pixels per unit; keep the unit it understands.
        std::string unit;
        double px = 1, py = 1;
        if (m.calibration.isCalibrated()) {
            unit = "nm";
            px = m.calibration.pixelSizeXIn("nm");
            py = m.calibration.pixelSizeYIn("nm");
        }
        std::ostringstream desc;
        desc << "ImageJ=1.11a\nimages=" << m.frameCount() << "\n";
        if (m.frameCount() > 1)
            desc << "frames=" << m.frameCount() << "\nfinterval=" << m.frameAxis.scale << "\n";
        if (!unit.empty()) desc << "unit=" << unit << "\n";
        desc << "loop=false\n";
        const std::string descText = desc.str();
        for (int f = 0; f < m.frameCount(); ++f) {
            const Image& img = m.frame(f);
            TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, std::uint32_t(img.width()));
            TIFFSetField(tif, TIFFTAG_IMAGELENGTH, std::uint32_t(img.height()));
            TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
            TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
            TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
            TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
            TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
            TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::uint32_t(img.height()));
            if (m.frameCount() > 1) {
                TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
                TIFFSetField(tif, TIFFTAG_PAGENUMBER, std::uint16_t(f), std::uint16_t(m.frameCount()));
            }
            if (!unit.empty()) {
                TIFFSetField(tif, TIFFTAG_XRESOLUTION, float(1.0 / px));
                TIFFSetField(tif, TIFFTAG_YRESOLUTION, float(1.0 / py));
                TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
            }
            if (f == 0) TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, descText.c_str());
            TIFFSetField(tif, TIFFTAG_SOFTWARE, "AtomLens");
            for (int y = 0; y < img.height(); ++y)
                if (TIFFWriteScanline(tif, const_cast<float*>(img.row(y)), std::uint32_t(y), 0) < 0) {
                    TIFFClose(tif);
                    throw InputError(path, "cannot write TIFF data (disk full?)");
                }
            if (!TIFFWriteDirectory(tif)) {
                TIFFClose(tif);
                throw InputError(path, "cannot write the TIFF directory");
            }
        }
        TIFFClose(tif);
    });
}

} // namespace atomlens
