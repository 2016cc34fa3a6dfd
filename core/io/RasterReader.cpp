#include "core/io/RasterReader.h"

#include "core/data/Errors.h"

#include <algorithm>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace atomlens {

namespace {
bool startsWith(const std::vector<std::uint8_t>& h, std::initializer_list<std::uint8_t> magic) {
    if (h.size() < magic.size()) return false;
    std::size_t i = 0;
    for (auto b : magic)
        if (h[i++] != b) return false;
    return true;
}
/// A complete JPEG ends with the EOI marker FF D9 (which entropy-coded data can never contain: an FF
/// there is always followed by 00 or a restart marker). libjpeg decodes a truncated file without an
/// error, filling the missing part grey, so the tail is checked first.
bool jpegHasEnd(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in.tellg();
    const std::streamoff tail = std::min<std::streamoff>(size, 4096);
    std::vector<char> bytes(std::size_t(std::max<std::streamoff>(tail, 0)));
    in.seekg(size - tail);
    if (!in.read(bytes.data(), tail)) return false;
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i)
        if (std::uint8_t(bytes[i]) == 0xFF && std::uint8_t(bytes[i + 1]) == 0xD9) return true;
    return false;
}

} // namespace

FormatReader rasterFormatReader() {
    FormatReader r;
    r.name = "PNG/JPEG/BMP";
    r.extensions = {".png", ".jpg", ".jpeg", ".bmp"};
    r.sniff = [](const std::vector<std::uint8_t>& h) {
        return startsWith(h, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}) ||
               startsWith(h, {0xFF, 0xD8, 0xFF}) || startsWith(h, {'B', 'M'});
    };
    r.read = readRaster;
    return r;
}

Micrograph readRaster(const std::string& path, const ReadOptions&) {
    // Check the header dimensions before decoding so a forged 50k x 50k header is refused cheaply.
    {
        std::ifstream in(path, std::ios::binary);
        unsigned char magic[3] = {0, 0, 0};
        in.read(reinterpret_cast<char*>(magic), 3);
        if (magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF && !jpegHasEnd(path))
            throw InputError(path, "truncated JPEG (the file ends before its end-of-image marker; part of "
                                   "the image is missing)");
    }
    cv::Mat img = cv::imread(path, cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
    if (img.empty()) throw InputError(path, "not a readable PNG/JPEG/BMP image (truncated or corrupt)");
    if (std::int64_t(img.cols) * img.rows > Image::kMaxPixels) throw InputError(path, "image is too large");
    Micrograph m;
    m.sourceDtype = img.depth() == CV_16U ? "uint16" : img.depth() == CV_8U ? "uint8" : "float32";
    if (img.channels() == 3) {
        cv::cvtColor(img, img, cv::COLOR_BGR2GRAY);
        m.sourceDtype = "rgb8";
    } else if (img.channels() == 4) {
        cv::cvtColor(img, img, cv::COLOR_BGRA2GRAY);
        m.sourceDtype = "rgba8";
    }
    cv::Mat f;
    img.convertTo(f, CV_32F);
    Image frame(f.cols, f.rows);
    for (int y = 0; y < f.rows; ++y) std::copy(f.ptr<float>(y), f.ptr<float>(y) + f.cols, frame.row(y));
    m.frames.push_back(std::move(frame));
    m.signals = {"image"};
    return m;
}

} // namespace atomlens
