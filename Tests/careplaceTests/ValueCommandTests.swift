import Foundation
import Testing

/// `careplace value` end to end (SPEC §8): the files, their order, and an
/// addOne that equals planning again with one more place.
@Suite("careplace value")
struct ValueCommandTests {
    static let landscape = "Tests/careplaceTests/Fixtures/small/landscape.yaml"
    static let cases = "Tests/careplaceTests/Fixtures/small/cases.csv"

    func objective(_ landscape: String, _ dir: URL) throws -> Double {
        let out = dir.appendingPathComponent("plan-\(UUID().uuidString)")
        let r = try CLI.run(["solve", "--landscape", landscape, "--cases", Self.cases, "--out", out.path, "--json"])
        #expect(r.exitCode == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(summary["objective"] as? Double)
    }

    @Test("capacity-value.csv has SPEC's columns, best first; addOne equals solving again with one more place")
    func values() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("value")
        let r = try CLI.run(["value", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path, "--top", "2"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("where one more place helps most"))
        #expect(r.stdout.contains("C-003 would start 40 days sooner there"))
        let rows = try String(contentsOf: out.appendingPathComponent("capacity-value.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["service", "facilityOrTeam", "region", "network", "careTypes", "mode", "capacity", "freeNow", "addOne", "removeOne", "placedDelta", "waitDaysDelta", "kmDelta"])
        let addOnes = rows.dropFirst().compactMap { Double($0[8]) }
        #expect(addOnes.count == 3 && addOnes == addOnes.sorted(), "best first")
        let team = try #require(rows.first { $0[0] == "T-FACT-ASSEN" })
        let text = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(Self.landscape).path, encoding: .utf8)
        let bigger = dir.appendingPathComponent("landscape.yaml")
        try text.replacingOccurrences(of: "caseload: 2", with: "caseload: 3").write(to: bigger, atomically: true, encoding: .utf8)
        let base = try objective(CLI.packageRoot.appendingPathComponent(Self.landscape).path, dir)
        let more = try objective(bigger.path, dir)
        #expect(abs(try #require(Double(team[8])) - (more - base)) <= 1e-6 * base, "addOne \(team[8]) vs \(more - base)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("capacity-value.json").path))
    }

    @Test("--greedy and --per write their tables; bad options are exit 2, nothing written")
    func greedyPerAndBadInput() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("value")
        let r = try CLI.run(["value", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path, "--greedy", "2", "--per", "careType,network"])
        #expect(r.exitCode == 0)
        let greedy = try String(contentsOf: out.appendingPathComponent("capacity-value-greedy.csv"), encoding: .utf8)
        #expect(greedy.hasPrefix("step,service,addOne,cumulative\n1,T-FACT-ASSEN,-80.000000,-80.000000\n"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("capacity-value-per.csv").path))
        let bad = try CLI.temporaryDirectory().appendingPathComponent("bad")
        #expect(try CLI.run(["value", "--landscape", Self.landscape, "--cases", Self.cases, "--out", bad.path, "--per", "region"]).exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: bad.path))
    }
}

/// `careplace explain` end to end (SPEC §9).
@Suite("careplace explain")
struct ExplainCommandTests {
    @Test("JSON with case, service, objective and alternatives (excludedBy null when allowed, extraCost null when excluded); an unknown case is exit 2")
    func explain() throws {
        let l = ValueCommandTests.landscape, c = ValueCommandTests.cases
        let r = try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["case"] as? String == "C-006")
        #expect(json["service"] is NSNull, "C-006 has no place")
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let team = try #require(alternatives.first { $0["service"] as? String == "T-FACT-ASSEN" })
        #expect(team["excludedBy"] as? String == "is 244 km away, beyond its 60 km travel limit")
        #expect(team["extraCost"] is NSNull)
        let text = try CLI.run(["explain", "C-003", "--landscape", l, "--cases", c])
        #expect(text.exitCode == 0 && text.stdout.hasPrefix("C-003: placed at T-FACT-ASSEN"))
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan")
        #expect(try CLI.run(["solve", "--landscape", l, "--cases", c, "--out", out.path, "--explanations", "--quiet"]).exitCode == 0)
        let rows = try String(contentsOf: out.appendingPathComponent("explanations.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "id,service,distanceKm,nearestService,nearestKm,extraCost" && rows.count == 6, "one row per placed child")
        let unknown = try CLI.run(["explain", "C-999", "--landscape", l, "--cases", c])
        #expect(unknown.exitCode == 2 && unknown.stderr.contains("case C-999 is not in the cases file"))
    }

    @Test("--lang nl: the explanation in Dutch (rules and moves too), the JSON's keys unchanged; an unknown language is exit 2")
    func dutch() throws {
        let l = ValueCommandTests.landscape, c = ValueCommandTests.cases
        let english = try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c])
        let dutch = try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c, "--lang", "nl"])
        #expect(dutch.exitCode == 0, "\(dutch.stderr)")
        #expect(english.stdout.contains("excluded: is 244 km away, beyond its 60 km travel limit"))
        #expect(dutch.stdout.contains("uitgesloten: ligt 244 km weg, voorbij de reisgrens van 60 km"), "\(dutch.stdout)")
        #expect(dutch.stdout.hasPrefix("C-006: zonder plek in het plan (doelwaarde "))
        for word in ["placed", "excluded", "services offering", "closer", "costs", "unplaced", "within the horizon"] {
            #expect(!dutch.stdout.contains(word), "English \"\(word)\" in: \(dutch.stdout)")
        }
        let json = try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c, "--json", "--lang", "nl"])
        #expect(json.stdout == (try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c, "--json"])).stdout)
        #expect(try CLI.run(["explain", "C-006", "--landscape", l, "--cases", c, "--lang", "de"]).exitCode == 2)
    }
}

