import PlacementModel
import Yams

/// Reads the cases file (SPEC §2): CSV with `,` or `;` (detected), or a
/// YAML/JSON list of objects with the same keys. Checks every value and
/// every reference into the landscape; reports all problems together.
struct CaseReader {
    package static let columns: [String] = [
        "id", "lat", "lon", "region", "age", "sex", "needs", "urgency", "readyDate", "requiresSecure",
        "homeBasedPossible", "maxDistanceKm", "siblingGroup", "conflictsWith", "pinnedService", "forbiddenServices",
    ]
    static let required: Set<String> = ["id", "lat", "lon", "region", "age", "needs"]

    /// What an absent optional column means for the plan, in words.
    package static let absenceMeaning: [String: String] = [
        "sex": "every child's sex is unknown",
        "urgency": "every child counts as normal",
        "readyDate": "every child can start on the planning date",
        "requiresSecure": "no child has a court order for secure care",
        "homeBasedPossible": "every child may be helped at home",
        "maxDistanceKm": "no family has set a distance limit",
        "siblingGroup": "no siblings are placed together",
        "conflictsWith": "no two children are kept apart",
        "pinnedService": "no decision is already taken (no pins)",
        "forbiddenServices": "no service is excluded for a child",
    ]

    let file: String
    /// Nil when the landscape could not be read: the cases are still
    /// checked, all but their references into it.
    let landscape: Landscape?
    var log = ProblemLog()
    var warnings = ProblemLog()
    /// The optional columns the file does not have (CSV only).
    var absentColumns: [String] = []

    init(file: String, landscape: Landscape?) {
        self.file = file
        self.landscape = landscape
    }

