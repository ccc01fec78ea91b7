public import PlacementModel

/// The language of what people read (`--lang`): English, the default, or
/// Dutch. Codes stay as SPEC has them (statuses, reasons, column names of the
/// CSV files); sentences and titles follow the language.
public enum Language: String, Sendable, CaseIterable {
    case en
    case nl

    public var catalogue: any Catalogue {
        switch self {
        case .en: return English()
        case .nl: return Dutch()
        }
    }
}

/// Every sentence of the terminal summary, the explanations and the
/// workbook, once per language: a language that lacks one does not compile.
public protocol Catalogue: Sendable {
    // explanations of unplaced children
    func noPlace(service: ServiceID, km: Int, until end: Day) -> String
    func careNotOffered(_ needs: [CareTypeID]) -> String
    func nearestOffering(_ exclusions: [String]) -> String
    func placesWent(at: String, places: Int, to named: String, more: Int) -> String
    func costsMore(at: String, from release: Day, cost: Int, unplaced: Int) -> String
    func sideRulesKeepOut(at: String) -> String
    func rule(_ rule: Incompatibility) -> String
    // the terminal summary
    func planHeader(_ date: Day, horizon: Int) -> String
    var labels: SummaryLabels { get }
    func status(_ status: String, objective: String, gap: String, seconds: String) -> String
    func modelFlow(columns: Int) -> String
    func modelFlowSearch(columns: Int, nodes: Int) -> String
    func modelGLPK(used: Int, of columns: Int, rounds: Int, iterations: Int) -> String
    func cases(_ total: Int, placed: Int, unplaced: Int, crisis: Int, high: Int, normal: Int) -> String
    func distribution(mean: String, p50: String, p90: String, max: String) -> String
    func ofPlaced(_ percent: String) -> String
    var utilisationHeading: String { get }
    var unplacedHeading: String { get }
    func andMore(_ count: Int) -> String
    // the moves since last week (solve --previous)
    func movedSince(_ moved: Int, of before: Int) -> String
    func nowAt(_ service: String?) -> String
    func noPlaceAnyMore(at service: String) -> String
    func placeWentTo(_ takers: String, more: Int) -> String
    func movedMore(_ count: Int) -> String
    // careplace explain
    func explainPlaced(_ child: String, at service: String, km: String, from start: String, objective: String) -> String
    func explainUnplaced(_ child: String, objective: String) -> String
    var nothingCloser: String { get }
    func alternativesHeading(placed: Bool) -> String
    func alternative(_ service: String, km: String, from start: String?) -> String
    func excluded(_ rule: String, age: Int?) -> String
    var noPlaceCanBeIts: String { get }
    func extraCost(_ cost: String, moves: [(child: String, from: String?, to: String?)], more: Int) -> String
    // the workbook
    var sheets: (proposal: String, unplaced: String, summary: String) { get }
    /// Column titles by the CSV column name (every name of `PlanReport.csvColumns`).
    var columnTitles: [String: String] { get }
    /// The summary sheet's labels, by their English (every one of `workbookLabels`).
    var workbookTitles: [String: String] { get }
}

/// The summary sheet's labels (the English; a care type's name follows
/// "utilisation, ", an urgency "unplaced, ").
public let workbookLabels = [
    "careplace proposal", "planning date", "status", "objective (km-equivalents)", "gap", "children", "placed", "unplaced",
    "unplaced, ", "distance (km), ", "wait (days), ", "mean", "helped at home (share of placed)",
    "outside own network (share of placed)", "utilisation, ",
]

extension Catalogue {
    /// A summary label in this language (the English when one is missing).
    public func workbook(_ english: String) -> String { workbookTitles[english] ?? english }
    public func column(_ name: String) -> String { columnTitles[name] ?? name }
}

/// The labels of the terminal summary's rows.
public struct SummaryLabels: Sendable {
    public var status, model, cases, distance, wait, atHome, outsideNetwork: String
}

