import Foundation
public import Placement
import PlacementModel

/// `careplace explain CASE` in words and as JSON (SPEC §9).
public struct ExplainReport: Sendable {
    public let result: AlternativesExplainer.Result
    /// The language of `text` (`--lang`); the JSON stays in English.
    public var language = Language.en

    public init(_ result: AlternativesExplainer.Result) { self.result = result }

    /// The rule with the value found: an age range with the child's age.
    func words(_ rule: Incompatibility) -> String {
        if case .age = rule { return "\(rule); the child is \(result.age)" }
        return "\(rule)"
    }

    public var json: String {
        struct Move: Encodable {
            var `case`: String
            var from: String?
            var to: String?
        }
        struct Alternative: Encodable {
            var service: String
            var distanceKm: Double
            var earliestStart: String?
            var excludedBy: String?
            var extraCost: Double?
            var moves: [Move]

            enum CodingKeys: String, CodingKey { case service, distanceKm, earliestStart, excludedBy, extraCost, moves }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(service, forKey: .service)
                try c.encode(distanceKm, forKey: .distanceKm)
                try c.encode(earliestStart, forKey: .earliestStart)
                try c.encode(excludedBy, forKey: .excludedBy)  // null when allowed
                try c.encode(extraCost, forKey: .extraCost)  // null when excluded
                try c.encode(moves, forKey: .moves)
            }
        }
        struct File: Encodable {
            var `case`: String
            var service: String?
            var objective: Double
            var alternatives: [Alternative]

            enum CodingKeys: String, CodingKey { case `case`, service, objective, alternatives }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(`case`, forKey: .case)
                try c.encode(service, forKey: .service)  // null when unplaced
                try c.encode(objective, forKey: .objective)
                try c.encode(alternatives, forKey: .alternatives)
            }
        }
        let file = File(
            case: result.child.rawValue, service: result.service?.rawValue, objective: PlanReport.rounded(result.objective),
            alternatives: result.alternatives.map { a in
                Alternative(
                    service: a.service.rawValue, distanceKm: PlanReport.rounded(a.distanceKm), earliestStart: a.earliestStart?.description,
                    excludedBy: a.excludedBy.map(words) ?? (a.noPlace ? "no place within the horizon can be this child's" : nil),
                    extraCost: a.extraCost.map(PlanReport.rounded),
                    moves: a.moves.map { Move(case: $0.child.rawValue, from: $0.from?.rawValue, to: $0.to?.rawValue) })
            })
        return PlanReport.jsonFile(file) ?? "{}\n"
    }

    public var text: String {
        let words = language.catalogue, objective = PlanReport.fixed(result.objective, 2)
        var out: String
        if let service = result.service, let km = result.distanceKm, let start = result.start {
            out = words.explainPlaced(result.child.rawValue, at: service.rawValue, km: PlanReport.fixed(km, 1), from: start.description, objective: objective) + "\n"
        } else {
            out = words.explainUnplaced(result.child.rawValue, objective: objective) + "\n"
        }
        guard !result.alternatives.isEmpty else { return out + words.nothingCloser + "\n" }
        out += words.alternativesHeading(placed: result.service != nil) + "\n"
        for a in result.alternatives {
            out += "  " + words.alternative(a.service.rawValue, km: PlanReport.fixed(a.distanceKm, 1), from: a.earliestStart?.description) + ": "
            if let rule = a.excludedBy {
                let age: Int? = if case .age = rule { result.age } else { nil }
                out += words.excluded(words.rule(rule), age: age) + "\n"
            } else if a.noPlace {
                out += words.noPlaceCanBeIts + "\n"
            } else if let extra = a.extraCost {
                let moves = a.moves.prefix(4).map { (child: $0.child.rawValue, from: $0.from?.rawValue, to: $0.to?.rawValue) }
                out += words.extraCost(PlanReport.fixed(extra, 2), moves: Array(moves), more: max(0, a.moves.count - 4)) + "\n"
            }
        }
        return out
    }
}

extension ExplainReport {
    public static let explanationsColumns = ["id", "service", "distanceKm", "nearestService", "nearestKm", "extraCost"]

    /// explanations.csv (SPEC §9): per placed child the nearest service the
    /// rules allow it that the plan does not give it, and the exact extra
    /// cost of giving it that one (empty when no plan can, or none exists).
    public static func explanationsCSV(_ rows: [AlternativesExplainer.Nearest]) -> String {
        var lines = [explanationsColumns.joined(separator: ",")]
        for r in rows {
            let fields = [
                r.child.rawValue, r.service.rawValue, PlanReport.fixed(r.distanceKm, 1), r.nearest?.rawValue ?? "",
                r.nearestKm.map { PlanReport.fixed($0, 1) } ?? "", r.extraCost.map { PlanReport.fixed($0, 6) } ?? "",
            ]
            lines.append(fields.map { PlanReport.csvField($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
