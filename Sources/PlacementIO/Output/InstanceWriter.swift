import Placement
public import PlacementModel

/// Writes a landscape (SPEC §1) and cases (SPEC §2) as readable,
/// deterministic text that `InputReader` reads back to the same values:
/// stable order (as given), every field explicit, locale-free numbers
/// (coordinates with 4 decimals, other numbers in their shortest exact form).
public enum InstanceWriter {
    /// The landscape as YAML. A distance matrix, if any, is not written (it
    /// lives in its own CSV file, named by the landscape's `distance.matrix`).
    public static func landscapeYAML(_ l: Landscape, matrixFile: String? = nil) -> String {
        var out: [String] = []
        out.append("planningDate: \(l.planningDate)")
        out.append("horizonDays: \(l.horizonDays)")
        out.append("distance:")
        out.append("  detourFactor: \(l.detourFactor.description)")
        if let matrixFile { out.append("  matrix: \(matrixFile)") }
        let w = l.weights
        out.append("weights:")
        for (key, value) in w.yamlGroups { out.append("  \(key): \(value)") }

        out.append("careTypes:")
        for t in l.careTypes { out.append("  - { id: \(scalar(t.id.rawValue)), name: \(quoted(t.name)) }") }
        out.append("networks:")
        for n in l.networks { out.append("  - { id: \(scalar(n.id.rawValue)), name: \(quoted(n.name)) }") }
        out.append("regions:")
        for r in l.regions {
            out.append("  - { id: \(scalar(r.id.rawValue)), name: \(quoted(r.name)), network: \(scalar(r.network.rawValue)) }")
        }

        var byID: [ServiceID: Service] = [:]
        for s in l.services { byID[s.id] = s }
        out.append(l.facilities.isEmpty ? "facilities: []" : "facilities:")
        for f in l.facilities {
            out.append("  - id: \(scalar(f.id.rawValue))")
            out.append("    name: \(quoted(f.name))")
            out.append("    region: \(scalar(f.region.rawValue))")
            out.append("    lat: \(fixed(f.location.lat, 4))")
            out.append("    lon: \(fixed(f.location.lon, 4))")
            out.append(f.services.isEmpty ? "    services: []" : "    services:")
            for id in f.services {
                guard let s = byID[id] else { continue }
                out.append("      - id: \(scalar(s.id.rawValue))")
                out.append("        name: \(quoted(s.name))")
                out.append("        careTypes: \(list(s.careTypes.map(\.rawValue)))")
                out.append("        mode: \(s.mode.rawValue)")
                out.append("        capacity: \(s.capacity)")
                if s.secure { out.append("        secure: true") }
                capacityDetails(s, indent: "        ", into: &out)
            }
        }

        let teams = l.services.filter(\.isTeam)
        out.append(teams.isEmpty ? "teams: []" : "teams:")
        for t in teams {
            out.append("  - id: \(scalar(t.id.rawValue))")
            out.append("    name: \(quoted(t.name))")
            out.append("    region: \(scalar(t.region.rawValue))")
            out.append("    lat: \(fixed(t.location.lat, 4))")
            out.append("    lon: \(fixed(t.location.lon, 4))")
            out.append("    careTypes: \(list(t.careTypes.map(\.rawValue)))")
            out.append("    caseload: \(t.capacity)")
            // SPEC requires maxTravelKm for teams; a team without one reaches everyone
            out.append("    maxTravelKm: \(number(t.maxTravelKm ?? 100_000))")
            capacityDetails(t, indent: "    ", into: &out, travel: false)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// ages, sexes, maxTravelKm and occupied, when set.
    private static func capacityDetails(_ s: Service, indent: String, into out: inout [String], travel: Bool = true) {
        if let ages = s.ages { out.append("\(indent)ages: [\(ages.lowerBound), \(ages.upperBound)]") }
        if let sexes = s.sexes { out.append("\(indent)sexes: \(list(Sex.allCases.filter(sexes.contains).map(\.rawValue)))") }
        if travel, let km = s.maxTravelKm { out.append("\(indent)maxTravelKm: \(number(km))") }
        guard !s.occupied.isEmpty else { return }
        // a flow list wrapped after every 6 dates, continuation lines aligned under the first date
        let head = "\(indent)occupied: ["
        let pad = String(repeating: " ", count: head.count)
        var lines: [String] = []
        var k = 0
        while k < s.occupied.count {
            let chunk = s.occupied[k..<min(k + 6, s.occupied.count)].map(\.description).joined(separator: ", ")
            k += 6
            lines.append((lines.isEmpty ? head : pad) + chunk + (k < s.occupied.count ? "," : "]"))
        }
        out += lines
    }

    /// The cases as CSV with every SPEC §2 column, one row per case in the
    /// given order. With `;` as separator, decimals are written with a
    /// decimal comma, as Dutch spreadsheet exports do.
    public static func casesCSV(_ cases: [Case], separator: Character = ",") -> String {
        let decimalComma = separator == ";"
        func decimal(_ text: String) -> String { decimalComma ? String(text.map { $0 == "." ? "," : $0 }) : text }
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        var lines = [CaseReader.columns.joined(separator: String(separator))]
        lines.reserveCapacity(cases.count + 1)
        for c in cases {
            let values: [String] = [
                c.id.rawValue,
                decimal(fixed(c.home.lat, 4)),
                decimal(fixed(c.home.lon, 4)),
                c.region.rawValue,
                String(c.age),
                c.sex?.rawValue ?? "",
                c.needs.map(\.rawValue).joined(separator: "|"),
                c.urgency.rawValue,
                c.readyDate?.description ?? "",
                c.requiresSecure ? "true" : "false",
                c.homeBasedPossible ? "true" : "false",
                c.maxDistanceKm.map { decimal(number($0)) } ?? "",
                c.siblingGroup ?? "",
                c.conflictsWith.map(\.rawValue).joined(separator: "|"),
                c.pinnedService?.rawValue ?? "",
                c.forbiddenServices.map(\.rawValue).sorted().joined(separator: "|"),
            ]
            lines.append(values.map(field).joined(separator: String(separator)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Numbers and scalars (deterministic, locale-free)

    /// `x` rounded to `digits` decimals, e.g. `52.0910`, `-0.5000`.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.description }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return x.description }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale), fraction = units % UInt64(scale)
        let sign = x < 0 && units > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let f = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }

    /// The shortest text that reads back to exactly `x`: whole numbers
    /// without decimals (`40`), others as Swift prints them (`1.3`).
    static func number(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// A YAML scalar: plain when it cannot be read as anything but that
    /// text, else double-quoted.
    static func scalar(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_" || c == "."
        }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
        guard plain, let first = s.unicodeScalars.first, !(first >= "0" && first <= "9"), first != "-", first != ".",
              !reserved.contains(s.lowercased()), Double(s) == nil, Int(s) == nil else { return quoted(s) }
        return s
    }

    /// A double-quoted YAML string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func list(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }

    /// A road-distance matrix (SPEC §1 `distance.matrix`: from = case id, to =
    /// facility or team id, km) for every case and facility or team within
    /// `radiusKm` great-circle km: the great-circle distance times a detour
    /// between 1.15 and 1.60 fixed by the pair's ids (deterministic, like
    /// roads: some pairs are better connected than others). Pairs not listed
    /// fall back to the landscape's detour factor.
    public static func matrixCSV(_ l: Landscape, _ cases: [Case], radiusKm: Double = 60) -> String {
        var targets: [(id: String, at: GeoPoint)] = l.facilities.map { ($0.id.rawValue, $0.location) }
        targets += l.services.filter(\.isTeam).map { ($0.id.rawValue, $0.location) }
        var out = "from,to,km\n"
        for c in cases {
            for t in targets {
                let km = DistanceRule.haversineKm(c.home, t.at)
                guard km <= radiusKm else { continue }
                // FNV-1a of the pair's ids: a stable detour per pair
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for b in (c.id.rawValue + "|" + t.id).utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
                let detour = 1.15 + 0.45 * Double(h % 10_000) / 10_000
                out += "\(PlanReport.csvField(c.id.rawValue)),\(PlanReport.csvField(t.id)),\(PlanReport.fixed(km * detour, 2))\n"
            }
        }
        return out
    }
}
