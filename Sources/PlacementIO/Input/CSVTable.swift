import PlacementModel

/// A small RFC 4180 CSV reader for files exported from Excel.
///
/// Dutch Excel writes `;` as the separator (the comma is the decimal mark), so
/// the separator is detected from the header line. Rows are returned as they
/// are: a row with fewer or more fields than the header is not an error here —
/// the caller knows what the columns mean and reports it with context.
public struct CSVTable: Sendable, Equatable {
    public enum Separator: Character, Sendable {
        case comma = ","
        case semicolon = ";"
    }

    public let separator: Separator
    /// The header fields, trimmed of surrounding spaces and tabs.
    public let header: [String]
    public let rows: [Row]

    public struct Row: Sendable, Equatable {
        /// 1-based physical line on which the record starts. A record whose
        /// quoted field spans lines keeps the line of its start.
        public let line: Int
        /// The raw fields: unquoted fields trimmed of surrounding spaces and
        /// tabs, quoted fields exactly as between the quotes (with `""` → `"`).
        public let fields: [String]
    }

    /// Parses UTF-8 bytes.
    ///
    /// - The separator is the one of `,` and `;` that occurs more often outside
    ///   quotes in the header line (ties → `,`).
    /// - A UTF-8 byte order mark is stripped; LF, CRLF and CR line ends are
    ///   accepted.
    /// - Quoted fields may contain separators, `""` escapes and line breaks.
    /// - Blank lines (nothing, or only spaces and tabs) are skipped but counted,
    ///   so line numbers stay those of the file. A trailing newline does not
    ///   make a row.
    public init(parsing bytes: [UInt8]) throws(CSVError) {
        var parser = CSVParser(bytes: bytes)
        try parser.validateUTF8()
        guard parser.skipBlankLines() else {
            throw CSVError(line: 1, message: "empty file: expected a header row")
        }
        let separator = parser.detectSeparator()
        parser.separator = separator.byte
        let header = try parser.parseRecord().map(CSVParser.trimmed)
        var rows: [Row] = []
        while parser.skipBlankLines() {
            let line = parser.line
            rows.append(Row(line: line, fields: try parser.parseRecord()))
        }
        self.separator = separator
        self.header = header
        self.rows = rows
    }

    /// Parses text (convenience for the byte initialiser).
    public init(parsing text: String) throws(CSVError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Index of the header column called `name` (case-sensitive, exact match
    /// after trimming surrounding spaces and tabs); `nil` if there is none.
    public func column(_ name: String) -> Int? {
        let wanted = CSVParser.trimmed(name)
        return header.firstIndex(of: wanted)
    }
}

/// Why a CSV file could not be read, and where.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line in the file.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

// MARK: - Implementation

extension CSVTable.Separator {
    fileprivate var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        }
    }
}

