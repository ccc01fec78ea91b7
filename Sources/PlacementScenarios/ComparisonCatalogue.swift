import Foundation
public import PlacementIO

/// Every sentence and title of the scenario comparison (terminal, Markdown,
/// HTML), once per language: a language that lacks one does not compile.
/// Keys, scenario names and codes (statuses) stay as they are; the CSV and
/// JSON files are for programs and stay in English.
public protocol ComparisonCatalogue: Sendable {
    /// The HTML `lang` attribute.
    var code: String { get }
    /// A number as this language writes it ("12.5" or "12,5").
    func decimal(_ text: String) -> String
    var percentagePoints: String { get }
    // titles
    var title: String { get }
    var heading: String { get }
    var inShort: String { get }
    func againstBaseline(_ name: String) -> String
    var waitsNote: String { get }
    var scenariosHeading: String { get }
    /// The baseline line; `name` is already marked up.
    func baselineLine(_ name: String) -> String
    var baselineSuffix: String { get }
    var kpi: String { get }
    var kpisHeading: String { get }
    var objectiveNote: String { get }
    var headlineHeading: String { get }
    var distributionsHeading: String { get }
    var distanceTitle: String { get }
    var waitTitle: String { get }
    func shareOfPlaced(_ title: String) -> String
    var mapsHeading: String { get }
    var mapsNote: String { get }
    func regionTooltip(_ name: String, unplaced: Int, of cases: Int) -> String
    var legendTop: String { get }
    // per network or region
    func scope(_ scope: AreaScope) -> String
    func areaHeading(_ scope: AreaScope) -> String
    var sortNote: String { get }
    var areaColumns: (children: String, unplaced: String, meanWait: String, wait: String) { get }
    /// The Markdown breakdown's column titles (as `ScenarioComparison.breakdownColumns`).
    var breakdownColumns: [String] { get }
    var footer: String { get }
    // a metric's label by its key ("utilisation.secure" carries its care type)
    func metric(_ key: String) -> String
    // the sentence per scenario
    func unplacedSame(now: Int) -> String
    func unplacedFewer(_ n: Int, now: Int) -> String
    func unplacedMore(_ n: Int, now: Int, crisis: Int) -> String
    func unchanged(_ what: ChangeSubject) -> String
    func changed(_ what: ChangeSubject, by signed: String) -> String
    /// After a shorter wait or trip when fewer children are placed.
    var ofFewerPlaced: String { get }
    func share(_ what: ShareSubject, by signed: String) -> String
    func pinsKept(_ kept: [(child: String, service: String)]) -> String
    // where one more place helps most
    var onePlaceHeading: String { get }
    var onePlaceNote: String { get }
    var onePlaceColumns: [String] { get }
    var onePlaceNone: String { get }
    var onePlaceNotOptimal: String { get }
    // what was compared (the report's provenance)
    func plannedBy(dates: String, version: String, solver: String) -> String
    func inputs(_ files: String) -> String
    func made(_ when: String) -> String
}

public enum AreaScope: Sendable { case network, region }
public enum ChangeSubject: Sendable { case waits, trips }
public enum ShareSubject: Sendable { case atHome, outsideNetwork }

extension Language {
    /// The comparison's words in this language.
    public var comparison: any ComparisonCatalogue {
        switch self {
        case .en: return EnglishComparison()
        case .nl: return DutchComparison()
        }
    }
}