/// `careplace value --new-team/--new-service` end to end (SPEC §8).
@Suite("careplace value: new sites")
struct NewSiteCommandTests {
    /// A fresh folder with two candidate bases (near Assen, far in Twente)
    /// in bases.csv, and the output folder to use there.
    static func twoBases() throws -> (dir: URL, candidates: URL, out: URL) {
        let dir = try CLI.temporaryDirectory()
        let candidates = dir.appendingPathComponent("bases.csv")
        try "id,lat,lon,region\nnear,52.99,6.56,drenthe\nfar,51.44,5.47,twente\n".write(to: candidates, atomically: true, encoding: .utf8)
        return (dir, candidates, dir.appendingPathComponent("v"))
    }

    @Test("candidates from a file ranked best first in new-site-value.csv; a bad candidates file or site is exit 2")
    func newSites() throws {
        let (dir, candidates, out) = try Self.twoBases()
        let r = try CLI.run([
            "value", "--landscape", ValueCommandTests.landscape, "--cases", ValueCommandTests.cases, "--out", out.path,
            "--new-team", "careTypes=fact,caseload=1,maxTravelKm=60", "--candidates", candidates.path,
        ])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let rows = try String(contentsOf: out.appendingPathComponent("new-site-value.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "candidate,lat,lon,region,network,gain,placedDelta,waitDaysDelta,kmDelta")
        #expect(rows.count == 3)
        let gains = rows.dropFirst().compactMap { Double($0.split(separator: ",")[5]) }
        #expect(gains == gains.sorted() && gains.allSatisfy { $0 <= 1e-9 })
        // --geojson: the same candidates as points, best first, with the CSV's gains
        let map = dir.appendingPathComponent("bases.geojson")
        let g = try CLI.run([
            "value", "--landscape", ValueCommandTests.landscape, "--cases", ValueCommandTests.cases, "--out", out.path,
            "--new-team", "careTypes=fact,caseload=1,maxTravelKm=60", "--candidates", candidates.path, "--geojson", map.path,
        ])
        #expect(g.exitCode == 0, "\(g.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: map)) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 2 && json["type"] as? String == "FeatureCollection")
        let first = try #require(features.first?["properties"] as? [String: Any])
        #expect(first["rank"] as? Int == 1 && abs((first["gain"] as? Double ?? 1) - gains[0]) < 1e-6)
        let point = try #require((features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        #expect(point.count == 2 && (point[0] == 6.56 || point[0] == 5.47), "[lon, lat]")
        #expect(try CLI.run(["value", "--landscape", ValueCommandTests.landscape, "--cases", ValueCommandTests.cases, "--geojson", map.path]).exitCode == 2)
        try "id,lat,lon,region\nx,95,6.5,nowhere\n".write(to: candidates, atomically: true, encoding: .utf8)
        let bad = try CLI.run([
            "value", "--landscape", ValueCommandTests.landscape, "--cases", ValueCommandTests.cases, "--out", dir.appendingPathComponent("w").path,
            "--new-team", "careTypes=fact,caseload=1", "--candidates", candidates.path,
        ])
        #expect(bad.exitCode == 2 && bad.stderr.contains("bases.csv:2: lat: found \"95\"") && bad.stderr.contains("region: found \"nowhere\""))
        #expect(try CLI.run(["value", "--new-service", "careTypes=fact,mode=outreach,capacity=2"]).exitCode == 2)
    }

    @Test("--greedy K with a new site opens K one after another: the first is the ranking's best, the gains add up")
    func sitesOneAfterAnother() throws {
        let (_, candidates, out) = try Self.twoBases()
        let r = try CLI.run([
            "value", "--landscape", ValueCommandTests.landscape, "--cases", ValueCommandTests.cases, "--out", out.path,
            "--new-team", "careTypes=fact,caseload=1,maxTravelKm=300", "--candidates", candidates.path, "--greedy", "2",
        ])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let ranked = try String(contentsOf: out.appendingPathComponent("new-site-value.csv"), encoding: .utf8).split(separator: "\n")
            .dropFirst().map { $0.split(separator: ",").map(String.init) }
        let steps = try String(contentsOf: out.appendingPathComponent("new-site-greedy.csv"), encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",").map(String.init) }
        #expect(steps.first == ["step", "candidate", "region", "gain", "cumulative"])
        let first = try #require(steps.dropFirst().first)
        #expect(first[1] == ranked[0][0] && first[3] == ranked[0][5] && first[4] == first[3], "step 1 is the ranking's best")
        if steps.count == 3 {
            #expect(steps[2][1] == ranked[1][0], "step 2 opens the other base")
            let sum = try #require(Double(first[3])) + (try #require(Double(steps[2][3])))
            #expect(abs(sum - (try #require(Double(steps[2][4])))) < 1e-5)
        }
        #expect(r.stdout.contains("sites opened one after another"))
    }

    @Test("every bad option of value is named at once: exit 2, nothing written")
    func everyBadOption() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("v")
        let r = try CLI.run(["value", "--out", out.path, "--top=-1", "--greedy", "0", "--new-team", "careTypes=fact", "--per", "careType,network"])
        #expect(r.exitCode == 2)
        for problem in ["--top is -1", "--greedy is 0", "caseload is missing", "--per is for one more place"] {
            #expect(r.stderr.contains(problem), "\(problem) in \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
