import Foundation
import Testing

/// What a user of any command line expects (issue 15): the demo from a
/// copied binary, --version, completions, JSON or silence on request.
@Suite("careplace conventions: demo anywhere, --version, completions, --json, --quiet")
struct ConventionsTests {
    @Test("a copied binary plans the demo from any folder, the same plan as from the clone; demo --out writes the demo's files")
    func demoTravels() throws {
        let far = try CLI.temporaryDirectory()
        let copy = far.appendingPathComponent("careplace")
        try FileManager.default.copyItem(at: try CLI.binary, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["solve", "--out", "plan", "--reproducible", "--quiet", "--no-explanations"]
        process.currentDirectoryURL = far
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let home = try CLI.temporaryDirectory()
        let r = try CLI.run(["solve", "--out", home.appendingPathComponent("plan").path, "--reproducible", "--quiet", "--no-explanations"])
        #expect(r.exitCode == 0 && r.stdout.isEmpty)
        for name in ["assignments.csv", "summary.json"] {
            let there = try String(contentsOf: far.appendingPathComponent("plan/\(name)"), encoding: .utf8)
            let here = try String(contentsOf: home.appendingPathComponent("plan/\(name)"), encoding: .utf8)
            #expect(there == here, "\(name) differs")
        }
        let d = try CLI.run(["demo", "--out", far.appendingPathComponent("demo").path])
        #expect(d.exitCode == 0)
        for name in ["landscape.yaml", "cases.csv"] {
            let written = try String(contentsOf: far.appendingPathComponent("demo/\(name)"), encoding: .utf8)
            let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Scenarios/nl-demo/\(name)"), encoding: .utf8)
            #expect(written == committed, "demo \(name) is not Scenarios/nl-demo's")
        }
    }

    @Test("--version names careplace and GLPK; completions for bash, zsh and fish; others refused")
    func versionAndCompletions() throws {
        let v = try CLI.run(["--version"])
        #expect(v.exitCode == 0 && v.stdout.hasPrefix("careplace ") && v.stdout.contains("GLPK"))
        for shell in ["bash", "zsh", "fish"] {
            let c = try CLI.run(["completions", shell])
            #expect(c.exitCode == 0 && c.stdout.contains("solve") && c.stdout.contains("landscape"), "\(shell)")
        }
        #expect(try CLI.run(["completions", "tcsh"]).exitCode == 2)
    }

    @Test("solve --json prints summary.json itself; --quiet prints nothing; validate takes --landscape/--cases")
    func jsonQuietValidate() throws {
        let l = "Tests/careplaceTests/Fixtures/small/landscape.yaml", c = "Tests/careplaceTests/Fixtures/small/cases.csv"
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan")
        let j = try CLI.run(["solve", "--landscape", l, "--cases", c, "--out", out.path, "--json", "--reproducible"])
        #expect(j.exitCode == 0)
        let written = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(j.stdout.trimmingCharacters(in: .newlines) == written.trimmingCharacters(in: .newlines))
        let q = try CLI.run(["solve", "--landscape", l, "--cases", c, "--out", out.path, "--quiet"])
        #expect(q.exitCode == 0 && q.stdout.isEmpty)
        let a = try CLI.run(["validate", "--landscape", l, "--cases", c]), b = try CLI.run(["validate", l, c])
        #expect(a.exitCode == 0 && a.stdout == b.stdout && a.stdout.contains("OK: 6 cases"))
        #expect(a.stdout.contains("note: no siblingGroup column: no siblings are placed together"))
        #expect(try CLI.run(["validate", l]).exitCode == 2)
    }

    @Test("Ctrl-C during a 3,000-child plan writes the best plan so far (feasible with its gap, exit 130); a second Ctrl-C quits at once, writing nothing")
    func interrupted() throws {
        let dir = try CLI.temporaryDirectory()
        let g = try CLI.run(["generate", "--cases", "3000", "--seed", "2", "--out", dir.path])
        #expect(g.exitCode == 0)
        func solve(_ out: String, signals: Int) throws -> (code: Int32, stderr: String) {
            let process = Process()
            process.executableURL = try CLI.binary
            process.arguments = ["solve", "--landscape", dir.appendingPathComponent("landscape.yaml").path,
                                 "--cases", dir.appendingPathComponent("cases.csv").path, "--out", dir.appendingPathComponent(out).path]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(1_000_000)
            for _ in 0..<signals {
                kill(process.processIdentifier, SIGINT)
                usleep(50_000)
            }
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let once = try solve("once", signals: 1)
        #expect(once.code == 130, "\(once.stderr)")
        let summary = try String(contentsOf: dir.appendingPathComponent("once/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"status\" : \"feasible\"") || summary.contains("\"status\" : \"optimal\""))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("once/assignments.xlsx").path))
        #expect(once.stderr.contains("stopping; the best plan so far will be written"))
        let twice = try solve("twice", signals: 2)
        #expect(twice.code == 130)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("twice/summary.json").path))
    }
}
