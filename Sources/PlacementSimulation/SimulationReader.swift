import Foundation
import PlacementIO
public import PlacementModel
import PlacementScenarios
import Yams

/// Reads a simulation file (SPEC §7) strictly: every problem with file,
/// key path, the value found and what was expected, all of them at once.
public enum SimulationReader {
    static let keys: Set<String> = [
        "version", "name", "scenario", "landscape", "cases", "weeks", "warmUpWeeks", "replanEveryDays",
        "replications", "seed", "planTimeLimitSeconds", "arrivals", "stays", "stepDown",
    ]

    public static func read(_ path: String) throws(InputError) -> Simulation {
        var doc = YAMLDocument(file: path)
        let text: String
        switch InputReader.readText(path) {
        case .success(let t): text = t
        case .failure(let problem): throw InputError([problem])
        }
        guard let root = doc.parse(text),
              let top = doc.top(root, kind: "simulation", allowed: keys, required: ["version", "name", "weeks", "arrivals", "stays"])
        else { throw InputError(doc.log.problems) }
        if let v = top["version"] { _ = doc.int(v, "version", expected: "1 (the only simulation format version)") { $0 == 1 } }
        let name = top["name"].flatMap { doc.string($0, "name") }
        let weeks = top["weeks"].flatMap { doc.int($0, "weeks", expected: "a whole number of weeks 1..520") { (1...520).contains($0) } }
        let arrivals = top["arrivals"].flatMap { readArrivals($0, &doc) }
        let stays = top["stays"].flatMap { readStays($0, &doc) }
        var settings = Settings()
        settings.read(top, &doc)
        let stepDown = top["stepDown"].flatMap { readStepDown($0, &doc) } ?? []
        guard doc.log.problems.isEmpty, let name, let weeks, let arrivals, let stays else { throw InputError(doc.log.problems) }
        let (input, inputFiles) = try readInput(top, path: path, &doc)
        var simulation = Simulation(
            name: name, file: path, inputFiles: inputFiles, input: input, weeks: weeks, arrivals: arrivals,
            stays: stays.byType, defaultStay: stays.fallback, stepDown: stepDown)
        settings.apply(to: &simulation)
        checkNames(simulation, top, &doc)
        guard doc.log.problems.isEmpty else { throw InputError(doc.log.problems) }
        return simulation
    }

    /// The day-0 landscape and waiting list: a scenario (changes applied), or
    /// a landscape and a cases file; paths relative to the simulation file.
    static func readInput(_ top: [String: Node], path: String, _ doc: inout YAMLDocument) throws(InputError) -> (PlacementInput, [String]) {
        let scenario = top["scenario"].flatMap { doc.string($0, "scenario") }
        let landscape = top["landscape"].flatMap { doc.string($0, "landscape") }
        let cases = top["cases"].flatMap { doc.string($0, "cases") }
        if let scenario {
            guard landscape == nil && cases == nil else {
                doc.problem(top["scenario"], "scenario", "is given with landscape or cases; expected a scenario, or a landscape and cases")
                throw InputError(doc.log.problems)
            }
            let resolved = try ScenarioResolver.resolve(InputReader.resolve(scenario, against: path))
            return (resolved.input, [resolved.landscapePath, resolved.casesPath] + resolved.chain)
        }
        guard let landscape, let cases else {
            doc.problem(nil, "scenario", "missing; expected a scenario file, or both landscape and cases")
            throw InputError(doc.log.problems)
        }
        let files = [InputReader.resolve(landscape, against: path), InputReader.resolve(cases, against: path)]
        return (try InputReader.read(landscape: files[0], cases: files[1]), files)
    }

    /// Care types and networks named in the file must be the landscape's.
    static func checkNames(_ s: Simulation, _ top: [String: Node], _ doc: inout YAMLDocument) {
        let careTypes = Set(s.input.landscape.careTypes.map(\.id))
        let networks = Set(s.input.landscape.networks.map(\.id))
        for key in s.stays.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !careTypes.contains(key) {
            doc.problem(top["stays"], "stays.\(key)", "found \(shown(key.rawValue)); expected a care type of the landscape or default")
        }
        for key in s.arrivals.byNetwork.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !networks.contains(key) {
            doc.problem(top["arrivals"], "arrivals.byNetwork.\(key)", "found \(shown(key.rawValue)); expected a network of the landscape")
        }
        if s.arrivals.perWeek > 0 && s.input.cases.isEmpty {
            doc.problem(top["arrivals"], "arrivals.perWeek", "found \(s.arrivals.perWeek) with an empty waiting list; expected children on day 0 to draw new ones from")
        }
        var seen: Set<CareTypeID> = []
        for (k, step) in s.stepDown.enumerated() {
            if !seen.insert(step.from).inserted {
                doc.problem(top["stepDown"], "stepDown[\(k)].from", "found \(shown(step.from.rawValue)) again; expected one step-down per care type")
            }
            for type in [step.from] + step.to where !careTypes.contains(type) {
                doc.problem(top["stepDown"], "stepDown[\(k)]", "found \(shown(type.rawValue)); expected a care type of the landscape")
            }
        }
    }

    /// The optional settings with their defaults (SPEC §7).
    struct Settings {
        var warmUpWeeks: Int?, replanEveryDays: Int?, replications: Int?, seed: Int?, planTimeLimitSeconds: Double?