/// Metric labels by key; a care type's utilisation is built from its prefix.
let metricLabels: [String: (en: String, nl: String)] = [
    "objective": ("objective (km-equivalents)", "doelwaarde (km-equivalenten)"),
    "cases": ("children waiting", "wachtende kinderen"), "placed": ("placed", "geplaatst"), "unplaced": ("unplaced", "zonder plek"),
    "unplaced.crisis": ("unplaced, crisis", "zonder plek, crisis"), "unplaced.high": ("unplaced, high", "zonder plek, hoog"),
    "unplaced.normal": ("unplaced, normal", "zonder plek, normaal"),
    "distanceKm.mean": ("distance km, mean", "afstand km, gemiddeld"), "distanceKm.p50": ("distance km, p50", "afstand km, p50"),
    "distanceKm.p90": ("distance km, p90", "afstand km, p90"), "distanceKm.max": ("distance km, max", "afstand km, max"),
    "waitDays.mean": ("wait days, mean", "wachtdagen, gemiddeld"), "waitDays.p50": ("wait days, p50", "wachtdagen, p50"),
    "waitDays.p90": ("wait days, p90", "wachtdagen, p90"), "waitDays.max": ("wait days, max", "wachtdagen, max"),
    "shareHomeBased": ("share helped at home", "aandeel thuis geholpen"),
    "shareOutsideNetwork": ("share outside own network", "aandeel buiten eigen netwerk"),
]

func label(_ key: String, dutch: Bool) -> String {
    if key.hasPrefix("utilisation.") {
        return (dutch ? "bezetting, " : "utilisation, ") + key.dropFirst("utilisation.".count)
    }
    guard let l = metricLabels[key] else { return key }
    return dutch ? l.nl : l.en
}

struct EnglishComparison: ComparisonCatalogue {
    var code: String { "en" }
    func decimal(_ text: String) -> String { text }
    var percentagePoints: String { " pp" }
    var title: String { "careplace: scenario comparison" }
    var heading: String { "Scenario comparison" }
    var inShort: String { "In short" }
    func againstBaseline(_ name: String) -> String { (name == "baseline" ? "Against the baseline. " : "Against the baseline, \(name). ") + waitsNote }
    var waitsNote: String { "Waits and trips are those of the children who get a place." }
    var scenariosHeading: String { "The scenarios" }
    func baselineLine(_ name: String) -> String { "Baseline: \(name). Differences to the baseline in brackets; shares in percentage points (pp)." }
    var baselineSuffix: String { "(baseline)" }
    var kpi: String { "KPI" }
    var kpisHeading: String { "KPIs" }
    var objectiveNote: String {
        "The objective is what the plan minimises: kilometres, waiting days and the penalties for residential care, for placing outside the own network and for leaving a child without a place, in one number (km-equivalents). Lower is better; it explains least, so it comes last."
    }
    var headlineHeading: String { "Headline KPIs" }
    var distributionsHeading: String { "Distributions of the placed children" }
    var distanceTitle: String { "distance from home (km)" }
    var waitTitle: String { "wait (days)" }
    func shareOfPlaced(_ title: String) -> String { "\(title), share of placed children" }
    var mapsHeading: String { "Maps" }
    var mapsNote: String {
        "Regions shaded by the share of their waiting children left unplaced (scale below each map); circles are facilities (area by places), triangles outreach teams; regions with children left unplaced are named with their number."
    }
    func regionTooltip(_ name: String, unplaced: Int, of cases: Int) -> String { "\(name): \(unplaced) of \(cases) unplaced" }
    var legendTop: String { "≥33% unplaced" }
    func scope(_ scope: AreaScope) -> String { scope == .network ? "network" : "region" }
    func areaHeading(_ scope: AreaScope) -> String { "Per \(self.scope(scope)) (children by home \(self.scope(scope)))" }
    var sortNote: String { "Click a column to sort. Differences to the baseline; red is worse, green better." }
    var areaColumns: (children: String, unplaced: String, meanWait: String, wait: String) { ("children", "unplaced", "mean wait", "wait") }
    var breakdownColumns: [String] { ScenarioComparison.breakdownColumns }
    var footer: String { "Made by careplace. Region boundaries: CBS/PDOK jeugdregio's 2025 (CC-BY 4.0)." }
    func metric(_ key: String) -> String { label(key, dutch: false) }
    func unplacedSame(now: Int) -> String { "no more children without a place (\(now), as in the baseline)" }
    func unplacedFewer(_ n: Int, now: Int) -> String { "\(n) fewer \(n == 1 ? "child" : "children") without a place (\(now))" }
    func unplacedMore(_ n: Int, now: Int, crisis: Int) -> String {
        "\(n) more \(n == 1 ? "child" : "children") without a place (\(now))" + (crisis > 0 ? ", \(crisis) of them in crisis" : "")
    }
    func unchanged(_ what: ChangeSubject) -> String { what == .waits ? "waits unchanged" : "trips unchanged" }
    func changed(_ what: ChangeSubject, by signed: String) -> String {
        what == .waits ? "waits \(signed) days on average" : "trips \(signed) km on average"
    }
    var ofFewerPlaced: String { " (of fewer children placed: no gain)" }
    func share(_ what: ShareSubject, by signed: String) -> String {
        (what == .atHome ? "helped at home" : "placed outside their own network") + " \(signed) percentage points"
    }
    func pinsKept(_ kept: [(child: String, service: String)]) -> String {
        "own network only, but \(kept.count) pinned \(kept.count == 1 ? "child keeps its place" : "children keep their places") outside it (decisions already taken): "
            + kept.map { "\($0.child) at \($0.service)" }.joined(separator: ", ")
    }
}