struct English: Catalogue {
    func noPlace(service: ServiceID, km: Int, until end: Day) -> String { "\(service) (\(km) km) has no place free until after \(end)" }
    func careNotOffered(_ needs: [CareTypeID]) -> String { "no service in the landscape offers \(needs.map(\.rawValue).joined(separator: ", "))" }
    func nearestOffering(_ exclusions: [String]) -> String { "nearest services offering the care: " + exclusions.joined(separator: "; ") }
    func placesWent(at: String, places: Int, to named: String, more: Int) -> String {
        "\(at): its \(places) place\(places == 1 ? "" : "s") within the horizon went to \(named)\(more > 0 ? " and \(more) more" : "")"
    }
    func costsMore(at: String, from release: Day, cost: Int, unplaced: Int) -> String {
        "\(at) has a place from \(release), but it would cost \(cost), more than leaving the child unplaced (\(unplaced))"
    }
    func sideRulesKeepOut(at: String) -> String { "\(at) has a place, but sibling or conflict rules keep the child out of it" }
    func rule(_ rule: Incompatibility) -> String { rule.description }
    func planHeader(_ date: Day, horizon: Int) -> String { "careplace plan for \(date) (horizon \(horizon) days)" }
    var labels: SummaryLabels {
        SummaryLabels(status: "status", model: "model", cases: "cases", distance: "distance (km)", wait: "wait (days)",
                      atHome: "helped at home", outsideNetwork: "outside own network")
    }
    func status(_ status: String, objective: String, gap: String, seconds: String) -> String { "\(status) (objective \(objective), gap \(gap), \(seconds) s)" }
    func modelFlow(columns: Int) -> String { "\(columns) columns, min-cost flow (optimality proven by its duals over every column)" }
    func modelFlowSearch(columns: Int, nodes: Int) -> String {
        "\(columns) columns, min-cost flow and branch-and-bound over the sibling and conflict rules (\(nodes) nodes, each proven by its duals)"
    }
    func modelGLPK(used: Int, of columns: Int, rounds: Int, iterations: Int) -> String {
        "\(used) of \(columns) columns, \(rounds) pricing rounds, \(iterations) simplex iterations"
    }
    func cases(_ total: Int, placed: Int, unplaced: Int, crisis: Int, high: Int, normal: Int) -> String {
        "\(total): \(placed) placed, \(unplaced) unplaced (crisis \(crisis), high \(high), normal \(normal))"
    }
    func distribution(mean: String, p50: String, p90: String, max: String) -> String { "mean \(mean), p50 \(p50), p90 \(p90), max \(max)" }
    func ofPlaced(_ percent: String) -> String { "\(percent) of placed" }
    var utilisationHeading: String { "utilisation by care type (places within the horizon):" }
    var unplacedHeading: String { "unplaced:" }
    func andMore(_ count: Int) -> String { "  … and \(count) more (see assignments.csv)" }
    func movedSince(_ moved: Int, of before: Int) -> String {
        "changed since last week: \(moved) of the \(before) children placed then" + (moved == 0 ? " (no child is moved)" : "")
    }
    func nowAt(_ service: String?) -> String { service.map { "now \($0)" } ?? "now without a place" }
    func noPlaceAnyMore(at service: String) -> String { "no place at \(service) for it within the horizon any more" }
    func placeWentTo(_ takers: String, more: Int) -> String { "its place went to \(takers)" + (more > 0 ? " and \(more) more" : "") }
    func movedMore(_ count: Int) -> String { "  … and \(count) more (see assignments.csv, column changed)" }
    func explainPlaced(_ child: String, at service: String, km: String, from start: String, objective: String) -> String {
        "\(child): placed at \(service), \(km) km, from \(start) (plan objective \(objective))"
    }
    func explainUnplaced(_ child: String, objective: String) -> String { "\(child): without a place in the plan (objective \(objective))" }
    var nothingCloser: String { "no service offering its care is closer or sooner" }
    func alternativesHeading(placed: Bool) -> String { placed ? "closer or sooner than its own:" : "services offering its care:" }
    func alternative(_ service: String, km: String, from start: String?) -> String {
        "\(service) (\(km) km\(start.map { ", from \($0)" } ?? ", no place within the horizon"))"
    }
    func excluded(_ rule: String, age: Int?) -> String { "excluded: \(rule)" + (age.map { "; the child is \($0)" } ?? "") }
    var noPlaceCanBeIts: String { "no place there can be its within the horizon" }
    func extraCost(_ cost: String, moves: [(child: String, from: String?, to: String?)], more: Int) -> String {
        let list = moves.map { "\($0.child) \($0.from ?? "unplaced") → \($0.to ?? "unplaced")" }
        return "the best plan giving it this costs \(cost) more" + (list.isEmpty ? "" : "; then " + list.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""))
    }
    var sheets: (proposal: String, unplaced: String, summary: String) { ("Proposal", "Unplaced", "Summary") }
    var columnTitles: [String: String] { Dictionary(uniqueKeysWithValues: PlanReport.csvColumns.map { ($0, $0) }) }
    var workbookTitles: [String: String] { Dictionary(uniqueKeysWithValues: workbookLabels.map { ($0, $0) }) }
}

