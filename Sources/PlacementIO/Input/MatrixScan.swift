#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over a plain CSV file (ASCII, no quotes) that hands out fields
/// as byte ranges: ``CSVTable``'s rules for such a file, without a string
/// per field.
struct MatrixScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// The physical line (from 1) of `index`.
    var line = 1
    var separator = UInt8(ascii: ",")

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        index = bom ? 3 : 0
    }

    /// ASCII after an optional byte order mark (so valid UTF-8) and no
    /// quote anywhere: the fields are the bytes between separators.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let body = UnsafeBufferPointer(rebasing: bytes[(bom ? 3 : 0)...])
        guard let base = body.baseAddress else { return true }
        if memchr(base, Int32(UInt8(ascii: "\"")), body.count) != nil { return false }
        var high: UInt8 = 0
        for byte in body { high |= byte }
        return high < 0x80
    }

    /// The number of LF and CR bytes: at least the number of records after
    /// the header, for reserving.
    static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        var count = 1
        for end in [CSVLines.lf, CSVLines.cr] {
            var at = base
            let stop = base + bytes.count
            while at < stop, let found = memchr(at, Int32(end), stop - at) {
                count += 1
                at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        return count
    }

    /// Consumes one line end (LF, CRLF or CR) at `index`, if there is one.
    mutating func consumeLineEnd() { CSVLines.consumeLineEnd(bytes, &index, &line) }

    /// Skips lines holding nothing but spaces and tabs; false at the end.
    mutating func skipBlankLines() -> Bool { CSVLines.skipBlankLines(bytes, &index, &line) }

    /// The header record: its separator (the more frequent of `,` and `;`,
    /// ties `,`) and its fields, trimmed.
    mutating func header() -> (fields: [String], separator: UInt8) {
        var commas = 0, semicolons = 0
        var end = index
        while end < bytes.count && !CSVLines.isLineEnd(bytes[end]) {
            if bytes[end] == UInt8(ascii: ",") { commas += 1 }
            if bytes[end] == UInt8(ascii: ";") { semicolons += 1 }
            end += 1
        }
        separator = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var ranges = [Range<Int>](repeating: 0..<0, count: max(commas, semicolons) + 1)
        let count = record(into: &ranges)
        let fields = ranges.prefix(count).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        return (fields, separator)
    }

    /// The record at `index` (not on a blank line) and its line end: the
    /// number of fields, the first `fields.count` of them (trimmed) in `fields`.
    mutating func record(into fields: inout [Range<Int>]) -> Int {
        var count = 0
        var start = index
        while true {
            var i = index
            while i < bytes.count {
                let byte = bytes[i]
                if byte == separator || byte == CSVLines.lf || byte == CSVLines.cr { break }
                i += 1
            }
            if count < fields.count { fields[count] = trimmed(start..<i) }
            count += 1
            index = i
            if i < bytes.count && bytes[i] == separator {
                index += 1
                start = index
                continue
            }
            consumeLineEnd()
            return count
        }
    }

    @inline(__always) private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var low = range.lowerBound, high = range.upperBound
        while low < high && CSVLines.isBlank(bytes[low]) { low += 1 }
        while high > low && CSVLines.isBlank(bytes[high - 1]) { high -= 1 }
        return low..<high
    }

    @inline(__always) static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        guard let base = bytes.baseAddress, !a.isEmpty else { return true }
        return memcmp(base + a.lowerBound, base + b.lowerBound, a.count) == 0
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    /// Digits with at most one point (or, with `comma`, a decimal comma)
    /// between digits: the number, correctly rounded (an integer below 2^53
    /// divided by an exact power of ten, as Clinger's fast path); nil for
    /// anything else, which the caller reads as text.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, comma: Bool) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0, point = -1
        for i in range {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if point >= 0 { fraction += 1 }
            } else if point < 0 && (byte == UInt8(ascii: ".") || (comma && byte == UInt8(ascii: ","))) {
                point = i
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 15, point != range.lowerBound, point != range.upperBound - 1 else { return nil }
        return Double(mantissa) / powersOfTen[fraction]
    }
}

/// Byte strings → their index in a list (the first of a repeated one):
/// open addressing on an FNV-1a hash, so a matrix's ids are matched in
/// place.
struct ByteKeys {
    private var pool: [UInt8] = []
    private var keys: [Range<Int>] = []
    private var slots: [Int32]
    private let mask: Int

    init(_ strings: [String]) {
        var capacity = 16
        while capacity < strings.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (k, s) in strings.enumerated() {
            let start = pool.count
            pool.append(contentsOf: s.utf8)
            keys.append(start..<pool.count)
            let found = pool.withUnsafeBufferPointer { find($0, start..<pool.count) }
            if case .empty(let slot) = found { slots[slot] = Int32(k) }
        }
    }

    private enum Found { case key(Int32), empty(Int) }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Found {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range { hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3 }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        return pool.withUnsafeBufferPointer { pool in
            while true {
                let k = slots[slot]
                if k < 0 { return .empty(slot) }
                let key = keys[Int(k)]
                if key.count == range.count && Self.same(pool, key, bytes, range) { return .key(k) }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always) private static func same(
        _ a: UnsafeBufferPointer<UInt8>, _ ra: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ rb: Range<Int>
    ) -> Bool {
        guard !ra.isEmpty else { return true }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return false }
        return memcmp(pa + ra.lowerBound, pb + rb.lowerBound, ra.count) == 0
    }

    /// Whether string `k`'s bytes are `bytes[range]` (a guess checked
    /// before hashing: a case's rows often name the places in order).
    func matches(_ k: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard k >= 0 && Int(k) < keys.count else { return false }
        let key = keys[Int(k)]
        return key.count == range.count && pool.withUnsafeBufferPointer { Self.same($0, key, bytes, range) }
    }

    /// The index of the string whose bytes are `bytes[range]`.
    func index(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        if case .key(let k) = find(bytes, range) { return k }
        return nil
    }
}