extension EnglishComparison {
    var onePlaceHeading: String { "Where one more place helps most" }
    var onePlaceNote: String {
        "Per scenario, the services where one more place free today lowers the plan's objective most: the exact change (equal to planning again with that place), the children placed, wait days and km it changes in all, and the child who would get it."
    }
    var onePlaceColumns: [String] { ["service", "care", "region", "objective", "placed", "wait days", "km", "would get it"] }
    var onePlaceNone: String { "No extra place lowers the objective." }
    var onePlaceNotOptimal: String { "Not valued: this plan is not proven optimal (a time limit stopped it)." }
    func plannedBy(dates: String, version: String, solver: String) -> String { "Planning date \(dates); planned by careplace \(version) (\(solver))." }
    func inputs(_ files: String) -> String { "Inputs (SHA-256, first 16 hex digits): \(files)." }
    func made(_ when: String) -> String { "Made \(when) UTC." }
}

extension DutchComparison {
    var onePlaceHeading: String { "Waar één plek extra het meest helpt" }
    var onePlaceNote: String {
        "Per scenario de aanbieders waar één plek extra, vandaag vrij, de doelwaarde van het plan het meest verlaagt: de exacte verandering (gelijk aan opnieuw plannen met die plek), de geplaatste kinderen, wachtdagen en km die daardoor in totaal veranderen, en het kind dat de plek zou krijgen."
    }
    var onePlaceColumns: [String] { ["aanbieder", "zorg", "regio", "doelwaarde", "geplaatst", "wachtdagen", "km", "krijgt de plek"] }
    var onePlaceNone: String { "Geen extra plek verlaagt de doelwaarde." }
    var onePlaceNotOptimal: String { "Niet berekend: dit plan is niet bewezen optimaal (een tijdslimiet hield het op)." }
    func plannedBy(dates: String, version: String, solver: String) -> String { "Plandatum \(dates); gepland met careplace \(version) (\(solver))." }
    func inputs(_ files: String) -> String { "Invoer (SHA-256, eerste 16 hexadecimale cijfers): \(files)." }
    func made(_ when: String) -> String { "Gemaakt \(when) UTC." }
}