/// A cursor over the bytes. `line` is the physical line of `index`.
private struct CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")

    let bytes: [UInt8]
    var index: Int
    var line = 1
    var separator = CSVParser.comma

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.index = hasBOM ? 3 : 0
    }


    /// `text` without surrounding spaces and tabs.
    static func trimmed(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var start = 0
        var end = utf8.count
        while start < end && CSVLines.isBlank(utf8[start]) { start += 1 }
        while end > start && CSVLines.isBlank(utf8[end - 1]) { end -= 1 }
        if start == 0 && end == utf8.count { return text }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    // MARK: Encoding

    /// Throws naming the first line that is not valid UTF-8. Line breaks are
    /// ASCII and never occur inside a multi-byte sequence, so checking line by
    /// line finds exactly the offending line.
    func validateUTF8() throws(CSVError) {
        let body = bytes[index...]
        if body.withContiguousStorageIfAvailable({ isValidUTF8($0) }) ?? isValidUTF8(body) {
            return
        }
        var line = 1
        var start = index
        var position = index
        while position <= bytes.count {
            if position == bytes.count || CSVLines.isLineEnd(bytes[position]) {
                if !isValidUTF8(bytes[start..<position]) {
                    throw CSVError(line: line, message: "invalid UTF-8")
                }
                if position == bytes.count { break }
                if bytes[position] == CSVLines.cr && position + 1 < bytes.count && bytes[position + 1] == CSVLines.lf {
                    position += 1
                }
                line += 1
                start = position + 1
            }
            position += 1
        }
        // Unreachable in practice: some line must have been invalid.
        throw CSVError(line: line, message: "invalid UTF-8")
    }

    private func isValidUTF8(_ codeUnits: some Collection<UInt8>) -> Bool {
        String(validating: codeUnits, as: UTF8.self) != nil
    }

    // MARK: Lines

    /// Consumes one line end (LF, CRLF or CR) at `index`, if there is one.
    mutating func consumeLineEnd() { CSVLines.consumeLineEnd(bytes, &index, &line) }

    /// Skips lines holding nothing but spaces and tabs. Returns false at the
    /// end of the input.
    mutating func skipBlankLines() -> Bool { CSVLines.skipBlankLines(bytes, &index, &line) }

    /// Counts `,` and `;` outside quotes in the record at `index` without
    /// consuming it.
    func detectSeparator() -> CSVTable.Separator {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        var position = index
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if CSVLines.isLineEnd(byte) { break }
                if byte == Self.comma { commas += 1 }
                if byte == Self.semicolon { semicolons += 1 }
            }
            position += 1
        }
        return semicolons > commas ? .semicolon : .comma
    }

    // MARK: Records

    /// Parses the record at `index` (which is not on a blank line) and the
    /// line end after it.
    mutating func parseRecord() throws(CSVError) -> [String] {
        var fields: [String] = []
        while true {
            while index < bytes.count && CSVLines.isBlank(bytes[index]) { index += 1 }
            let field: String
            if index < bytes.count && bytes[index] == Self.quote {
                field = try parseQuotedField()
                while index < bytes.count && CSVLines.isBlank(bytes[index]) { index += 1 }
                if index < bytes.count && bytes[index] != separator && !CSVLines.isLineEnd(bytes[index]) {
                    throw CSVError(line: line, message: "unexpected text after the closing quote of a quoted field")
                }
            } else {
                field = try parseUnquotedField()
            }
            fields.append(field)
            if index < bytes.count && bytes[index] == separator {
                index += 1
                continue
            }
            consumeLineEnd()
            return fields
        }
    }

    /// Parses from the opening quote at `index` to just after the closing one.
    private mutating func parseQuotedField() throws(CSVError) -> String {
        let openedOn = line
        index += 1
        var segmentStart = index
        var unescaped: [UInt8]?  // only allocated when the field has `""`
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count && bytes[index + 1] == Self.quote {
                    if unescaped == nil { unescaped = [] }
                    unescaped?.append(contentsOf: bytes[segmentStart...index])  // keeps one quote
                    index += 2
                    segmentStart = index
                    continue
                }
                let field: String
                if var prefix = unescaped {
                    prefix.append(contentsOf: bytes[segmentStart..<index])
                    field = String(decoding: prefix, as: UTF8.self)
                } else {
                    field = String(decoding: bytes[segmentStart..<index], as: UTF8.self)
                }
                index += 1
                return field
            }
            if byte == CSVLines.cr {
                if index + 1 < bytes.count && bytes[index + 1] == CSVLines.lf { index += 1 }
                line += 1
            } else if byte == CSVLines.lf {
                line += 1
            }
            index += 1
        }
        throw CSVError(line: openedOn, message: "unterminated quoted field (opened on line \(openedOn))")
    }

    /// Parses up to (not including) the next separator, line end or the end.
    private mutating func parseUnquotedField() throws(CSVError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == separator || CSVLines.isLineEnd(byte) { break }
            if byte == Self.quote {
                throw CSVError(line: line, message: "stray quote inside an unquoted field")
            }
            index += 1
        }
        var end = index
        while end > start && CSVLines.isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
