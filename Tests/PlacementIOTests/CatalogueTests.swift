import Foundation
import GLPK
import Placement
@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

/// `--lang nl` (issue 15 item 10): every sentence in both languages; the
/// English unchanged; the Dutch in Dutch.
@Suite("Languages")
struct CatalogueTests {
    @Test("every column title and workbook label exists in both languages (the sentences are checked by the compiler)")
    func complete() {
        for language in Language.allCases {
            let words = language.catalogue
            for column in PlanReport.csvColumns { #expect(words.columnTitles[column] != nil, "\(language): column \(column)") }
            for label in workbookLabels { #expect(words.workbookTitles[label] != nil, "\(language): label \(label)") }
        }
        let dutch = Language.nl.catalogue
        #expect(PlanReport.csvColumns.filter { dutch.column($0) != $0 }.count >= 12, "the Dutch titles are Dutch")
    }

    @Test("the Dutch summary and explanations carry no English words; the English are as before")
    func summaries() throws {
        let report = try AssignmentsCSVTests.report()
        var dutch = report
        dutch.language = .nl
        #expect(report.text.hasPrefix("careplace plan for 2026-11-23 (horizon "))
        #expect(dutch.text.hasPrefix("careplace-plan voor 2026-11-23 (horizon "))
        for english in ["placed", "unplaced (", "mean ", "of placed", "utilisation", "went to", "its "] {
            #expect(!dutch.text.contains(english), "English \"\(english)\" in: \(dutch.text)")
        }
        #expect(dutch.text.contains("zonder plek"))
        let explanation = try #require(report.plan.assignments.compactMap(\.explanation).first)
        #expect(explanation.text(in: Language.en.catalogue) == explanation.text)
        #expect(explanation.text(in: Language.nl.catalogue) != explanation.text)
    }
}
