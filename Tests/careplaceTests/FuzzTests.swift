import Foundation
import PlacementModel
import Synchronization
import Testing

/// A mutation loop over the small fixture's landscape, its cases and a
/// scenario using every kind of change (issue 14): extreme and malformed
/// numbers, deleted, repeated and swapped lines, stray bytes (invalid UTF-8,
/// NUL, terminal escapes), truncation. Each run must end in exit 0, 2 or 3,
/// without a trap or a hang, with nothing written unless it succeeded, and
/// exit 0 only with a finite summary.json that agrees with assignments.csv.
@Suite("careplace under fuzzed input")
struct FuzzTests {
    static let inputs = 1_000
    /// Far beyond the slowest honest run on this input (well under a second).
    static let hangSeconds = 60.0

    static let scenario = """
        version: 1
        name: fuzz
        landscape: landscape.yaml
        cases: cases.csv
        changes:
          - setCapacity: { service: F-ZUIDLAREN-secure, capacity: 3 }
          - scaleCapacity: { factor: 1.5, careType: fact }
          - scaleDemand: { factor: 2, seed: 3, region: drenthe }
          - setWeights: { perKm: 1.5, perWaitDay: 2, unplaced: 1000 }
          - addTeam: { id: T-NEW, region: twente, lat: 52.3, lon: 6.8, careTypes: [fact], caseload: 2, maxTravelKm: 50 }
          - addFacility: { id: F-NEW, region: groningen, lat: 53.2, lon: 6.6, services: [{ id: F-NEW-home, careTypes: [group-home], mode: residential, capacity: 2 }] }
          - removeTeam: T-FACT-ASSEN
          - setHorizon: 120
          - ownNetworkOnly: false

        """

    static let oddValues = [
        "0", "-1", "-0", "1e308", "-1e308", "1.7976931348623157e308", "9223372036854775807", "-9223372036854775808",
        "4.9e-324", "nan", "inf", "-inf", "0x34", "", "999999999999", "3e16", "1e18", "2147483648", "1,5", "0.000001",
        "1e-320", "+7", "12abc", "٣", "\u{1B}[2J", "\"", "[", "{", "&a", "*a", "!!binary AA==", "~", "null", "true",
        String(repeating: "9", count: 400), String(repeating: "x", count: 10_000),
    ]

    @Test("1,000 mutated inputs (fixed seed): exit 0, 2 or 3; no trap, no hang, no partial output; a success is consistent")
    func mutatedInputs() throws {
        let fixture = CLI.packageRoot.appendingPathComponent("Tests/careplaceTests/Fixtures/small")
        let originals = [
            try Data(contentsOf: fixture.appendingPathComponent("landscape.yaml")),
            try Data(contentsOf: fixture.appendingPathComponent("cases.csv")),
            Data(Self.scenario.utf8),
        ]
        let binary = try CLI.binary
        let root = try CLI.temporaryDirectory()
        let failures = Mutex<[String]>([])
        let exits = Mutex<[Int32: Int]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: Self.inputs, by: 2) {
                var rng = SplitMix64(seed: 0xF022 &+ UInt64(index))
                var files = originals
                let target = index % 3
                files[target] = Mutator.mutate(files[target], rng: &rng, odd: Self.oddValues)
                let outcome = Self.run(index, files, binary: binary, root: root)
                // a failing input stays on disk to be looked at
                if outcome.failure == nil { try? FileManager.default.removeItem(at: root.appendingPathComponent("input-\(index)")) }
                exits.withLock { $0[outcome.code, default: 0] += 1 }
                if let failure = outcome.failure {
                    failures.withLock { $0.append("input \(index) (\(["landscape", "cases", "scenario"][target])): \(failure)") }
                }
            }
        }
        let found = failures.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) of \(Self.inputs) failed (inputs kept in \(root.path)):\n\(found.prefix(10).joined(separator: "\n"))")
        let counts = exits.withLock { $0 }
        #expect(counts.values.reduce(0, +) == Self.inputs)
        #expect((counts[0] ?? 0) > 50 && (counts[2] ?? 0) > 50, "both accepted and refused inputs among the mutations: \(counts)")
        if found.isEmpty { try? FileManager.default.removeItem(at: root) }
    }

    /// One input in its own folder: `solve` for a mutated landscape or cases
    /// file, `scenario run` for a mutated scenario.
    static func run(_ index: Int, _ files: [Data], binary: URL, root: URL) -> (code: Int32, failure: String?) {
        let dir = root.appendingPathComponent("input-\(index)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, data) in zip(["landscape.yaml", "cases.csv", "fuzz.yaml"], files) {
                try data.write(to: dir.appendingPathComponent(name))
            }
        } catch {
            return (-1, "cannot prepare: \(error)")
        }
        let out = dir.appendingPathComponent("out")
        let arguments = index % 3 == 2
            ? ["scenario", "run", "fuzz.yaml", "--out", "out"]
            : ["solve", "--landscape", "landscape.yaml", "--cases", "cases.csv", "--out", "out"]
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { return (-1, "cannot start: \(error)") }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(hangSeconds)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (-2, "no answer after \(Int(hangSeconds)) s")
        }
        let code = process.terminationStatus
        if process.terminationReason == .uncaughtSignal { return (-3, "killed by signal \(code): \(String(decoding: stderr.prefix(300), as: UTF8.self))") }
        let folder = index % 3 == 2 ? out.appendingPathComponent("fuzz") : out
        switch code {
        case 0: return (0, Consistency.problem(in: folder))
        case 2, 3:
            if stderr.isEmpty { return (code, "exit \(code) with nothing said") }
            return (code, FileManager.default.fileExists(atPath: out.path) ? "exit \(code) but \(out.lastPathComponent) was written" : nil)
        default:
            return (code, "exit \(code): \(String(decoding: stderr.prefix(300), as: UTF8.self))")
        }
    }
}

