package import PlacementModel

/// What Dutch spreadsheet exports write, read as they mean it (SPEC §2):
/// `d-m-yyyy` dates, WAAR/ONWAAR and ja/nee, Windows-1252 text.
extension Day {
    /// `YYYY-MM-DD`, or `D-M-YYYY` (dashes, one or two digits for day and
    /// month, the four-digit year last) as Dutch Excel writes dates.
    package init?(spreadsheet text: some StringProtocol) {
        if let day = Day(iso: text) {
            self = day
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package static let spreadsheetFormats = "a date YYYY-MM-DD or D-M-YYYY"
}

enum Spreadsheet {
    /// true/false, WAAR/ONWAAR, ja/nee, 1/0, in any case.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "waar", "ja", "1": return true
        case "false", "onwaar", "nee", "0": return false
        default: return nil
        }
    }

    static let flagWords = "true or false (also WAAR/ONWAAR, ja/nee, 1/0)"

    /// The bytes as UTF-8, decoding them as Windows-1252 when they are not
    /// valid UTF-8 and nothing says they were meant as UTF-8 (a BOM, or
    /// accented letters written as UTF-8 elsewhere in the file: then the
    /// bytes are left as they are, and the reader names the bad line).
    static func utf8(_ bytes: [UInt8]) -> (bytes: [UInt8], windows1252Line: Int?) {
        var body = bytes[...]
        let bom = body.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) == nil, let line = InputReader.firstInvalidUTF8Line(body),
              !bom, !hasMultibyteUTF8(body) else {
            return (bytes, nil)
        }
        var text = String.UnicodeScalarView()
        for byte in body { text.append(windows1252(byte)) }
        return (Array(String(text).utf8), line)
    }

    /// Whether some letter beyond ASCII is validly encoded as UTF-8.
    static func hasMultibyteUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): if scalar.count > 1 { return true }
            case .error: continue
            case .emptyInput: return false
            }
        }
    }

    /// Windows-1252: Latin-1 but for 0x80–0x9F (the five undefined there
    /// read as the C1 controls, as web browsers read them).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(high[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
    }
}
