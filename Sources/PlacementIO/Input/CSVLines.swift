/// Line ends and blank lines as ``CSVTable`` reads them, shared by its parser
/// and ``MatrixScan`` (which reads a plain matrix file in place): LF, CRLF or
/// CR end a line; a line of nothing but spaces and tabs is skipped but
/// counted, so line numbers stay those of the file.
enum CSVLines {
    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    @inline(__always) static func isLineEnd(_ byte: UInt8) -> Bool { byte == lf || byte == cr }

    /// Consumes one line end at `index`, if there is one.
    @inline(__always)
    static func consumeLineEnd<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: inout Int, _ line: inout Int)
    where Bytes.Index == Int {
        guard index < bytes.endIndex else { return }
        if bytes[index] == cr {
            index += 1
            if index < bytes.endIndex && bytes[index] == lf { index += 1 }
            line += 1
        } else if bytes[index] == lf {
            index += 1
            line += 1
        }
    }

    /// Skips blank lines from `index`; false at the end of the input.
    static func skipBlankLines<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: inout Int, _ line: inout Int) -> Bool
    where Bytes.Index == Int {
        while index < bytes.endIndex {
            var probe = index
            while probe < bytes.endIndex && isBlank(bytes[probe]) { probe += 1 }
            if probe == bytes.endIndex {
                index = probe
                return false
            }
            guard isLineEnd(bytes[probe]) else { return true }
            index = probe
            consumeLineEnd(bytes, &index, &line)
        }
        return false
    }
}