    /// Each known column's place in ``columns``.
    static let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })

    /// One case as text fields, with the line it starts on.
    struct Record {
        var line: Int
        /// By column, in the order of ``columns``; nil when absent.
        var values: [String?] = Array(repeating: nil, count: CaseReader.columns.count)
        /// True when lists were given as YAML lists (then items are already split).
        var lists: [String: [String]] = [:]
    }

    mutating func readCSV(_ bytes: [UInt8]) -> [Case] {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: bytes)
        } catch {
            log.add(file, error.line, nil, error.message)
            return []
        }
        let index = readHeader(table.header)
        if !log.problems.isEmpty { return [] }
        let decimalComma = table.separator == .semicolon
        // (column, field, decimal comma to read as a point) per known column
        let places = index.compactMap { name, k in
            Self.columnIndex[name].map { ($0, k, decimalComma && ["lat", "lon", "maxDistanceKm"].contains(name)) }
        }
        var records: [Record] = []
        records.reserveCapacity(table.rows.count)
        for row in table.rows {
            if row.fields.count > table.header.count, row.fields[table.header.count...].contains(where: { !$0.isEmpty }) {
                log.add(file, row.line, nil, "found \(row.fields.count) fields; expected at most \(table.header.count), as in the header")
                continue
            }
            var record = Record(line: row.line)
            for (column, k, comma) in places where k < row.fields.count {
                record.values[column] = comma ? row.fields[k].replacingCommaWithPoint() : row.fields[k]
            }
            records.append(record)
        }
        return parse(records)
    }

    /// Each known column's position. A header that is a known column but
    /// for case or two edits (`RequiresSecure`, `urgncy`) is an error: a
    /// typo must not drop a rule. Other columns are ignored with a warning.
    mutating func readHeader(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        let present = Set(header)
        for (k, name) in header.enumerated() {
            if Self.columns.contains(name) {
                if index[name] != nil {
                    log.add(file, 1, name, "column appears twice in the header; expected each column once")
                }
                index[name] = k
            } else if let meant = HeaderMatch.closest(to: name, among: Self.columns.filter { !present.contains($0) }) {
                log.add(file, 1, Self.field(name), "unknown column; did you mean \(shown(meant))? (a misspelt column would be ignored and its rule lost)")
            } else {
                warnings.add(file, 1, Self.field(name), "unknown column ignored (expected columns: \(Self.columns.joined(separator: ", ")))")
            }
        }
        for name in Self.columns where Self.required.contains(name) && index[name] == nil && !log.problems.contains(where: { $0.line == 1 }) {
            log.add(file, 1, name, "required column is missing from the header")
        }
        absentColumns = Self.columns.filter { index[$0] == nil && !Self.required.contains($0) }
        return index
    }

    /// A header as a problem's field: as written when it is plain, quoted
    /// and escaped otherwise.
    static func field(_ name: String) -> String {
        name.count <= 40 && name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
            ? name : shown(name)
    }

    mutating func readYAML(_ text: String) -> [Case] {
        var doc = YAMLDocument(file: file)
        defer { log.problems += doc.log.problems }
        guard let root = doc.parse(text), let items = doc.sequence(root, "") else { return [] }
        var records: [Record] = []
        for (k, item) in items.enumerated() {
            let path = "[\(k)]"
            guard let m = doc.mapping(item, path, allowed: Set(Self.columns), required: Self.required) else { continue }
            var record = Record(line: item.mark?.line ?? 0)
            for (key, node) in m {
                if let seq = node.sequence {
                    record.lists[key] = seq.compactMap { doc.scalar($0, "\(path).\(key)", expected: "text") }
                } else if let text = doc.scalar(node, "\(path).\(key)", expected: "a value") {
                    if let column = Self.columnIndex[key] { record.values[column] = text }
                }
            }
            records.append(record)
        }
        return parse(records)
    }

    private mutating func parse(_ records: [Record]) -> [Case] {
        var cases: [Case] = []
        var lines: [CaseID: Int] = [:]
        let regions = landscape.map { RegionLookup($0.regions) }
        let careTypes = landscape.map { Set($0.careTypes.map(\.id)) }
        let services = landscape.map { Set($0.services.map(\.id)) }
        for r in records {
            if let c = parse(r, regions: regions, careTypes: careTypes, services: services) {
                if let first = lines[c.id] {
                    log.add(file, r.line, "id", "case id \(shown(c.id.rawValue)) is already used on line \(first); ids must be unique")
                    continue
                }
                lines[c.id] = r.line
                cases.append(c)
            }
        }
        // references between cases
        for c in cases {
            for other in c.conflictsWith where lines[other] == nil {
                log.add(file, lines[c.id], "conflictsWith", "found \(shown(other.rawValue)); expected the id of a case in this file")
            }
            if c.conflictsWith.contains(c.id) {
                log.add(file, lines[c.id], "conflictsWith", "a case cannot conflict with itself")
            }
        }
        return cases
    }

    private mutating func parse(_ r: Record, regions: RegionLookup?, careTypes: Set<CareTypeID>?, services: Set<ServiceID>?) -> Case? {
        var row = Row(record: r)
        let base = row.identity(regions: regions, careTypes: careTypes)
        let sex = row.value("sex", "m, f, x or empty") { Sex(rawValue: $0.lowercased()) }
        let urgency = row.value("urgency", "crisis, high or normal") { Urgency(rawValue: $0.lowercased()) } ?? .normal
        let readyDate = row.value("readyDate", Day.spreadsheetFormats) { Day(spreadsheet: $0) }
        let requiresSecure = row.flag("requiresSecure") ?? false
        let homeBasedPossible = row.flag("homeBasedPossible") ?? true
        let maxDistanceKm = row.number("maxDistanceKm", "a distance in km >= 0") { $0 >= 0 }
        let anyService = "a service or team id of the landscape"
        let pinned = row.value("pinnedService", anyService) { services?.contains(ServiceID($0)) != false ? ServiceID($0) : nil }
        var forbidden = Set<ServiceID>()
        for t in row.list("forbiddenServices") {
            if services?.contains(ServiceID(t)) != false { forbidden.insert(ServiceID(t)) } else { row.problem("forbiddenServices", "found \(shown(t)); expected \(anyService)") }
        }
        for (key, message) in row.problems { log.add(file, r.line, key, message) }
        // every field is checked before giving up on the row
        guard var c = base, row.problems.isEmpty else { return nil }
        c.sex = sex
        c.urgency = urgency
        c.readyDate = readyDate
        c.requiresSecure = requiresSecure
        c.homeBasedPossible = homeBasedPossible
        c.maxDistanceKm = maxDistanceKm
        c.siblingGroup = row.text("siblingGroup")
        c.conflictsWith = row.list("conflictsWith").map { CaseID($0) }
        c.pinnedService = pinned
        c.forbiddenServices = forbidden
        return c
    }

    /// One record's fields read one by one, with the problems found in order.
    private struct Row {
        let record: Record
        var problems: [(key: String, message: String)] = []

        func text(_ key: String) -> String? {
            let v = CaseReader.columnIndex[key].flatMap { record.values[$0] }?.trimmed
            return v?.isEmpty == false ? v : nil
        }

        func list(_ key: String) -> [String] {
            if let items = record.lists[key] { return items.map(\.trimmed).filter { !$0.isEmpty } }
            return (text(key) ?? "").split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty }
        }

        mutating func problem(_ key: String, _ message: String) { problems.append((key, message)) }

        mutating func number(_ key: String, _ expected: String, _ valid: (Double) -> Bool) -> Double? {
            guard let t = text(key) else { return nil }
            guard let v = decimal(t), v.isFinite, valid(v) else { problem(key, "found \(shown(t)); expected \(expected)"); return nil }
            return v
        }

        /// An optional field's value, nil (with a problem) when `parse` does not take it.
        mutating func value<T>(_ key: String, _ expected: String, _ parse: (String) -> T?) -> T? {
            guard let t = text(key) else { return nil }
            guard let v = parse(t) else { problem(key, "found \(shown(t)); expected \(expected)"); return nil }
            return v
        }

        mutating func flag(_ key: String) -> Bool? {
            value(key, Spreadsheet.flagWords) { Spreadsheet.flag($0) }
        }

        /// The fields every case needs: id, home, region, age and needs.
        mutating func identity(regions: RegionLookup?, careTypes: Set<CareTypeID>?) -> Case? {
            let id = text("id")
            if id == nil { problem("id", "is empty; expected a pseudonymous case id") }
            let lat = number("lat", "a latitude between -90 and 90") { abs($0) <= 90 }
            let lon = number("lon", "a longitude between -180 and 180") { abs($0) <= 180 }
            if text("lat") == nil { problem("lat", "is empty; expected a latitude") }
            if text("lon") == nil { problem("lon", "is empty; expected a longitude") }
            var region = text("region").map { RegionID($0) }
            if let given = text("region"), let regions {
                region = regions.find(given)
                if region == nil { problem("region", "found \(shown(given)); expected a region of the landscape (its id or name)") }
            } else if region == nil {
                problem("region", "is empty; expected a region id")
            }
            let age = value("age", "a whole number of years") { t in Int(t).flatMap { $0 >= 0 && $0 < 150 ? $0 : nil } }
            if text("age") == nil { problem("age", "is empty; expected a whole number of years") }
            let needs = list("needs").map { CareTypeID($0) }
            if needs.isEmpty { problem("needs", "is empty; expected care types separated by |") }
            for n in needs where careTypes?.contains(n) == false {
                problem("needs", "found \(shown(n.rawValue)); expected a care type of the landscape")
            }
            guard let id, let lat, let lon, let region, let age else { return nil }
            return Case(id: CaseID(id), home: GeoPoint(lat: lat, lon: lon), region: region, age: age, needs: needs)
        }
    }
}

