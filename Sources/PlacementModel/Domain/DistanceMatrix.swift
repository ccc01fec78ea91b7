/// Travel distances given in a matrix file: (case id, facility or team id) → km.
///
/// Stored as one row per case (compressed rows: a national matrix has
/// millions of entries), each row's entries sorted by place, so that a
/// formulation looks a case's row up once and each place by binary search.
public struct DistanceMatrix: Sendable {
    /// The facility and team ids, by place index.
    public private(set) var places: [String] = []
    /// The case ids, by row.
    public private(set) var cases: [String] = []
    private var placeIndex: [String: Int32] = [:]
    private var caseRow: [String: Int32] = [:]
    /// Row k is entries `rowStart[k]..<rowStart[k + 1]`.
    private var rowStart: [Int] = [0]
    private var entryPlace: [Int32] = []
    private var entryKm: [Double] = []

    public init() {}

    /// From (case id → place id → km), for tests and small tools.
    public init(_ km: [String: [String: Double]]) {
        let places = Set(km.values.flatMap(\.keys)).sorted()
        let index = Dictionary(uniqueKeysWithValues: places.enumerated().map { ($1, Int32($0)) })
        let cases = km.keys.sorted()
        var rowStart = [0], entryPlace: [Int32] = [], entryKm: [Double] = []
        for c in cases {
            for (place, value) in (km[c] ?? [:]).sorted(by: { $0.key < $1.key }) {
                entryPlace.append(index[place] ?? 0)
                entryKm.append(value)
            }
            rowStart.append(entryKm.count)
        }
        self.init(places: places, cases: cases, rowStart: rowStart, entryPlace: entryPlace, entryKm: entryKm)
    }

    /// From compressed rows: row k (case `cases[k]`) is entries
    /// `rowStart[k]..<rowStart[k + 1]`, strictly increasing in place index.
    /// A repeated id keeps its first index.
    package init(places: [String], cases: [String], rowStart: [Int], entryPlace: [Int32], entryKm: [Double]) {
        self.places = places
        self.cases = cases
        for (k, id) in places.enumerated() where placeIndex[id] == nil { placeIndex[id] = Int32(k) }
        for (k, id) in cases.enumerated() where caseRow[id] == nil { caseRow[id] = Int32(k) }
        self.rowStart = rowStart
        self.entryPlace = entryPlace
        self.entryKm = entryKm
    }

    /// The number of (case, place) entries.
    public var count: Int { entryKm.count }

    public func distance(from caseID: CaseID, to place: String) -> Double? {
        guard let row = row(of: caseID), let p = placeIndex[place] else { return nil }
        return row.km(toPlace: p)
    }

    /// The index of a facility or team id, for ``Row/km(toPlace:)``.
    public func index(ofPlace id: String) -> Int32? { placeIndex[id] }

    /// The entries of a case; nil when the matrix has none.
    public func row(of caseID: CaseID) -> Row? {
        guard let k = caseRow[caseID.rawValue] else { return nil }
        let range = rowStart[Int(k)]..<rowStart[Int(k) + 1]
        return range.isEmpty ? nil : Row(places: entryPlace[range], km: entryKm[range])
    }

    /// One case's entries, sorted by place index.
    public struct Row: Sendable {
        let places: ArraySlice<Int32>
        let km: ArraySlice<Double>

        /// The km to the place with this index, when the row has it.
        public func km(toPlace place: Int32) -> Double? {
            var low = places.startIndex, high = places.endIndex
            while low < high {
                let mid = (low + high) / 2
                if places[mid] < place { low = mid + 1 } else { high = mid }
            }
            return low < places.endIndex && places[low] == place ? km[low] : nil
        }
    }
}

extension DistanceMatrix: Hashable {
    /// Equal when they give the same km for the same (case, place) pairs,
    /// whatever the order of their ids.
    public static func == (a: DistanceMatrix, b: DistanceMatrix) -> Bool {
        guard a.count == b.count else { return false }
        if a.places == b.places && a.cases == b.cases && a.rowStart == b.rowStart
            && a.entryPlace == b.entryPlace && a.entryKm == b.entryKm { return true }
        for (k, id) in a.cases.enumerated() where a.caseRow[id] == Int32(k) {
            for e in a.rowStart[k]..<a.rowStart[k + 1] {
                guard b.distance(from: CaseID(id), to: a.places[Int(a.entryPlace[e])]) == a.entryKm[e] else { return false }
            }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(count) }
}
