import Foundation
import Testing

/// `careplace solve --previous` end to end (SPEC §9).
@Suite("careplace solve --previous")
struct PreviousCommandTests {
    static let landscape = "Tests/careplaceTests/Fixtures/small/landscape.yaml"
    static let cases = "Tests/careplaceTests/Fixtures/small/cases.csv"

    @Test("last week's plan: previousService and changed in assignments.csv, changed in summary.json, the moves on the terminal; gone children counted")
    func replan() throws {
        let dir = try CLI.temporaryDirectory()
        let week1 = dir.appendingPathComponent("week1"), week2 = dir.appendingPathComponent("week2")
        #expect(try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", week1.path, "--quiet"]).exitCode == 0)
        var old = try String(contentsOf: week1.appendingPathComponent("assignments.csv"), encoding: .utf8)
        old += "C-GONE,placed,T-FACT-ASSEN,T-FACT-ASSEN,outreach,fact,2026-11-23,0,1.0,1.00,,,drenthe,noord,normal,fact\n"
        let previous = dir.appendingPathComponent("previous.csv")
        try old.write(to: previous, atomically: true, encoding: .utf8)
        // a crisis newcomer near Assen: the team's place goes to it
        let text = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(Self.cases).path, encoding: .utf8)
        let cases = dir.appendingPathComponent("cases.csv")
        try (text + "C-NEW;52,99;6,56;drenthe;15;m;fact;crisis;;false;true;\n").write(to: cases, atomically: true, encoding: .utf8)
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--previous", previous.path, "--out", week2.path])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 placed children of the previous plan are no longer waiting; ignored"))
        #expect(r.stdout.contains("changed since last week: "))
        let csv = try String(contentsOf: week2.appendingPathComponent("assignments.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv[0].hasSuffix(",region,network,urgency,needs,previousService,changed"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: week2.appendingPathComponent("summary.json"))) as? [String: Any])
        let changed = try #require(summary["changed"] as? Int)
        #expect(changed == csv.dropFirst().filter { $0.hasSuffix(",true") }.count)
        #expect(csv.contains { $0.hasPrefix("C-NEW,placed,T-FACT-ASSEN") })
        let t = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--previous", previous.path, "--out", week2.path, "--trade-off"])
        let lines = t.stdout.split(separator: "\n").filter { $0.hasPrefix("  change ") }
        #expect(lines.count == 7, "\(t.stdout)")
        let moved = lines.compactMap { line in line.split(separator: " ").firstIndex(of: "moved").flatMap { Int(line.split(separator: " ")[$0 + 1]) } }
        #expect(moved.count == 7 && moved == moved.sorted(by: >), "fewer moves as change grows: \(moved)")
        #expect(try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--trade-off"]).exitCode == 2)
        let dutch = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", cases.path, "--previous", previous.path, "--out", week2.path, "--lang", "nl"])
        #expect(dutch.stdout.contains("veranderd sinds vorige week: \(changed) van de "), "\(dutch.stdout)")
        #expect(!dutch.stdout.contains("changed since") && !dutch.stdout.contains("went to") && !dutch.stdout.contains(" now "))
    }

    @Test("a file that is not a plan, an unknown service, a repeated case: exit 2 with file, line and value, nothing written")
    func badPrevious() throws {
        let dir = try CLI.temporaryDirectory()
        for (name, text, expected) in [
            ("notaplan.csv", "a,b\n1,2\n", "is not a careplace plan"),
            ("unknown.csv", "id,status,service\nC-001,placed,F-NOPE\n", "unknown.csv:2: service: found \"F-NOPE\"; expected a service or team of the landscape"),
            ("twice.csv", "id,status,service\nC-001,placed,F-ZUIDLAREN-secure\nC-001,unplaced,\n", "twice.csv:3: id: case \"C-001\" is already on line 2"),
        ] {
            let file = dir.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("out-\(name)")
            let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--previous", file.path, "--out", out.path])
            #expect(r.exitCode == 2, "\(name)")
            #expect(r.stderr.contains(expected), "\(name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
