import Foundation
public import Placement
public import PlacementModel

/// new-site-value.csv (SPEC §8): candidate bases, best first.
public struct NewSiteReport: Sendable {
    public let ranked: [SiteValuation.Value]
    let network: [RegionID: NetworkID]
    let base: PlanTotals

    public init(values: [SiteValuation.Value], landscape: Landscape, base: PlanTotals) {
        // by the gain as written (rounding noise does not reorder equal gains), then by id
        ranked = values.sorted {
            ($0.change.map { PlanReport.rounded($0.objectiveDelta) } ?? .infinity, $0.candidate.id)
                < ($1.change.map { PlanReport.rounded($0.objectiveDelta) } ?? .infinity, $1.candidate.id)
        }
        network = landscape.networkOfRegion
        self.base = base
    }

    public static let columns = ["candidate", "lat", "lon", "region", "network", "gain", "placedDelta", "waitDaysDelta", "kmDelta"]

    /// `gain` is the change of the optimal objective (≤ 0; lower is better).
    public var csv: String {
        var lines = [Self.columns.joined(separator: ",")]
        for v in ranked {
            let c = v.candidate
            let fields = [
                c.id, PlanReport.fixed(c.location.lat, 6), PlanReport.fixed(c.location.lon, 6), c.region.rawValue, network[c.region]?.rawValue ?? "",
                v.change.map { PlanReport.fixed($0.objectiveDelta, 6) } ?? "", v.change.map { String($0.placedDelta) } ?? "",
                v.change.map { String($0.waitDaysDelta) } ?? "", v.change.map { PlanReport.fixed($0.kmDelta, 3) } ?? "",
            ]
            lines.append(fields.map { PlanReport.csvField($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The candidates as GeoJSON points (`--geojson`), best first, each with
    /// its rank and what opening there changes; the same numbers as the CSV.
    public var geojson: String {
        GeoJSONText.collection(ranked.enumerated().map { rank, v in
            let c = v.candidate
            var props: [(String, String)] = [
                ("candidate", GeoJSONText.string(c.id)), ("rank", String(rank + 1)), ("region", GeoJSONText.string(c.region.rawValue)),
                ("network", GeoJSONText.string(network[c.region]?.rawValue ?? "")),
            ]
            props += [
                ("gain", v.change.map { GeoJSONText.number($0.objectiveDelta) } ?? "null"),
                ("placedDelta", v.change.map { String($0.placedDelta) } ?? "null"),
                ("waitDaysDelta", v.change.map { String($0.waitDaysDelta) } ?? "null"),
                ("kmDelta", v.change.map { GeoJSONText.number($0.kmDelta, 3) } ?? "null"),
            ]
            return GeoJSONText.point(lat: c.location.lat, lon: c.location.lon, properties: props)
        })
    }

    public func text(top n: Int) -> String {
        var out = "where to open it (\(ranked.count) candidate bases; plan objective \(PlanReport.fixed(base.objective, 2)), \(base.placed) placed)\n"
        for (rank, v) in ranked.prefix(n).enumerated() {
            guard let change = v.change else { continue }
            out += String(format: "%3d  ", rank + 1) + "\(v.candidate.id) (\(v.candidate.region))  \(PlanReport.fixed(change.objectiveDelta, 2)): "
            out += "\(change.placedDelta >= 0 ? "+" : "")\(change.placedDelta) placed, \(change.waitDaysDelta >= 0 ? "+" : "")\(change.waitDaysDelta) wait days, "
            out += "\(change.kmDelta >= 0 ? "+" : "")\(PlanReport.fixed(change.kmDelta, 1)) km; \(change.arriving.count) children would go there\n"
        }
        return out
    }
}

/// `--candidates FILE`: id, lat, lon, region (CSV), every problem listed.
public enum CandidatesReader {
    public static func read(_ path: String, regions: Set<RegionID>) throws(InputError) -> [SiteValuation.Candidate] {
        let table: CSVTable
        switch InputReader.readTable(path) {
        case .success(let read): table = read
        case .failure(let problem): throw InputError([problem])
        }
        let index = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = ["id", "lat", "lon", "region"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw InputError([InputProblem(file: path, line: 1, field: nil, message: "lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); expected id, lat, lon, region")])
        }
        var problems: [InputProblem] = [], out: [SiteValuation.Candidate] = [], seen: Set<String> = []
        for row in table.rows {
            func field(_ name: String) -> String { index[name].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            func problem(_ name: String, _ message: String) { problems.append(InputProblem(file: path, line: row.line, field: name, message: message)) }
            let id = field("id")
            if id.isEmpty || !seen.insert(id).inserted { problem("id", "found \(shown(id)); expected a unique, non-empty id") }
            let lat = decimal(field("lat").replacingOccurrences(of: ",", with: ".")), lon = decimal(field("lon").replacingOccurrences(of: ",", with: "."))
            if lat.map({ abs($0) <= 90 }) != true { problem("lat", "found \(shown(field("lat"))); expected a latitude between -90 and 90") }
            if lon.map({ abs($0) <= 180 }) != true { problem("lon", "found \(shown(field("lon"))); expected a longitude between -180 and 180") }
            let region = RegionID(field("region"))
            if !regions.contains(region) { problem("region", "found \(shown(region.rawValue)); expected a region of the landscape") }
            if let lat, let lon { out.append(SiteValuation.Candidate(id: id, location: GeoPoint(lat: lat, lon: lon), region: region)) }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return out
    }
}
