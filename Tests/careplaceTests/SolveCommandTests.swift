import Foundation
import Testing

/// `careplace solve`, `validate` and `export` end to end: files, output and exit codes.
@Suite("careplace solve, validate, export")
struct SolveCommandTests {
    static let landscape = "Tests/careplaceTests/Fixtures/small/landscape.yaml"
    static let cases = "Tests/careplaceTests/Fixtures/small/cases.csv"

    func contents(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("plans the files: one row per child, a summary, and a readable table")
    func solve() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan")
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("status                optimal"))
        #expect(r.stdout.contains("6: 5 placed, 1 unplaced"))
        let csv = try contents(out, "assignments.csv").split(separator: "\n")
        #expect(csv.first == "id,status,service,facilityOrTeam,mode,careType,startDate,waitDays,distanceKm,cost,reason,explanation,region,network,urgency,needs")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("assignments.xlsx").path))
        // SPEC §9: per placed child its nearest compatible service not given, and the extra cost
        let explanations = try contents(out, "explanations.csv").split(separator: "\n")
        #expect(explanations.first == "id,service,distanceKm,nearestService,nearestKm,extraCost")
        #expect(explanations.count == 1 + 5)
        #expect(csv.count == 7)
        #expect(csv.contains { $0.hasPrefix("C-001,placed,F-ZUIDLAREN-secure,F-ZUIDLAREN,residential,secure,2026-11-23,0,") })
        #expect(csv.contains { $0.hasPrefix("C-006,unplaced,,,,,,,,1000.00,no-compatible-service,") && $0.contains("T-FACT-ASSEN is 244 km away") })
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contents(out, "summary.json").utf8)) as? [String: Any])
        for key in ["status", "objective", "bound", "gap", "placed", "unplaced", "solveSeconds", "distanceKm", "waitDays",
                    "shareHomeBased", "shareOutsideNetwork", "unplacedByUrgency", "utilisationByCareType"] {
            #expect(summary[key] != nil, "summary.json lacks \(key)")
        }
        #expect(summary["status"] as? String == "optimal")
        #expect(summary["placed"] as? Int == 5)
    }

    @Test("--no-explanations writes no explanations.csv, and an earlier run's is not left to be taken for this plan's")
    func noExplanations() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan")
        #expect(try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path, "--quiet"]).exitCode == 0)
        let stale = out.appendingPathComponent("explanations.csv")
        #expect(FileManager.default.fileExists(atPath: stale.path))
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path, "--no-explanations"])
        #expect(r.exitCode == 0)
        #expect(!r.stdout.contains("explanations.csv"))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("assignments.csv").path))
    }

    @Test("the same input gives byte-identical files, run after run")
    func deterministic() throws {
        var outputs: [String] = []
        for _ in 0..<3 {
            let out = try CLI.temporaryDirectory()
            let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path, "--reproducible"])
            #expect(r.exitCode == 0)
            outputs.append(try contents(out, "assignments.csv") + contents(out, "summary.json"))
        }
        #expect(Set(outputs).count == 1)
    }

    @Test("bad input: exit 2, every problem listed on stderr, nothing written")
    func badInput() throws {
        let dir = try CLI.temporaryDirectory()
        let cases = dir.appendingPathComponent("cases.csv")
        try "id,lat,lon,region,age,needs\nC1,53.1,6.5,utopia,14,fact\nC2,53.1,6.5,drenthe,-4,fact\n".write(to: cases, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--out", out.path])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("cases.csv:2: region: found \"utopia\""))
        #expect(r.stderr.contains("cases.csv:3: age: found \"-4\""))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("contradictory pins: exit 3 naming the pins, nothing written")
    func contradictoryPins() throws {
        let dir = try CLI.temporaryDirectory()
        let cases = dir.appendingPathComponent("cases.csv")
        try "id,lat,lon,region,age,needs,pinnedService\nC1,53.0,6.5,drenthe,14,fact,T-FACT-ASSEN\nC2,53.0,6.5,drenthe,15,fact,T-FACT-ASSEN\nC3,53.0,6.5,drenthe,16,fact,T-FACT-ASSEN\nC4,53.0,6.5,drenthe,16,fact,T-FACT-ASSEN\n"
            .write(to: cases, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--out", out.path])
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("4 cases are pinned to T-FACT-ASSEN (C1, C2, C3, C4), which has 2 places"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("validate lists every problem (exit 2) or says OK (exit 0)")
    func validate() throws {
        let ok = try CLI.run(["validate", Self.landscape, Self.cases])
        #expect(ok.exitCode == 0)
        #expect(ok.stdout.contains("OK: 6 cases"))
        let dir = try CLI.temporaryDirectory()
        let landscape = dir.appendingPathComponent("landscape.yaml")
        let text = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(Self.landscape).path, encoding: .utf8)
        try text.replacingOccurrences(of: "capacity: 2", with: "capacity: two").replacingOccurrences(of: "caseload: 2", with: "caseload: 2\n    colour: red")
            .write(to: landscape, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["validate", landscape.path, CLI.packageRoot.appendingPathComponent(Self.cases).path])
        #expect(bad.exitCode == 2)
        #expect(bad.stdout.contains("capacity: found \"two\"; expected a whole number from 0 to 100000"))
        #expect(bad.stdout.contains("teams[0].colour: unknown key \"colour\""))
    }

    @Test("export writes the full model with readable names, solvable to the plan's objective")
    func export() throws {
        let dir = try CLI.temporaryDirectory()
        let mps = dir.appendingPathComponent("model.mps").path
        let r = try CLI.run(["export", "--landscape", Self.landscape, "--cases", Self.cases, "--mps", mps])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(text.contains("x_C-001_F-ZUIDLAREN-secure_2026-11-23"))
        #expect(text.contains("unplaced_C-006"))
        let solved = try CLI.run(["mps", "--free", mps, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])
        let objective = try #require(object["objective"] as? Double)
        #expect(abs(objective - 1234.49241016) < 1e-6)
    }

    @Test("generate --matrix writes a road-distance matrix the landscape names, and solve uses it")
    func generatedMatrix() throws {
        let dir = try CLI.temporaryDirectory()
        let g = try CLI.run(["generate", "--cases", "120", "--seed", "3", "--matrix", "--out", dir.path])
        #expect(g.exitCode == 0, "\(g.stderr)")
        let landscape = try contents(dir, "landscape.yaml")
        #expect(landscape.contains("  matrix: travel-km.csv"))
        let matrix = try contents(dir, "travel-km.csv").split(separator: "\n")
        #expect(matrix.first == "from,to,km" && matrix.count > 120)
        let out = dir.appendingPathComponent("plan")
        let r = try CLI.run(["solve", "--landscape", dir.appendingPathComponent("landscape.yaml").path,
                             "--cases", dir.appendingPathComponent("cases.csv").path, "--out", out.path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        // a placed child's distance is its matrix entry when there is one (assignments.csv rounds to 0.1 km)
        let km = Dictionary(matrix.dropFirst().map { line -> (String, String) in
            let f = line.split(separator: ",").map(String.init)
            return (f[0] + "|" + f[1], f[2])
        }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for line in try contents(out, "assignments.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f[1] == "placed", let given = km[f[0] + "|" + f[3]] else { continue }
            #expect(Double(f[8]).map { abs($0 - (Double(given) ?? -1)) <= 0.051 } == true, "\(f[0]) at \(f[3])")
            checked += 1
        }
        #expect(checked > 10)
    }
}
