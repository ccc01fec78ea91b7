#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlacementModel

/// The distance matrix CSV "from,to,km" (SPEC §1): from = case id, to =
/// facility or team id. Unknown ids are ignored with a warning; two different
/// km for one pair is an error.
///
/// A national matrix has millions of rows, so a plain file (ASCII, no
/// quotes: what spreadsheets and scripts write) is read straight from its
/// bytes, ids matched without making strings; any other file goes through
/// ``CSVTable``. Both give the same matrix and the same problems, in line order.
struct MatrixReader {
    let file: String
    let caseIDs: [String]
    /// Facility ids, then team ids.
    let placeIDs: [String]
    var log = ProblemLog()
    var warnings = ProblemLog()
    /// Problems as found, sorted by line at the end (duplicates are found
    /// after reading; each line has at most one problem).
    private var problems: [(line: Int, field: String?, message: String)] = []
    private var unknown = 0
    private var entries = Entries()

    /// The rows kept, in file order.
    struct Entries {
        var row: [Int32] = []
        var place: [Int32] = []
        var km: [Double] = []
        var line: [Int32] = []

        mutating func reserve(_ n: Int) {
            row.reserveCapacity(n)
            place.reserveCapacity(n)
            km.reserveCapacity(n)
            line.reserveCapacity(n)
        }

        mutating func append(row r: Int32, place p: Int32, km d: Double, line l: Int) {
            row.append(r)
            place.append(p)
            km.append(d)
            line.append(Int32(truncatingIfNeeded: l))
        }
    }

    init(file: String, landscape: Landscape, cases: [Case]) {
        self.file = file
        caseIDs = cases.map(\.id.rawValue)
        placeIDs = landscape.facilities.map(\.id.rawValue) + landscape.services.filter(\.isTeam).map(\.id.rawValue)
    }

    init(file: String, caseIDs: [String], placeIDs: [String]) {
        self.file = file
        self.caseIDs = caseIDs
        self.placeIDs = placeIDs
    }

    mutating func read(_ bytes: [UInt8]) -> DistanceMatrix {
        let scanned = bytes.withUnsafeBufferPointer { buffer in
            MatrixScan.isPlain(buffer) ? scanPlain(buffer) : nil
        }
        if scanned == nil { readTable(bytes) }
        let matrix = finish()
        for p in problems.sorted(by: { $0.line < $1.line }) { log.add(file, p.line, p.field, p.message) }
        if unknown > 5 {
            warnings.add(file, nil, nil, "\(unknown - 5) more rows with unknown ids ignored")
        }
        return matrix
    }

    // MARK: - Rows

    /// One row's from, to and km, checked: kept, or its problem noted.
    private mutating func take(
        line: Int, km: Double?, kmText: () -> String, from: () -> String, to: () -> String, row: Int32?, place: Int32?
    ) {
        guard let km, km.isFinite, km >= 0 else {
            problems.append((line, "km", "found \(shown(kmText())); expected a distance in km >= 0"))
            return
        }
        guard let row, let place else {
            unknown += 1
            if unknown <= 5 {
                warnings.add(file, line, nil, "row for \(shown(from())) → \(shown(to())) ignored: not a case id and a facility or team id")
            }
            return
        }
        entries.append(row: row, place: place, km: km, line: line)
    }

    private mutating func missingColumns(_ header: [String], _ separator: Character) {
        problems.append((1, nil, "found header \(shown(header.joined(separator: String(separator)))); expected the columns from, to, km"))
    }

    private mutating func tooFewFields(_ line: Int, _ count: Int) {
        problems.append((line, nil, "found \(count) fields; expected from, to, km"))
    }

