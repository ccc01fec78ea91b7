import Foundation
import Placement
import PlacementIO
public import PlacementModel
import Yams

/// Resolves a scenario file (SPEC §6): follows its `base` chain (a cycle is
/// an error), reads the landscape and cases the nearest file names, then
/// applies the changes in order: the base's, the file's own, and finally the
/// command line's `--set key=value` overrides. Every problem names the file,
/// line and key path, and all are reported together (exit 2).
public enum ScenarioResolver {
    /// Keys `--set` accepts.
    public static let overrideKeys = [
        "horizonDays=N", "ownNetworkOnly=true|false",
    ] + Weights.groups.map { key, entries in
        let members = entries.compactMap(\.parts.member)
        return members.isEmpty ? "weights.\(key)=X" : "weights.\(key).<\(members.joined(separator: "|"))>=X"
    } + ["capacity.<service id>=N", "demand=FACTOR[@SEED]"]

    /// One scenario file of a base chain: its YAML and top-level keys.
    typealias Link = (file: String, doc: YAMLDocument, top: [String: Node])

    public static func resolve(_ path: String, overrides: [String] = []) throws(InputError) -> ResolvedScenario {
        let chain = try baseChain(path)
        guard let leaf = chain.last else { throw InputError([]) }
        let name = leaf.top["name"]?.scalar?.string ?? (path as NSString).lastPathComponent
        let (landscapePath, casesPath) = try inputs(chain, path)
        var current = try InputReader.read(landscape: landscapePath, cases: casesPath)
        var (applied, problems) = applyChanges(chain, to: &current)
        // then the overrides
        for text in overrides {
            switch override(text, landscape: current.landscape) {
            case .failure(let problem): problems.append(problem)
            case .success(let change):
                let located = LocatedChange(change: change, file: "--set", line: nil, path: text)
                if let problem = ScenarioChanges.apply(located, to: &current) { problems.append(problem) } else { applied.append(located) }
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return ResolvedScenario(
            name: name, description: leaf.top["description"]?.scalar?.string, chain: chain.map(\.file),
            landscapePath: landscapePath, casesPath: casesPath, changes: applied, overrides: overrides, input: current)
    }


    /// The scenario and its bases, base first, each file read and checked.
    private static func baseChain(_ path: String) throws(InputError) -> [Link] {
        var problems: [InputProblem] = []
        // the chain, leaf first
        var chain: [Link] = []
        var seen: [String] = []
        var next: String? = path
        while let file = next {
            let key = (file as NSString).standardizingPath
            if seen.contains(key) {
                problems.append(InputProblem(
                    file: chain.last?.file ?? file, line: chain.last?.top["base"].flatMap { $0.mark?.line }, field: "base",
                    message: "the base chain forms a cycle: \((seen + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")); expected a chain that ends"))
                throw InputError(problems)
            }
            seen.append(key)
            var doc = YAMLDocument(file: file)
            let text: String
            switch InputReader.readText(file) {
            case .success(let t): text = t
            case .failure(let problem):
                if let referrer = chain.last {
                    // say which scenario names the missing base
                    problems.append(InputProblem(
                        file: referrer.file, line: referrer.top["base"]?.mark?.line, field: "base",
                        message: "found \(shown(referrer.top["base"]?.scalar?.string ?? file)): \(problem.message); expected a scenario file"))
                } else {
                    problems.append(problem)
                }
                throw InputError(problems)
            }
            let keys: Set<String> = ["version", "name", "description", "base", "landscape", "cases", "changes"]
            guard let root = doc.parse(text), let top = doc.top(root, kind: "scenario", allowed: keys, required: ["version", "name"]) else {
                throw InputError(problems + doc.log.problems)
            }
            if let v = top["version"] {
                _ = doc.int(v, "version", expected: "1 (the only scenario format version)") { $0 == 1 }
            }
            _ = top["name"].flatMap { doc.string($0, "name") }
            problems += doc.log.problems
            doc.log.problems.removeAll()
            chain.append((file, doc, top))
            next = top["base"].flatMap { node in
                var d = YAMLDocument(file: file)
                let relative = d.string(node, "base")
                problems += d.log.problems
                return relative.map { InputReader.resolve($0, against: file) }
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return chain.reversed()
    }


    /// The landscape and cases files: the nearest file to the leaf that names each.
    private static func inputs(_ chain: [Link], _ path: String) throws(InputError) -> (landscape: String, cases: String) {
        func input(_ key: String) -> String? {
            for link in chain.reversed() {
                if let node = link.top[key], let value = node.scalar?.string, !value.isEmpty {
                    return InputReader.resolve(value, against: link.file)
                }
            }
            return nil
        }
        guard let landscapePath = input("landscape"), let casesPath = input("cases") else {
            let missing = [input("landscape") == nil ? "landscape" : nil, input("cases") == nil ? "cases" : nil].compactMap { $0 }
            throw InputError(missing.map {
                InputProblem(file: path, line: nil, field: $0, message: "missing; expected a path here or in a base scenario")
            })
        }
        return (landscapePath, casesPath)
    }

    /// The chain's changes, base first, each applied before the next is read.
    private static func applyChanges(_ chain: [Link], to current: inout PlacementInput) -> ([LocatedChange], [InputProblem]) {
        var problems: [InputProblem] = []
        var applied: [LocatedChange] = []
        for link in chain {
            guard let node = link.top["changes"] else { continue }
            var doc = link.doc
            guard let items = doc.sequence(node, "changes") else { problems += doc.log.problems; continue }
            for (k, item) in items.enumerated() {
                let itemPath = "changes[\(k)]"
                var reader = ChangeReader(doc: doc, landscape: current.landscape)
                if let change = reader.read(item, itemPath) {
                    let located = LocatedChange(change: change.change, file: link.file, line: item.mark?.line, path: change.path)
                    if let problem = ScenarioChanges.apply(located, to: &current) {
                        problems.append(problem)
                    } else {
                        applied.append(located)
                    }
                }
                problems += reader.doc.log.problems
            }
        }
        return (applied, problems)
    }

    /// `--set key=value` as a change.
    static func override(_ text: String, landscape: Landscape) -> Result<ScenarioChange, InputProblem> {
        func fail(_ message: String) -> Result<ScenarioChange, InputProblem> {
            .failure(InputProblem(file: "--set", line: nil, field: text, message: message))
        }
        guard let eq = text.firstIndex(of: "=") else {
            return fail("found no '='; expected key=value with key one of \(overrideKeys.joined(separator: ", "))")
        }
        let key = String(text[..<eq]), value = String(text[text.index(after: eq)...])
        switch key {
        case "horizonDays":
            guard let n = Int(value), (0...ChangeReader.maxHorizonDays).contains(n) else {
                return fail("found \(shown(value)); expected a whole number of days between 0 and \(ChangeReader.maxHorizonDays)")
            }
            return .success(.setHorizon(n))
        case "ownNetworkOnly":
            guard let b = Bool(value) else { return fail("found \(shown(value)); expected true or false") }
            return .success(.ownNetworkOnly(b))
        case "demand":
            let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
            guard let factor = parts.first.flatMap({ decimal($0) }), (0...ChangeReader.maxFactor).contains(factor) else {
                return fail("found \(shown(value)); expected a factor between 0 and \(Int(ChangeReader.maxFactor)), optionally @seed (e.g. 1.2@7)")
            }
            let seed = parts.count > 1 ? UInt64(parts[1]) : 1
            guard let seed else { return fail("found \(shown(value)); expected a whole-number seed after @") }
            return .success(.scaleDemand(factor: factor, seed: seed, ScenarioFilter()))
        default:
            if key.hasPrefix("capacity.") {
                let id = String(key.dropFirst("capacity.".count))
                guard let n = Int(value), Limits.capacity.contains(n) else { return fail("found \(shown(value)); expected \(Limits.words(Limits.capacity)) (places)") }
                return .success(.setCapacity(service: ServiceID(id), capacity: n))
            }
            if key.hasPrefix("weights.") {
                guard let x = decimal(value), Limits.weight.contains(x) else { return fail("found \(shown(value)); expected \(Limits.words(Limits.weight))") }
                let name = String(key.dropFirst("weights.".count))
                guard Weights.entry(name) != nil else {
                    return fail("unknown weight; expected one of " + Weights.table.map(\.key).joined(separator: ", "))
                }
                return .success(.setWeights(WeightChanges([name: x])))
            }
            return fail("unknown key; expected one of \(overrideKeys.joined(separator: ", "))")
        }
    }
}

/// Reads one item of `changes:`: a mapping with exactly one key, the change kind.
struct ChangeReader {
    var doc: YAMLDocument
    let landscape: Landscape

    /// Bounds that keep a typo from exhausting memory or overflowing dates.
    static let maxFactor = 100.0
    static let maxHorizonDays = 3650

    static let kinds: Set<String> = [
        "addTeam", "addFacility", "removeFacility", "removeTeam", "setCapacity", "scaleCapacity",
        "scaleDemand", "setWeights", "setHorizon", "ownNetworkOnly",
    ]

    mutating func read(_ item: Node, _ path: String) -> (change: ScenarioChange, path: String)? {
        guard let m = doc.mapping(item, path, allowed: Self.kinds) else { return nil }
        guard m.count == 1, let (kind, node) = m.first else {
            // an unknown kind alone has been reported already
            if (item.mapping?.count ?? 0) != 1 {
                doc.problem(item, path, "found \(item.mapping?.count ?? 0) changes in one item; expected exactly one of \(Self.kinds.sorted().joined(separator: ", "))")
            }
            return nil
        }
        let at = "\(path).\(kind)"
        let change: ScenarioChange?
        switch kind {
        case "addTeam":
            var reader = LandscapeReader(file: doc.file, context: landscape)
            reader.doc.log = doc.log
            change = reader.readTeam(node, at).map { .addTeam($0) }
            doc.log = reader.doc.log
        case "addFacility":
            var reader = LandscapeReader(file: doc.file, context: landscape)
            reader.doc.log = doc.log
            var services: [Service] = []
            let facility = reader.readFacility(node, at, &services)
            doc.log = reader.doc.log
            change = facility.map { .addFacility($0, services: services) }
        case "removeFacility":
            change = doc.string(node, at).map { .removeFacility(FacilityID($0)) }
        case "removeTeam":
            change = doc.string(node, at).map { .removeTeam(ServiceID($0)) }
        case "setCapacity":
            guard let m = doc.mapping(node, at, allowed: ["service", "capacity"], required: ["service", "capacity"]) else { return nil }
            let service = m["service"].flatMap { doc.string($0, "\(at).service") }
            let capacity = m["capacity"].flatMap { doc.int($0, "\(at).capacity", expected: Limits.words(Limits.capacity)) { Limits.capacity.contains($0) } }
            guard let service, let capacity else { return nil }
            change = .setCapacity(service: ServiceID(service), capacity: capacity)
        case "scaleCapacity":
            guard let m = doc.mapping(node, at, allowed: ["factor", "careType", "region", "network"], required: ["factor"]) else { return nil }
            let factor = m["factor"].flatMap { doc.double($0, "\(at).factor", expected: "a factor between 0 and \(Int(Self.maxFactor))") { (0...Self.maxFactor).contains($0) } }
            let filter = readFilter(m, at)
            guard let factor, let filter else { return nil }
            change = .scaleCapacity(factor: factor, filter)
        case "scaleDemand":
            guard let m = doc.mapping(node, at, allowed: ["factor", "seed", "careType", "region", "network"], required: ["factor"]) else { return nil }
            let factor = m["factor"].flatMap { doc.double($0, "\(at).factor", expected: "a factor between 0 and \(Int(Self.maxFactor))") { (0...Self.maxFactor).contains($0) } }
            var seed: UInt64? = 1
            if let s = m["seed"] {
                seed = doc.int(s, "\(at).seed", expected: "a whole number >= 0") { $0 >= 0 }.map { UInt64($0) }
            }
            let filter = readFilter(m, at)
            guard let factor, let seed, let filter else { return nil }
            change = .scaleDemand(factor: factor, seed: seed, filter)
        case "setWeights":
            guard let values = doc.weights(node, at) else { return nil }
            change = .setWeights(WeightChanges(values))
        case "setHorizon":
            change = doc.int(node, at, expected: "a whole number of days between 0 and \(Self.maxHorizonDays)") { (0...Self.maxHorizonDays).contains($0) }.map { .setHorizon($0) }
        case "ownNetworkOnly":
            change = doc.bool(node, at).map { .ownNetworkOnly($0) }
        default:
            change = nil
        }
        return change.map { ($0, at) }
    }

    /// careType, region and network filters; each must name something in the landscape.
    mutating func readFilter(_ m: [String: Node], _ at: String) -> ScenarioFilter? {
        var filter = ScenarioFilter()
        var ok = true
        if let n = m["careType"], let v = doc.string(n, "\(at).careType") {
            if landscape.careTypes.contains(where: { $0.id.rawValue == v }) { filter.careType = CareTypeID(v) } else {
                doc.problem(n, "\(at).careType", "found \(shown(v)); expected a care type of the landscape")
                ok = false
            }
        }
        if let n = m["region"], let v = doc.string(n, "\(at).region") {
            if landscape.regions.contains(where: { $0.id.rawValue == v }) { filter.region = RegionID(v) } else {
                doc.problem(n, "\(at).region", "found \(shown(v)); expected a region of the landscape")
                ok = false
            }
        }
        if let n = m["network"], let v = doc.string(n, "\(at).network") {
            if landscape.networks.contains(where: { $0.id.rawValue == v }) { filter.network = NetworkID(v) } else {
                doc.problem(n, "\(at).network", "found \(shown(v)); expected a network of the landscape")
                ok = false
            }
        }
        return ok ? filter : nil
    }
}