        mutating func read(_ top: [String: Node], _ doc: inout YAMLDocument) {
            warmUpWeeks = top["warmUpWeeks"].flatMap { doc.int($0, "warmUpWeeks", expected: "a whole number of weeks 0..520") { (0...520).contains($0) } }
            replanEveryDays = top["replanEveryDays"].flatMap { doc.int($0, "replanEveryDays", expected: "a whole number of days 1..28") { (1...28).contains($0) } }
            replications = top["replications"].flatMap { doc.int($0, "replications", expected: "a whole number 1..10000") { (1...10_000).contains($0) } }
            seed = top["seed"].flatMap { doc.int($0, "seed", expected: "a whole number >= 0") { $0 >= 0 } }
            planTimeLimitSeconds = top["planTimeLimitSeconds"].flatMap {
                doc.double($0, "planTimeLimitSeconds", expected: "a number of seconds > 0") { $0 > 0 && $0.isFinite }
            }
        }

        func apply(to s: inout Simulation) {
            if let warmUpWeeks { s.warmUpWeeks = warmUpWeeks }
            if let replanEveryDays { s.replanEveryDays = replanEveryDays }
            if let replications { s.replications = replications }
            if let seed { s.seed = UInt64(seed) }
            if let planTimeLimitSeconds { s.planTimeLimitSeconds = planTimeLimitSeconds }
        }
    }

    static func readArrivals(_ node: Node, _ doc: inout YAMLDocument) -> Simulation.Arrivals? {
        guard let m = doc.mapping(node, "arrivals", allowed: ["perWeek", "byNetwork"], required: ["perWeek"]) else { return nil }
        let perWeek = m["perWeek"].flatMap {
            doc.double($0, "arrivals.perWeek", expected: "expected children per week, 0..100000") { $0 >= 0 && $0 <= 100_000 }
        }
        var byNetwork: [NetworkID: Double] = [:]
        if let node = m["byNetwork"], let entries = doc.mapping(node, "arrivals.byNetwork", allowed: nil) {
            for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
                if let v = doc.double(value, "arrivals.byNetwork.\(key)", expected: "a multiplier 0..100", { $0 >= 0 && $0 <= 100 }) {
                    byNetwork[NetworkID(key)] = v
                }
            }
        }
        return perWeek.map { Simulation.Arrivals(perWeek: $0, byNetwork: byNetwork) }
    }

    static func readStays(_ node: Node, _ doc: inout YAMLDocument) -> (byType: [CareTypeID: Simulation.Stay], fallback: Simulation.Stay)? {
        guard let m = doc.mapping(node, "stays", allowed: nil, required: ["default"]) else { return nil }
        var byType: [CareTypeID: Simulation.Stay] = [:]
        var fallback: Simulation.Stay?
        for (key, value) in m.sorted(by: { $0.key < $1.key }) {
            guard let stay = readStay(value, "stays.\(key)", &doc) else { continue }
            if key == "default" { fallback = stay } else { byType[CareTypeID(key)] = stay }
        }
        return fallback.map { (byType, $0) }
    }

    static func readStay(_ node: Node, _ path: String, _ doc: inout YAMLDocument) -> Simulation.Stay? {
        guard let m = doc.mapping(node, path, allowed: ["meanDays", "cv", "distribution"], required: ["meanDays"]) else { return nil }
        let mean = m["meanDays"].flatMap { doc.double($0, "\(path).meanDays", expected: "a mean stay in days, 1..3650") { $0 >= 1 && $0 <= 3650 } }
        var distribution = Simulation.Stay.Distribution.lognormal
        if let d = m["distribution"], let text = doc.scalar(d, "\(path).distribution", expected: "exponential, lognormal or fixed") {
            if let parsed = Simulation.Stay.Distribution(rawValue: text) {
                distribution = parsed
            } else {
                doc.problem(d, "\(path).distribution", "found \(shown(text)); expected exponential, lognormal or fixed")
            }
        }
        var cv = distribution == .exponential ? 1.0 : 0.0
        if let c = m["cv"] {
            if distribution != .lognormal {
                doc.problem(c, "\(path).cv", "is given for a \(distribution.rawValue) stay; expected cv only with lognormal")
            } else if let v = doc.double(c, "\(path).cv", expected: "a coefficient of variation above 0, at most 10", { $0 > 0 && $0 <= 10 }) {
                cv = v
            }
        } else if distribution == .lognormal {
            doc.problem(node, "\(path).cv", "missing; expected the coefficient of variation of a lognormal stay")
        }
        return mean.map { Simulation.Stay(meanDays: $0, cv: cv, distribution: distribution) }
    }

    static func readStepDown(_ node: Node, _ doc: inout YAMLDocument) -> [Simulation.StepDown]? {
        guard let items = doc.sequence(node, "stepDown") else { return nil }
        return items.enumerated().compactMap { k, item in
            let path = "stepDown[\(k)]"
            guard let m = doc.mapping(item, path, allowed: ["from", "share", "to"], required: ["from", "share", "to"]) else { return nil }
            let from = m["from"].flatMap { doc.string($0, "\(path).from") }
            let share = m["share"].flatMap { doc.double($0, "\(path).share", expected: "a share 0..1") { $0 >= 0 && $0 <= 1 } }
            let to = m["to"].flatMap { doc.strings($0, "\(path).to") }
            guard let from, let share, let to else { return nil }
            if to.isEmpty { doc.problem(m["to"], "\(path).to", "is empty; expected the care types of the next step") }
            return Simulation.StepDown(from: CareTypeID(from), share: share, to: to.map { CareTypeID($0) })
        }
    }
}
