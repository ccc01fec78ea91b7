@testable import DutchLandscape
import Foundation
import GLPK
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
@testable import PlacementScenarios
import PlacementTestSupport
import Testing

/// The comparison outputs: golden files for Markdown, CSV and JSON (update
/// them on purpose with CAREPLACE_UPDATE_GOLDEN=1), and well-formed HTML.
@Suite("Scenario comparison")
struct ComparisonTests {
    static func comparison() throws -> ScenarioComparison {
        let input = InstanceGenerator(options: .init(cases: 80, seed: 9)).generate()
        let planner = Planner(solver: GLPKSolver())
        var outcomes = [ScenarioOutcome(name: "baseline", description: "as it is", plan: try planner.plan(input))]
        var fewer = input
        _ = ScenarioChanges.apply(LocatedChange(change: .scaleCapacity(factor: 0.5, ScenarioFilter()), file: "t", line: nil, path: "t"), to: &fewer)
        outcomes.append(ScenarioOutcome(name: "half-capacity", description: "half the places", plan: try planner.plan(fewer)))
        return ScenarioComparison(outcomes)
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test("Markdown, CSV and JSON match their golden files", arguments: ["comparison.md", "comparison.csv", "comparison.json"])
    func goldenFiles(_ name: String) throws {
        let c = try Self.comparison()
        let text = name.hasSuffix(".md") ? c.markdown : name.hasSuffix(".csv") ? c.csv : c.json
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CAREPLACE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test("--lang nl: the page, the table and the Markdown in Dutch, with decimal commas; no English sentence left; the English as before")
    func dutch() throws {
        var c = try Self.comparison()
        let english = (ComparisonHTML(c).document, c.text, c.markdown, c.inWords(1))
        c.language = .nl
        let page = ComparisonHTML(c).document
        #expect(page.contains("<html lang=\"nl\">") && english.0.contains("<html lang=\"en\">"))
        let en = Language.en.comparison
        let sentences = [en.title, en.heading, en.inShort, en.scenariosHeading, en.objectiveNote, en.headlineHeading, en.distributionsHeading,
                         en.distanceTitle, en.waitTitle, en.mapsHeading, en.mapsNote, en.legendTop, en.sortNote, en.footer, en.waitsNote]
            + c.metrics.map { en.metric($0.key) }
        for sentence in sentences {
            #expect(english.0.contains(sentence) || english.2.contains(sentence), "the English page has \"\(sentence)\"")
            #expect(!page.contains(sentence) && !c.markdown.contains("| \(sentence) |"), "English \"\(sentence)\" in the Dutch report")
        }
        for word in ["without a place", "on average", "percentage points", "unplaced", "children"] {
            #expect(!c.inWords(1).contains(word) && !page.contains(word), "English \"\(word)\" in \(c.inWords(1))")
        }
        #expect(english.3.contains("waits +") && c.inWords(1).contains("wachttijden gemiddeld +"))
        // the same numbers, with a decimal comma
        let mean = try #require(c.metrics.first { $0.key == "distanceKm.mean" })
        let shown = String(format: "%.1f", locale: nil, mean.values[0])
        #expect(english.1.contains(shown) && c.text.contains(shown.replacingOccurrences(of: ".", with: ",")))
        #expect(c.text.hasPrefix("Kengetal") && english.1.hasPrefix("KPI"))
    }

    @Test("shorter trips because fewer children are placed are said to be no gain")
    func noFalseGain() throws {
        let input = InstanceGenerator(options: .init(cases: 200, seed: 9)).generate()
        let planner = Planner(solver: GLPKSolver())
        var own = input
        _ = ScenarioChanges.apply(LocatedChange(change: .ownNetworkOnly(true), file: "t", line: nil, path: "t"), to: &own)
        let c = ScenarioComparison([
            ScenarioOutcome(name: "baseline", description: nil, plan: try planner.plan(input)),
            ScenarioOutcome(name: "own", description: nil, plan: try planner.plan(own)),
        ])
        let unplaced = try #require(c.metrics.first { $0.key == "unplaced" }), km = try #require(c.metrics.first { $0.key == "distanceKm.mean" })
        try #require(unplaced.deltas[1] > 0 && km.deltas[1] < -0.05, "the instance shows the case: more unplaced, shorter trips")
        #expect(c.inWords(1).contains("km on average (of fewer children placed: no gain)"), "\(c.inWords(1))")
    }

    @Test("where one more place helps most: per scenario its best services, each addOne equal to planning again with one more place there")
    func onePlace() throws {
        var c = try Self.comparison()
        #expect(!c.markdown.contains("Where one more place helps most"), "only when asked")
        let planner = Planner(solver: GLPKSolver())
        try c.valueOnePlace(planner: planner, jobs: 2)
        let page = ComparisonHTML(c).document
        #expect(page.contains("<h2>Where one more place helps most</h2>") && c.markdown.contains("## Where one more place helps most"))
        for k in c.outcomes.indices {
            let rows = c.onePlaceRows(k)
            try #require(!rows.isEmpty, "scenario \(k): some extra place helps")
            #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.gain <= $1.gain }, "best first")
            // the first: plan again with one more place there
            let problem = c.outcomes[k].plan.problem
            var landscape = problem.landscape
            let s = try #require(landscape.services.firstIndex { $0.id.rawValue == rows[0].service })
            landscape.services[s].capacity += 1
            let again = try planner.plan(PlacementInput(landscape: landscape, cases: problem.cases))
            #expect(abs(again.objective - c.outcomes[k].plan.objective - rows[0].gain) <= 1e-6 * again.objective)
            #expect(page.contains("<td>\(rows[0].service)</td>"))
        }
        c.language = .nl
        #expect(ComparisonHTML(c).document.contains("<h2>Waar één plek extra het meest helpt</h2>"))
    }

    @Test("the comparison says what changed: fewer places, more unplaced")
    func differences() throws {
        let c = try Self.comparison()
        let unplaced = try #require(c.metrics.first { $0.key == "unplaced" })
        #expect(unplaced.deltas[0] == 0)
        #expect(unplaced.deltas[1] > 0)
        #expect(c.regions.count == c.outcomes[0].plan.problem.landscape.regions.count)
        let total = c.regions.reduce(0) { $0 + $1.scenarios[1].unplaced }
        #expect(Double(total) == unplaced.values[1])
    }

    @Test("the HTML report is one well-formed, self-contained page with charts and a map")
    func html() throws {
        let page = ComparisonHTML(try Self.comparison()).document
        #expect(!page.contains("http://") || !page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!page.contains("<script src") && !page.contains("<link"))
        #expect(page.components(separatedBy: "<svg").count - 1 >= 2 + 9 + 2)
        #expect(page.components(separatedBy: "<path d=\"M").count - 1 >= 42 * 2) // every region on both maps
        // every tag that is opened is closed, in order (void elements aside)
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "!DOCTYPE"]
        var stack: [String] = []
        var rest = page[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { Issue.record("unclosed <"); break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" })
            if tag.hasPrefix("/") {
                let closing = String(tag.dropFirst())
                #expect(stack.last == closing, "</\(closing)> closes <\(stack.last ?? "nothing")>")
                if stack.last == closing { stack.removeLast() }
            } else if !tag.hasSuffix("/") && !void.contains(name) {
                stack.append(name)
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack)")
    }
}

/// The report an alderman reads in two minutes (issue 15 item 8).
@Suite("Scenario comparison for readers")
struct ComparisonReaderTests {
    @Test("a plain-language summary first; the objective last and explained; no colour for no change; a scale on the maps; sortable area tables")
    func forReaders() throws {
        let c = try ComparisonTests.comparison()
        let words = c.inWords(1)
        let unplaced = try #require(c.metrics.first { $0.key == "unplaced" })
        let more = Int(unplaced.deltas[1])
        #expect(words.hasPrefix("\(more) more \(more == 1 ? "child" : "children") without a place (\(Int(unplaced.values[1])))"), "\(words)")
        let page = ComparisonHTML(c, provenance: ["Planning date 2026-11-23."]).document
        let short = try #require(page.range(of: "<h2>In short</h2>")), kpis = try #require(page.range(of: "<h2>KPIs</h2>"))
        #expect(short.lowerBound < kpis.lowerBound)
        #expect(page.contains("<b>half-capacity</b>: \(words)."))
        #expect(page.contains("Planning date 2026-11-23."))
        let rows = page.components(separatedBy: "<tr><td>").dropFirst().prefix(c.metrics.count).map { $0.prefix { $0 != "<" } }
        #expect(rows.last == "objective (km-equivalents)", "the objective is the last KPI row")
        for m in c.metrics where c.showsNoChange(m, 1) {
            #expect(!page.contains("class=\"better\">\(c.cell(m, 1))<") && !page.contains("class=\"worse\">\(c.cell(m, 1))<"), "\(m.key) coloured without a change")
        }
        #expect(page.contains("≥33% unplaced"))
        #expect(page.contains("<table class=\"sortable\">") && page.contains("<script>"))
        #expect(c.markdown.contains("## In short\n\n- **half-capacity**: \(words).\n"))
    }
}
