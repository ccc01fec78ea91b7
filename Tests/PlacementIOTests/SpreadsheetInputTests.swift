import Foundation
@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

/// Dutch Excel exports read as they mean it, and typos in headers caught
/// (SPEC §2, issue 15).
@Suite("Spreadsheet exports: lenient where exports differ, strict where a typo changes the plan")
struct SpreadsheetInputTests {
    static let landscape = InputValidationTests.landscape
    let v = InputValidationTests()

    func cases(_ header: String, _ rows: [String]) throws -> Result<PlacementInput, InputError> {
        try v.read(cases: ([header] + rows).joined(separator: "\n") + "\n")
    }

    @Test("d-m-yyyy dates in the cases and the landscape; impossible dates refused")
    func dutchDates() throws {
        let input = try cases("id;lat;lon;region;age;needs;readyDate", ["C1;53,1;6,5;groningen;14;home;5-1-2027", "C2;53,1;6,5;groningen;14;home;15-12-2026"]).get()
        #expect(input.cases.map { $0.readyDate?.description } == ["2027-01-05", "2026-12-15"])
        let landscape = Self.landscape.replacingOccurrences(of: "planningDate: 2026-11-23", with: "planningDate: 23-11-2026")
        #expect(try v.read(landscape: landscape).get().landscape.planningDate.description == "2026-11-23")
        for bad in ["31-2-2027", "5-1-27", "2027-1-5", "5/1/2027"] {
            let found = try v.problems(cases: "id,lat,lon,region,age,needs,readyDate\nC1,53.1,6.5,groningen,14,home,\(bad)\n")
            #expect(found == ["\(found.first?.split(separator: ":").first ?? ""):2: readyDate: found \"\(bad)\"; expected a date YYYY-MM-DD or D-M-YYYY"], "\(bad): \(found)")
        }
    }

    @Test("WAAR/ONWAAR, ja/nee, 1/0 and true/false in any case")
    func dutchBooleans() throws {
        let rows = ["WAAR;nee", "onwaar;JA", "1;0", "False;True"].enumerated().map { "C\($0);53,1;6,5;groningen;14;home;\($1)" }
        let input = try cases("id;lat;lon;region;age;needs;requiresSecure;homeBasedPossible", rows).get()
        #expect(input.cases.map(\.requiresSecure) == [true, false, true, false])
        #expect(input.cases.map(\.homeBasedPossible) == [false, true, false, true])
        let found = try v.problems(cases: "id,lat,lon,region,age,needs,requiresSecure\nC1,53.1,6.5,groningen,14,home,misschien\n")
        #expect(found.count == 1 && found[0].hasSuffix("requiresSecure: found \"misschien\"; expected true or false (also WAAR/ONWAAR, ja/nee, 1/0)"))
    }

    @Test("a region by its id or its name, in any case")
    func regionByName() throws {
        let input = try cases("id;lat;lon;region;age;needs", ["C1;53,1;6,5;Groningen;14;home", "C2;53,1;6,5;GRONINGEN;14;home"]).get()
        #expect(input.cases.map(\.region.rawValue) == ["groningen", "groningen"])
        let found = try v.problems(cases: "id,lat,lon,region,age,needs\nC1,53.1,6.5,Groningen-Stad,14,home\n")
        #expect(found.count == 1 && found[0].contains("region: found \"Groningen-Stad\"; expected a region of the landscape (its id or name)"))
    }

    @Test("a Windows-1252 file is read as such (é, ë, ï) with a warning naming its first such line")
    func windows1252() throws {
        var bytes = Array("id;lat;lon;region;age;needs\nC1;53,1;6,5;groningen;14;home\n".utf8)
        bytes += [0x43, 0x2D, 0xE9, 0xEB, 0xEF, 0x80] + Array(";53,1;6,5;groningen;14;home\n".utf8)
        let paths = try Fixture.files(["landscape.yaml": Self.landscape, "cases.csv": ""])
        let path = try #require(paths["cases.csv"])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let input = try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: path)
        #expect(input.cases.map(\.id.rawValue) == ["C1", "C-éëï€"])
        #expect(input.warnings.map(\.description) == ["\(path):3: not valid UTF-8 (first on this line); read as Windows-1252, as Excel saves plain CSV"])
    }

    @Test("a header that is a column but for case or two letters is an error with did you mean; others warn")
    func headerTypos() throws {
        let found = try v.problems(cases: "id,lat,lon,region,age,needs,RequiresSecure,urgncy,caseworker\nC1,53.1,6.5,groningen,14,home,true,crisis,Ann\n")
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasSuffix(":1: RequiresSecure: unknown column; did you mean \"requiresSecure\"? (a misspelt column would be ignored and its rule lost)") })
        #expect(found.contains { $0.contains("urgncy: unknown column; did you mean \"urgency\"?") })
        let input = try cases("id;lat;lon;region;age;needs;caseworker;ages", ["C1;53,1;6,5;groningen;14;home;Ann;14"]).get()
        #expect(input.warnings.map(\.field) == ["caseworker", "ages"], "a column already present is no typo target")
        #expect(HeaderMatch.distance(Array("urgncy"), Array("urgency")) == 1)
        #expect(HeaderMatch.distance(Array("raedyDate"), Array("readyDate")) == 1)
    }

    @Test("validate lists the problems of both files together, and what absent optional columns mean")
    func bothFilesAndAbsences() throws {
        let badLandscape = Self.landscape.replacingOccurrences(of: "capacity: 2", with: "capacity: -2")
        let found = try v.problems(landscape: badLandscape, cases: "id,lat,lon,region,age,needs\nC1,91,6.5,nowhere,14,home\n")
        #expect(found.contains { $0.contains("capacity") })
        #expect(found.contains { $0.contains("cases.csv:2: lat: found \"91\"") }, "\(found)")
        let input = try v.read().get()
        #expect(InputReader.absenceNotes(input.absentColumns).first == "no sex column: every child's sex is unknown")
        #expect(InputReader.absenceNotes(input.absentColumns).contains("no urgency column: every child counts as normal"))
    }
}

/// Review findings: a stray byte in a UTF-8 file is an error, not a
/// Windows-1252 misreading; short extra columns are not typos.
@Suite("Spreadsheet exports: review findings")
struct SpreadsheetReviewTests {
    @Test("a UTF-8 file (BOM, or letters like ë written as UTF-8) with one stray byte is an error on its line, not read as Windows-1252")
    func strayByte() throws {
        let v = InputValidationTests()
        let paths = try Fixture.files(["landscape.yaml": InputValidationTests.landscape, "cases.csv": ""])
        let path = try #require(paths["cases.csv"])
        var bytes = Array("id;lat;lon;region;age;needs\nC-ë;53,1;6,5;groningen;14;home\n".utf8)
        bytes += [0x43, 0xE9] + Array(";53,1;6,5;groningen;14;home\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: path) }
        _ = v
    }

    @Test("extra columns of three or four letters (tel, ref) are warnings; one letter off a short column is still a typo")
    func shortHeaders() throws {
        #expect(HeaderMatch.closest(to: "tel", among: ["sex"]) == nil)
        #expect(HeaderMatch.closest(to: "ref", among: ["sex"]) == nil)
        #expect(HeaderMatch.closest(to: "ags", among: ["age"]) == "age")
        #expect(HeaderMatch.closest(to: "urgncy", among: ["urgency"]) == "urgency")
    }
}