extension String {
    var trimmed: String {
        // the usual field has nothing to trim: checked on its bytes
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        if let first = utf8.first, let last = utf8.last, !blank(first), !blank(last) { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// `53,219` → `53.219` (a decimal comma from a Dutch spreadsheet).
    func replacingCommaWithPoint() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}

/// A region by its id, or by its id or name in any case (Dutch exports
/// often give "Groningen" for `groningen`); a folded spelling shared by two
/// regions finds neither.
struct RegionLookup {
    var ids: Set<RegionID> = []
    var folded: [String: RegionID?] = [:]

    init(_ regions: [Region]) {
        for region in regions { ids.insert(region.id) }
        for region in regions {
            for key in Set([region.id.rawValue.lowercased(), region.name.lowercased()]) {
                if let existing = folded[key], existing != region.id { folded[key] = .some(nil) } else { folded[key] = region.id }
            }
        }
    }

    func find(_ text: String) -> RegionID? {
        if ids.contains(RegionID(text)) { return RegionID(text) }
        return folded[text.lowercased()] ?? nil
    }
}

/// A header close to a known column: the same but for case, or within two
/// edits (insert, delete, substitute, swap two neighbours).
enum HeaderMatch {
    static func closest(to header: String, among columns: [String]) -> String? {
        let lower = header.lowercased()
        if let same = columns.first(where: { $0.lowercased() == lower }) { return same }
        guard lower.count >= 3 else { return nil }
        // short names are one letter from many words (tel, ref): one edit there
        let most = lower.count <= 4 ? 1 : 2
        let scored = columns.map { ($0, distance(Array(lower), Array($0.lowercased()))) }.filter { $0.1 <= most }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