struct Dutch: Catalogue {
    func noPlace(service: ServiceID, km: Int, until end: Day) -> String { "\(service) (\(km) km) heeft geen plek vrij tot na \(end)" }
    func careNotOffered(_ needs: [CareTypeID]) -> String { "geen aanbieder in het landschap biedt \(needs.map(\.rawValue).joined(separator: ", "))" }
    func nearestOffering(_ exclusions: [String]) -> String { "dichtstbijzijnde aanbieders van deze zorg: " + exclusions.joined(separator: "; ") }
    func placesWent(at: String, places: Int, to named: String, more: Int) -> String {
        "\(at): \(places == 1 ? "de enige plek" : "de \(places) plekken") binnen de horizon ging\(places == 1 ? "" : "en") naar \(named)\(more > 0 ? " en \(more) anderen" : "")"
    }
    func costsMore(at: String, from release: Day, cost: Int, unplaced: Int) -> String {
        "\(at) heeft een plek vanaf \(release), maar die kost \(cost), meer dan het kind zonder plek laten (\(unplaced))"
    }
    func sideRulesKeepOut(at: String) -> String { "\(at) heeft een plek, maar regels voor broers en zussen of conflicten houden het kind daar weg" }
    func rule(_ rule: Incompatibility) -> String {
        func km(_ v: Double) -> String { String(Int(v.rounded())) }
        switch rule {
        case .careType: return "biedt geen van de benodigde zorgsoorten"
        case .age(let range): return "neemt leeftijden \(range.lowerBound)–\(range.upperBound)"
        case .secure(let required): return required ? "is geen gesloten zorg (het kind heeft een machtiging)" : "is gesloten zorg (geen machtiging)"
        case .sex: return "is niet voor het geslacht van het kind"
        case .notHomeBased: return "helpt thuis, en dat kan voor dit kind niet"
        case .serviceTravelLimit(let d, let limit): return "ligt \(km(d)) km weg, voorbij de reisgrens van \(km(limit)) km"
        case .familyDistanceLimit(let d, let limit): return "ligt \(km(d)) km weg, voorbij de grens van het gezin (\(km(limit)) km)"
        case .forbidden: return "is voor dit kind uitgesloten"
        case .pinnedElsewhere: return "is niet de aanbieder waar het kind al is toegewezen"
        case .outsideOwnNetwork: return "ligt buiten het eigen netwerk van het kind (alleen eigen netwerk)"
        }
    }
    func planHeader(_ date: Day, horizon: Int) -> String { "careplace-plan voor \(date) (horizon \(horizon) dagen)" }
    var labels: SummaryLabels {
        SummaryLabels(status: "status", model: "model", cases: "kinderen", distance: "afstand (km)", wait: "wachttijd (dagen)",
                      atHome: "thuis geholpen", outsideNetwork: "buiten eigen netwerk")
    }
    func status(_ status: String, objective: String, gap: String, seconds: String) -> String { "\(status) (doelwaarde \(objective), gat \(gap), \(seconds) s)" }
    func modelFlow(columns: Int) -> String { "\(columns) kolommen, min-cost flow (optimaal, bewezen met de duale waarden van elke kolom)" }
    func modelFlowSearch(columns: Int, nodes: Int) -> String {
        "\(columns) kolommen, min-cost flow en branch-and-bound over de regels voor broers, zussen en conflicten (\(nodes) knopen, elk bewezen met de duale waarden)"
    }
    func modelGLPK(used: Int, of columns: Int, rounds: Int, iterations: Int) -> String {
        "\(used) van \(columns) kolommen, \(rounds) prijsrondes, \(iterations) simplexiteraties"
    }
    func cases(_ total: Int, placed: Int, unplaced: Int, crisis: Int, high: Int, normal: Int) -> String {
        "\(total): \(placed) geplaatst, \(unplaced) zonder plek (crisis \(crisis), hoog \(high), normaal \(normal))"
    }
    func distribution(mean: String, p50: String, p90: String, max: String) -> String { "gemiddeld \(mean), p50 \(p50), p90 \(p90), max \(max)" }
    func ofPlaced(_ percent: String) -> String { "\(percent) van de geplaatsten" }
    var utilisationHeading: String { "bezetting per zorgsoort (plekken binnen de horizon):" }
    var unplacedHeading: String { "zonder plek:" }
    func andMore(_ count: Int) -> String { "  … en \(count) meer (zie assignments.csv)" }
    func movedSince(_ moved: Int, of before: Int) -> String {
        "veranderd sinds vorige week: \(moved) van de \(before) kinderen die toen een plek hadden" + (moved == 0 ? " (geen kind verschuift)" : "")
    }
    func nowAt(_ service: String?) -> String { service.map { "nu \($0)" } ?? "nu zonder plek" }
    func noPlaceAnyMore(at service: String) -> String { "bij \(service) is binnen de horizon geen plek meer voor dit kind" }
    func placeWentTo(_ takers: String, more: Int) -> String { "de plek ging naar \(takers)" + (more > 0 ? " en \(more) anderen" : "") }
    func movedMore(_ count: Int) -> String { "  … en \(count) meer (zie assignments.csv, kolom changed)" }
    func explainPlaced(_ child: String, at service: String, km: String, from start: String, objective: String) -> String {
        "\(child): geplaatst bij \(service), \(km) km, vanaf \(start) (doelwaarde van het plan \(objective))"
    }
    func explainUnplaced(_ child: String, objective: String) -> String { "\(child): zonder plek in het plan (doelwaarde \(objective))" }
    var nothingCloser: String { "geen aanbieder van deze zorg is dichterbij of eerder" }
    func alternativesHeading(placed: Bool) -> String { placed ? "dichterbij of eerder dan de eigen plek:" : "aanbieders van deze zorg:" }
    func alternative(_ service: String, km: String, from start: String?) -> String {
        "\(service) (\(km) km\(start.map { ", vanaf \($0)" } ?? ", geen plek binnen de horizon"))"
    }
    func excluded(_ rule: String, age: Int?) -> String { "uitgesloten: \(rule)" + (age.map { "; het kind is \($0)" } ?? "") }
    var noPlaceCanBeIts: String { "geen plek daar kan binnen de horizon de zijne zijn" }
    func extraCost(_ cost: String, moves: [(child: String, from: String?, to: String?)], more: Int) -> String {
        let list = moves.map { "\($0.child) \($0.from ?? "zonder plek") → \($0.to ?? "zonder plek")" }
        return "het beste plan dat dit kind deze plek geeft kost \(cost) meer" + (list.isEmpty ? "" : "; dan " + list.joined(separator: ", ") + (more > 0 ? " en \(more) meer" : ""))
    }
    var sheets: (proposal: String, unplaced: String, summary: String) { ("Voorstel", "Zonder plek", "Samenvatting") }
    var columnTitles: [String: String] {
        [
            "id": "id", "status": "status", "service": "aanbieder", "facilityOrTeam": "locatie of team", "mode": "vorm",
            "careType": "zorgsoort", "startDate": "startdatum", "waitDays": "wachtdagen", "distanceKm": "afstand km", "cost": "kosten",
            "reason": "reden", "explanation": "toelichting", "region": "regio", "network": "netwerk", "urgency": "urgentie",
            "needs": "zorgbehoefte",
        ]
    }
    var workbookTitles: [String: String] {
        [
            "careplace proposal": "careplace-voorstel", "planning date": "plandatum", "status": "status",
            "objective (km-equivalents)": "doelwaarde (km-equivalenten)", "gap": "gat", "children": "kinderen", "placed": "geplaatst",
            "unplaced": "zonder plek", "unplaced, ": "zonder plek, ", "distance (km), ": "afstand (km), ", "wait (days), ": "wachttijd (dagen), ",
            "mean": "gemiddeld", "helped at home (share of placed)": "thuis geholpen (aandeel van geplaatsten)",
            "outside own network (share of placed)": "buiten eigen netwerk (aandeel van geplaatsten)", "utilisation, ": "bezetting, ",
        ]
    }
}
