#pragma once
#include "core/io/ByteSource.h"
#include "core/io/MicrographReader.h"

namespace atomlens {

/// FEI/Thermo TIA series files: NAME_1.ser holds the pixels (2-D images; a series of them becomes
/// frames), NAME.emi beside it the instrument XML. Opening either file reads both; the EMI XML is
/// kept under "TIA/EMI" and its voltage, magnification and date are normalised. Calibration is in
/// nm (offset = CalibrationOffset - CalibrationElement x CalibrationDelta, as HyperSpy). Spectra
/// (1-D elements) are refused with a message saying so.
FormatReader serFormatReader();
FormatReader emiFormatReader();
Micrograph readSer(const std::string& path, const ReadOptions& options = {});
/// Reads SER bytes from any source; `emiXml` is the EMI ObjectInfo XML ("" when absent).
Micrograph readSer(ByteSource& source, const ReadOptions& options, const std::string& emiXml);

/// Parses the simple XML TIA writes (elements and text, entities decoded) into a metadata tree;
/// nesting is limited to 64 levels and malformed XML stops the parse without throwing.
void parseSimpleXml(const std::string& xml, MetadataNode& out);

} // namespace atomlens
