@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

/// A value found in an input is shown quoted, short and harmless to the
/// terminal that prints it (issue 14: escapes retitled the window and
/// cleared the screen).
@Suite("Values in messages")
struct DiagnosticsTests {
    @Test("control characters as \\u{…}, quotes escaped, at most 40 characters")
    func shownValues() {
        #expect(shown("two") == "\"two\"")
        #expect(shown("\u{1B}]0;PWNED\u{07}\u{1B}[2J") == "\"\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J\"")
        #expect(shown("a\u{0}b\u{9B}c") == "\"a\\u{0}b\\u{9B}c\"")
        #expect(shown("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(shown(String(repeating: "x", count: 100)) == "\"" + String(repeating: "x", count: 40) + "…\"")
    }

    @Test("a region with a terminal escape in a cases file: the message holds no escape byte")
    func inCasesFile() throws {
        let landscape = "planningDate: 2026-11-23\ncareTypes:\n  - { id: home, name: Home }\nnetworks:\n  - { id: n, name: N }\nregions:\n  - { id: r, name: R, network: n }\n"
        let f = try Fixture.files([
            "landscape.yaml": landscape,
            "cases.csv": "id,lat,lon,region,age,needs\nC1,52,5,\u{1B}]0;PWNED\u{07}\u{1B}[2J,10,home\n",
        ])
        do {
            _ = try InputReader.read(landscape: f["landscape.yaml"] ?? "", cases: f["cases.csv"] ?? "")
            Issue.record("an unknown region was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("\\u{1B}]0;PWNED"), "\(text)")
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
    }
}
