import Foundation

/// Sweeps bigger than one machine: a shard runs part of the replications
/// and writes each as a file of its own; a merge of all the shards' files
/// gives the same summary.json and weekly.csv, byte for byte, as one run.
/// Any batch scheduler (a Slurm array job, a Kubernetes indexed Job, GNU
/// parallel) can run the shards: nothing but files passes between them.
public enum Shards {
    /// Shard k of n (1-based): the replications r (0-based) with r mod n = k − 1.
    public static func indices(shard k: Int, of n: Int, total: Int) -> [Int] {
        stride(from: k - 1, to: total, by: n).map { $0 }
    }

    /// The file of one replication, `replication-<r + 1>.json`, exact to the last bit
    /// (numbers written as Swift's shortest round-trip text).
    public static func file(_ info: SimulationInfo, replication r: Int, _ result: ReplicationResult) -> (name: String, contents: String) {
        let record = Record(
            simulation: info, replication: r + 1, arrivals: result.arrivals, plans: result.plans,
            plansAtTimeLimit: result.plansAtTimeLimit,
            kpis: result.kpis.map { Record.KPI(name: $0.name, value: $0.value.map { "\($0)" }) },
            weeks: result.weeks.map { w in
                Record.Week(
                    week: w.week, waiting: w.waiting, longestWaitDays: w.longestWaitDays, started: w.started,
                    waitDaysMean: w.waitDaysMean.map { "\($0)" },
                    blockedPlaceDays: w.blockedPlaceDays, occupancy: w.occupancy.map { $0.map { "\($0)" } })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(record)) ?? Data()
        return ("replication-\(r + 1).json", String(decoding: data, as: UTF8.self) + "\n")
    }

    /// Every simulation's replications from the shards' output folders
    /// (`<dir>/<name>/replications/*.json`): each replication exactly once,
    /// all of one simulation agreeing on what it is.
    public static func merge(_ dirs: [String]) throws(SimulationError) -> [SimulationSummary] {
        var found: [String: (info: SimulationInfo, results: [Int: ReplicationResult], files: [Int: String])] = [:]
        for file in try replicationFiles(dirs) {
            let record = try read(file)
            let name = record.simulation.name
            if let seen = found[name], seen.info != record.simulation {
                throw SimulationError("\(file): simulation \(name) differs from the one in \(seen.files.values.sorted().first ?? "another shard") (weeks, seed, replications, care types or the files' contents); expected the shards of one run")
            }
            if let other = found[name]?.files[record.replication] {
                throw SimulationError("\(file): replication \(record.replication) of \(name) is also in \(other); expected each replication once")
            }
            guard (1...record.simulation.replications).contains(record.replication) else {
                throw SimulationError("\(file): replication \(record.replication); expected 1 to \(record.simulation.replications)")
            }
            found[name, default: (record.simulation, [:], [:])].results[record.replication] = try record.result(file)
            found[name]?.files[record.replication] = file
        }
        guard !found.isEmpty else { throw SimulationError("no replication files in \(dirs.joined(separator: ", ")); expected the --out folders of shard runs") }
        return try found.keys.sorted().map { name throws(SimulationError) in
            let (info, results, _) = found[name] ?? (SimulationInfo.empty, [:], [:])
            let missing = (1...info.replications).filter { results[$0] == nil }
            guard missing.isEmpty else {
                throw SimulationError("simulation \(name): replications \(missing.map(String.init).joined(separator: ", ")) missing; expected all \(info.replications) (run every shard)")
            }
            return SimulationSummary(info, results: (1...info.replications).compactMap { results[$0] })
        }
    }

    static func replicationFiles(_ dirs: [String]) throws(SimulationError) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for dir in dirs {
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { throw SimulationError("\(dir): cannot be read; expected a folder") }
            for simulation in names.sorted() {
                let folder = (dir as NSString).appendingPathComponent(simulation + "/replications")
                guard let items = try? fm.contentsOfDirectory(atPath: folder) else { continue }
                files += items.filter { $0.hasPrefix("replication-") && $0.hasSuffix(".json") }.sorted()
                    .map { (folder as NSString).appendingPathComponent($0) }
            }
        }
        return files
    }

    static func read(_ file: String) throws(SimulationError) -> Record {
        guard let data = FileManager.default.contents(atPath: file) else { throw SimulationError("\(file): cannot be read") }
        do {
            return try JSONDecoder().decode(Record.self, from: data)
        } catch {
            throw SimulationError("\(file): not a replication file of careplace simulate --shard (\(error))")
        }
    }

    struct Record: Codable {
        struct KPI: Codable { var name: String; var value: String? }
        struct Week: Codable {
            var week, waiting, longestWaitDays, started: Int
            var waitDaysMean: String?
            var blockedPlaceDays: Int
            var occupancy: [String?]
        }
        var simulation: SimulationInfo
        var replication, arrivals, plans, plansAtTimeLimit: Int
        var kpis: [KPI]
        var weeks: [Week]

        func result(_ file: String) throws(SimulationError) -> ReplicationResult {
            func number(_ s: String?) throws(SimulationError) -> Double? {
                guard let s else { return nil }
                guard let x = Double(s), x.isFinite else { throw SimulationError("\(file): found \"\(s)\"; expected a number") }
                return x
            }
            var kpiValues: [(name: String, value: Double?)] = []
            for k in kpis { kpiValues.append((k.name, try number(k.value))) }
            var rows: [WeekRow] = []
            for w in weeks {
                var occupancy: [Double?] = []
                for o in w.occupancy { occupancy.append(try number(o)) }
                rows.append(WeekRow(
                    week: w.week, waiting: w.waiting, longestWaitDays: w.longestWaitDays, started: w.started,
                    waitDaysMean: try number(w.waitDaysMean),
                    blockedPlaceDays: w.blockedPlaceDays, occupancy: occupancy))
            }
            return ReplicationResult(kpis: kpiValues, weeks: rows, arrivals: arrivals, plans: plans, plansAtTimeLimit: plansAtTimeLimit)
        }
    }
}

extension SimulationInfo {
    static let empty = SimulationInfo(name: "", weeks: 0, warmUpWeeks: 0, seed: 0, replications: 0, careTypes: [], inputs: "")

    init(name: String, weeks: Int, warmUpWeeks: Int, seed: UInt64, replications: Int, careTypes: [String], inputs: String) {
        self.inputs = inputs
        self.name = name
        self.weeks = weeks
        self.warmUpWeeks = warmUpWeeks
        self.seed = seed
        self.replications = replications
        self.careTypes = careTypes
    }
}