    /// Any file: parsed as CSV first.
    private mutating func readTable(_ bytes: [UInt8]) {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: bytes)
        } catch {
            problems.append((error.line, nil, error.message))
            return
        }
        guard let from = table.column("from"), let to = table.column("to"), let kmColumn = table.column("km") else {
            missingColumns(table.header, table.separator.rawValue)
            return
        }
        let rows = Dictionary(caseIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        let places = Dictionary(placeIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        for row in table.rows {
            guard row.fields.count > max(from, to, kmColumn) else {
                tooFewFields(row.line, row.fields.count)
                continue
            }
            let a = row.fields[from], b = row.fields[to]
            var text = row.fields[kmColumn]
            if table.separator == .semicolon { text = text.replacingCommaWithPoint() }
            take(line: row.line, km: decimal(text), kmText: { text }, from: { a }, to: { b }, row: rows[a], place: places[b])
        }
    }

    /// A plain file (``MatrixScan/isPlain(_:)``): the same rules as
    /// ``CSVTable`` (blank lines skipped but counted, fields trimmed of
    /// spaces and tabs, LF, CRLF or CR line ends), read in place.
    private mutating func scanPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scan = MatrixScan(bytes)
        guard scan.skipBlankLines() else {
            problems.append((1, nil, "empty file: expected a header row"))
            return true
        }
        let header = scan.header()
        guard let from = header.fields.firstIndex(of: "from"), let to = header.fields.firstIndex(of: "to"),
            let kmColumn = header.fields.firstIndex(of: "km")
        else {
            missingColumns(header.fields, Character(UnicodeScalar(scan.separator)))
            return true
        }
        let rows = ByteKeys(caseIDs), places = ByteKeys(placeIDs)
        entries.reserve(MatrixScan.lineEnds(bytes))
        let needed = max(from, to, kmColumn) + 1
        let comma = scan.separator == UInt8(ascii: ";")
        var fields = [Range<Int>](repeating: 0..<0, count: needed)
        var last: (range: Range<Int>, row: Int32?) = (0..<0, nil)
        var lastPlace: Int32 = -1
        while scan.skipBlankLines() {
            let line = scan.line
            let count = scan.record(into: &fields)
            guard count >= needed else {
                tooFewFields(line, count)
                continue
            }
            let a = fields[from], b = fields[to], k = fields[kmColumn]
            if !MatrixScan.equal(bytes, a, last.range) { last = (a, rows.index(of: bytes, a)) }
            let km = MatrixScan.decimal(bytes, k, comma: comma) ?? decimal(Self.text(bytes, k, comma: comma))
            let place = places.matches(lastPlace + 1, bytes, b) ? lastPlace + 1 : places.index(of: bytes, b)
            lastPlace = place ?? -1
            take(
                line: line, km: km, kmText: { Self.text(bytes, k, comma: comma) },
                from: { Self.text(bytes, a, comma: false) }, to: { Self.text(bytes, b, comma: false) },
                row: last.row, place: place)
        }
        return true
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, comma: Bool) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        return comma ? text.replacingCommaWithPoint() : text
    }

    // MARK: - The matrix

    /// The kept rows as compressed rows by case, each sorted by place; a
    /// pair given twice keeps its first km, and a different second km is an
    /// error naming both lines.
    private mutating func finish() -> DistanceMatrix {
        let n = entries.km.count
        var rowStart = [Int](repeating: 0, count: caseIDs.count + 1)
        var grouped = true
        for e in 0..<n {
            rowStart[Int(entries.row[e]) + 1] += 1
            if e > 0 && entries.row[e] < entries.row[e - 1] { grouped = false }
        }
        for k in 0..<caseIDs.count { rowStart[k + 1] += rowStart[k] }
        if grouped && Self.increasing(entries) {
            // the usual file: by case, each case's places in landscape order
            defer { entries = Entries() }
            return DistanceMatrix(places: placeIDs, cases: caseIDs, rowStart: rowStart, entryPlace: entries.place, entryKm: entries.km)
        }
        if !grouped { entries = Self.grouped(entries, rowStart: rowStart) }
        var place: [Int32] = [], km: [Double] = []
        place.reserveCapacity(n)
        km.reserveCapacity(n)
        var start = [0]
        start.reserveCapacity(caseIDs.count + 1)
        for k in 0..<caseIDs.count {
            appendRow(k, rowStart[k]..<rowStart[k + 1], place: &place, km: &km)
            start.append(km.count)
        }
        entries = Entries()
        return DistanceMatrix(places: placeIDs, cases: caseIDs, rowStart: start, entryPlace: place, entryKm: km)
    }

    /// Within each row (the entries grouped by row), strictly increasing places.
    private static func increasing(_ entries: Entries) -> Bool {
        for e in entries.km.indices.dropFirst() where entries.row[e] == entries.row[e - 1] && entries.place[e] <= entries.place[e - 1] {
            return false
        }
        return true
    }

    /// The entries ordered by row, file order kept within a row.
    private static func grouped(_ entries: Entries, rowStart: [Int]) -> Entries {
        var next = rowStart
        let n = entries.km.count
        var out = Entries(
            row: [Int32](repeating: 0, count: n), place: [Int32](repeating: 0, count: n),
            km: [Double](repeating: 0, count: n), line: [Int32](repeating: 0, count: n))
        for e in 0..<n {
            let r = Int(entries.row[e]), to = next[r]
            next[r] += 1
            out.row[to] = entries.row[e]
            out.place[to] = entries.place[e]
            out.km[to] = entries.km[e]
            out.line[to] = entries.line[e]
        }
        return out
    }

    /// Row `k` (entries `range`, in file order) sorted by place, each pair once.
    private mutating func appendRow(_ k: Int, _ range: Range<Int>, place: inout [Int32], km: inout [Double]) {
        var increasing = true
        for e in range.dropFirst() where entries.place[e] <= entries.place[e - 1] {
            increasing = false
            break
        }
        if increasing {
            place.append(contentsOf: entries.place[range])
            km.append(contentsOf: entries.km[range])
            return
        }
        // by place, then line: the first of a pair's rows is kept
        let order = range.sorted { (entries.place[$0], entries.line[$0]) < (entries.place[$1], entries.line[$1]) }
        var first = -1
        for e in order {
            if first >= 0 && entries.place[e] == entries.place[first] {
                if entries.km[e] != entries.km[first] {
                    let a = shown(caseIDs[k]), b = shown(placeIDs[Int(entries.place[e])])
                    problems.append((
                        Int(entries.line[e]), "km",
                        "found \(entries.km[e]) for \(a) → \(b); line \(entries.line[first]) gave \(entries.km[first]): expected one distance per pair"
                    ))
                }
                continue
            }
            first = e
            place.append(entries.place[e])
            km.append(entries.km[e])
        }
    }
}