struct DutchComparison: ComparisonCatalogue {
    var code: String { "nl" }
    func decimal(_ text: String) -> String { text.replacingOccurrences(of: ".", with: ",") }
    var percentagePoints: String { " %-punt" }
    var title: String { "careplace: vergelijking van scenario's" }
    var heading: String { "Vergelijking van scenario's" }
    var inShort: String { "In het kort" }
    func againstBaseline(_ name: String) -> String {
        (["baseline", "basis"].contains(name) ? "Vergeleken met de basis. " : "Vergeleken met de basis, \(name). ") + waitsNote
    }
    var waitsNote: String { "Wachttijden en reisafstanden zijn die van de kinderen die een plek krijgen." }
    var scenariosHeading: String { "De scenario's" }
    func baselineLine(_ name: String) -> String {
        "Basis: \(name). Verschillen met de basis tussen haakjes; aandelen in procentpunten (%-punt)."
    }
    var baselineSuffix: String { "(basis)" }
    var kpi: String { "Kengetal" }
    var kpisHeading: String { "Kengetallen" }
    var objectiveNote: String {
        "De doelwaarde is wat het plan minimaliseert: kilometers, wachtdagen en de toeslagen voor verblijf, voor plaatsen buiten het eigen netwerk en voor een kind zonder plek, in één getal (km-equivalenten). Lager is beter; het zegt het minst, dus het staat onderaan."
    }
    var headlineHeading: String { "De belangrijkste kengetallen" }
    var distributionsHeading: String { "Verdeling over de geplaatste kinderen" }
    var distanceTitle: String { "afstand van huis (km)" }
    var waitTitle: String { "wachttijd (dagen)" }
    func shareOfPlaced(_ title: String) -> String { "\(title), aandeel van de geplaatste kinderen" }
    var mapsHeading: String { "Kaarten" }
    var mapsNote: String {
        "Regio's gekleurd naar het aandeel van hun wachtende kinderen zonder plek (schaal onder elke kaart); cirkels zijn locaties (oppervlak naar plekken), driehoeken ambulante teams; regio's met kinderen zonder plek staan er met naam en aantal bij."
    }
    func regionTooltip(_ name: String, unplaced: Int, of cases: Int) -> String { "\(name): \(unplaced) van \(cases) zonder plek" }
    var legendTop: String { "≥33% zonder plek" }
    func scope(_ scope: AreaScope) -> String { scope == .network ? "netwerk" : "regio" }
    func areaHeading(_ scope: AreaScope) -> String { "Per \(self.scope(scope)) (kinderen naar hun \(self.scope(scope)) van herkomst)" }
    var sortNote: String { "Klik op een kolom om te sorteren. Verschillen met de basis; rood is slechter, groen beter." }
    var areaColumns: (children: String, unplaced: String, meanWait: String, wait: String) { ("kinderen", "zonder plek", "gem. wachttijd", "wachttijd") }
    var breakdownColumns: [String] {
        ["geplaatst", "zonder plek", "gem. km", "max. km", "gem. wachttijd", "max. wachttijd", "thuis", "buiten netwerk", "bezetting"]
    }
    var footer: String { "Gemaakt met careplace. Regiogrenzen: CBS/PDOK jeugdregio's 2025 (CC-BY 4.0)." }
    func metric(_ key: String) -> String { label(key, dutch: true) }
    func unplacedSame(now: Int) -> String { "niet meer kinderen zonder plek (\(now), net als in de basis)" }
    func unplacedFewer(_ n: Int, now: Int) -> String { "\(n) \(n == 1 ? "kind" : "kinderen") minder zonder plek (\(now))" }
    func unplacedMore(_ n: Int, now: Int, crisis: Int) -> String {
        "\(n) \(n == 1 ? "kind" : "kinderen") meer zonder plek (\(now))" + (crisis > 0 ? ", van wie \(crisis) in crisis" : "")
    }
    func unchanged(_ what: ChangeSubject) -> String { what == .waits ? "wachttijden gelijk" : "reisafstanden gelijk" }
    func changed(_ what: ChangeSubject, by signed: String) -> String {
        what == .waits ? "wachttijden gemiddeld \(signed) dagen" : "reisafstanden gemiddeld \(signed) km"
    }
    var ofFewerPlaced: String { " (van minder geplaatste kinderen: geen winst)" }
    func share(_ what: ShareSubject, by signed: String) -> String {
        (what == .atHome ? "thuis geholpen" : "geplaatst buiten het eigen netwerk") + " \(signed) procentpunt"
    }
    func pinsKept(_ kept: [(child: String, service: String)]) -> String {
        "alleen eigen netwerk, maar \(kept.count == 1 ? "1 vastgezet kind houdt zijn plek" : "\(kept.count) vastgezette kinderen houden hun plek") daarbuiten (al genomen besluiten): "
            + kept.map { "\($0.child) bij \($0.service)" }.joined(separator: ", ")
    }
}
