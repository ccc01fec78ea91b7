import Foundation
import Testing

/// `careplace scenario run` and `careplace compare` end to end on the small
/// fixture: run records, parallel = sequential, comparison files, exit codes.
@Suite("careplace scenario run, compare")
struct ScenarioCommandTests {
    /// Scenario files next to copies of the small fixture.
    func folder() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        for name in ["landscape.yaml", "cases.csv"] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("Tests/careplaceTests/Fixtures/small/\(name)"),
                to: dir.appendingPathComponent(name))
        }
        let files = [
            "base.yaml": "version: 1\nname: base\ndescription: \"as it is\"\nlandscape: landscape.yaml\ncases: cases.csv\n",
            "wait.yaml": "version: 1\nname: patient\nbase: base.yaml\nchanges:\n  - setWeights: { perWaitDay: 0.5 }\n",
            "bad.yaml": "version: 1\nname: bad\nbase: base.yaml\nchanges:\n  - removeTeam: T-NOPE\n",
            "dots.yaml": "version: 1\nname: \"..\"\nbase: base.yaml\n",
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("scenario run writes a run record per scenario; one job or many, the same files")
    func run() throws {
        let dir = try folder()
        var outputs: [[String]] = []
        for jobs in ["1", "4"] {
            let out = dir.appendingPathComponent("out-\(jobs)")
            let r = try CLI.run(["scenario", "run", "base.yaml", "wait.yaml", "--out", out.path, "--jobs", jobs, "--reproducible"], in: dir)
            #expect(r.exitCode == 0, "\(r.stderr)")
            var files: [String] = []
            for scenario in ["base", "patient"] {
                for name in ["assignments.csv", "summary.json", "scenario.yaml", "run.json"] {
                    files.append(try String(contentsOf: out.appendingPathComponent("\(scenario)/\(name)"), encoding: .utf8))
                }
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        let record = outputs[0][7]
        #expect(record.contains("\"sha256\" : \""))
        #expect(record.contains("setWeights perWaitDay 0.5"))
        #expect(record.contains("careplace scenario run wait.yaml"))
    }

    @Test("--print-resolved prints and writes nothing; a bad scenario exits 2 naming file, line and key path")
    func resolvedAndErrors() throws {
        let dir = try folder()
        let printed = try CLI.run(["scenario", "run", "wait.yaml", "--print-resolved", "--set", "horizonDays=30"], in: dir)
        #expect(printed.exitCode == 0)
        #expect(printed.stdout.contains("name: \"patient\"") && printed.stdout.contains("setHorizon 30 days"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("careplace-scenarios").path))
        let bad = try CLI.run(["scenario", "run", "bad.yaml"], in: dir)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("bad.yaml:5: changes[0].removeTeam: found \"T-NOPE\"; expected a team id"))
        // a name never sends output outside --out
        let dots = try CLI.run(["scenario", "run", "dots.yaml", "--out", "runs"], in: dir)
        #expect(dots.exitCode == 2)
        #expect(dots.stderr.contains("dots.yaml: name: found \"..\""))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.json").path))
    }

    @Test("compare prints the KPI table and writes Markdown, CSV, JSON and HTML")
    func compare() throws {
        let dir = try folder()
        let r = try CLI.run(["compare", "base.yaml", "wait.yaml", "--markdown", "c.md", "--csv", "c.csv", "--json", "c.json", "--html", "c.html"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("base (baseline)") && r.stdout.contains("patient"))
        for name in ["c.md", "c.csv", "c.json", "c.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name) not written")
        }
        let one = try CLI.run(["compare", "base.yaml"], in: dir)
        #expect(one.exitCode == 2)
    }

    @Test("compare's terminal says per scenario where one more place helps most; --no-value leaves it out")
    func compareOnePlace() throws {
        let dir = try folder()
        let r = try CLI.run(["compare", "base.yaml", "wait.yaml"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let section = try #require(r.stdout.range(of: "Where one more place helps most"), "\(r.stdout)")
        let after = String(r.stdout[section.upperBound...])
        #expect(after.contains("\nbase\n") && after.contains("\npatient\n"), "a part per scenario")
        #expect(after.contains("would get it") || after.contains("no"), "a table, or why none")
        let without = try CLI.run(["compare", "base.yaml", "wait.yaml", "--no-value"], in: dir)
        #expect(without.exitCode == 0 && !without.stdout.contains("Where one more place helps most"))
    }

    @Test("what the inputs ignore on purpose (an extra column) is said on stderr, as solve says it")
    func warnings() throws {
        let dir = try folder()
        let cases = try String(contentsOf: dir.appendingPathComponent("cases.csv"), encoding: .utf8)
        var lines = cases.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] += ";notes"
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("cases.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["scenario", "run", "base.yaml", "--out", "out"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: cases.csv:1: notes: unknown column ignored"), "\(r.stderr)")
    }
}