/// What a successful run's files must satisfy.
enum Consistency {
    static func problem(in folder: URL) -> String? {
        guard let summaryData = try? Data(contentsOf: folder.appendingPathComponent("summary.json")),
              let summary = (try? JSONSerialization.jsonObject(with: summaryData)) as? [String: Any] else {
            return "exit 0 without a readable summary.json"
        }
        guard let csv = try? String(contentsOf: folder.appendingPathComponent("assignments.csv"), encoding: .utf8) else {
            return "exit 0 without assignments.csv"
        }
        guard let status = summary["status"] as? String, ["optimal", "feasible"].contains(status) else {
            return "exit 0 with status \(summary["status"] ?? "none")"
        }
        for key in ["objective", "bound", "gap"] {
            guard let value = summary[key] as? Double, value.isFinite else { return "exit 0 with \(key) \(summary[key] ?? "none")" }
        }
        let rows = csv.split(separator: "\n").dropFirst()
        let placedRows = rows.filter { secondField(of: $0) == "placed" }.count
        guard let placed = summary["placed"] as? Int, let unplaced = summary["unplaced"] as? Int,
              placed == placedRows, placed + unplaced == rows.count else {
            return "summary.json (placed \(summary["placed"] ?? "-"), unplaced \(summary["unplaced"] ?? "-")) disagrees with \(rows.count) rows, \(placedRows) placed"
        }
        return nil
    }
}

/// The second field of a CSV row whose first may be quoted ("C-0,4").
private func secondField(of row: Substring) -> Substring? {
    var rest = row[...]
    if rest.hasPrefix("\"") {
        rest = rest.dropFirst()
        while let quote = rest.firstIndex(of: "\"") {
            rest = rest[rest.index(after: quote)...]
            if rest.hasPrefix("\"") { rest = rest.dropFirst() } else { break }
        }
    }
    guard let comma = rest.firstIndex(of: ",") else { return nil }
    return rest[rest.index(after: comma)...].split(separator: ",", omittingEmptySubsequences: false).first
}

/// One to three random edits of a file's bytes.
enum Mutator {
    static func mutate(_ data: Data, rng: inout SplitMix64, odd: [String]) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...(rng.next() % 3) {
            switch rng.next() % 7 {
            case 0, 1: replaceNumber(&bytes, rng: &rng, with: odd[Int(rng.next() % UInt64(odd.count))])
            case 2: editLines(&bytes, rng: &rng)
            case 3:
                if !bytes.isEmpty {
                    let strays: [UInt8] = [0x00, 0x1B, 0xE9, 0xFF, 0xC3, 0x0A, 0x0D, 0x22, 0x3A, 0x3B, 0x2C, 0x7C, 0x09, 0x23]
                    bytes[Int(rng.next() % UInt64(bytes.count))] = strays[Int(rng.next() % UInt64(strays.count))]
                }
            case 4: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            case 5:
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                bytes.insert(contentsOf: Array(odd[Int(rng.next() % UInt64(odd.count))].utf8), at: at)
            default: replaceNumber(&bytes, rng: &rng, with: String(Int64(bitPattern: rng.next()) % 1_000_000))
            }
        }
        return Data(bytes)
    }

    /// Replaces one run of digits (with its sign, point or comma) by `value`.
    static func replaceNumber(_ bytes: inout [UInt8], rng: inout SplitMix64, with value: String) {
        var runs: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard (0x30...0x39).contains(bytes[i]) else { i += 1; continue }
            var start = i
            if start > 0 && bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
            while i < bytes.count && ((0x30...0x39).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")) { i += 1 }
            runs.append(start..<i)
        }
        guard !runs.isEmpty else { return }
        bytes.replaceSubrange(runs[Int(rng.next() % UInt64(runs.count))], with: Array(value.utf8))
    }

    /// Deletes, repeats or swaps lines.
    static func editLines(_ bytes: inout [UInt8], rng: inout SplitMix64) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        let a = Int(rng.next() % UInt64(lines.count)), b = Int(rng.next() % UInt64(lines.count))
        switch rng.next() % 3 {
        case 0: lines.remove(at: a)
        case 1: lines.insert(lines[a], at: b)
        default: lines.swapAt(a, b)
        }
        bytes = Array(lines.joined(separator: [0x0A]))
    }
}
