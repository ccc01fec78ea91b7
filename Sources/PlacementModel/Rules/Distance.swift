import Foundation

/// SPEC §3 Distance: the matrix entry for (case id, facility or team id) when
/// given, else the great-circle distance times the detour factor.
public struct DistanceRule: Sendable {
    /// Mean earth radius (IUGG), km.
    public static let earthRadiusKm = 6371.0088

    public let detourFactor: Double
    public let matrix: DistanceMatrix?

    public init(landscape: Landscape) {
        detourFactor = landscape.detourFactor
        matrix = landscape.matrix
    }

    public func km(from c: Case, to s: Service) -> Double {
        km(from: c, toPlace: s.facility?.rawValue ?? s.id.rawValue, at: s.location)
    }

    /// To the facility or team `place` (its id, read only when there is a
    /// matrix) at `location`.
    public func km(from c: Case, toPlace place: @autoclosure () -> String, at location: GeoPoint) -> Double {
        if let matrix, let given = matrix.distance(from: c.id, to: place()) { return given }
        return Self.haversineKm(c.home, location) * detourFactor
    }

    /// The index of a facility or team id in the matrix (nil without a
    /// matrix or an entry for it), for ``from(_:)``.
    public func placeIndex(_ place: String) -> Int32? { matrix?.index(ofPlace: place) }

    /// One case's distances, its matrix row looked up once: what a
    /// formulation asks for every service.
    public func from(_ c: Case) -> CaseDistances {
        CaseDistances(home: c.home, detourFactor: detourFactor, row: matrix?.row(of: c.id))
    }

    public struct CaseDistances: Sendable {
        let home: GeoPoint
        let detourFactor: Double
        let row: DistanceMatrix.Row?

        /// To the place with matrix index `place` (``placeIndex(_:)``) at
        /// `location`: as ``DistanceRule/km(from:toPlace:at:)``.
        @inline(__always)
        public func km(toPlace place: Int32?, at location: GeoPoint) -> Double {
            if let row, let place, let given = row.km(toPlace: place) { return given }
            return DistanceRule.haversineKm(home, location) * detourFactor
        }
    }

    public static func haversineKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
