import Foundation
import GLPK
@testable import Placement
@testable import PlacementSimulation
import Testing

/// Paired comparisons: a simulation compared with itself differs by exactly
/// 0 in every KPI; another capacity shows in the differences and the page.
@Suite("Simulation comparison")
struct SimulationComparisonTests {
    @Test("compared with itself: every difference exactly 0; with more places: fewer wait, and the page says so")
    func paired() throws {
        let base = try SimulationRunTests.run(SimulationRunTests.small(), jobs: 2)
        var same = base
        same.simulation.name = "same"
        var moreSimulation = SimulationRunTests.small(capacity: 6)
        moreSimulation.name = "more places"
        let more = try SimulationRunTests.run(moreSimulation, jobs: 2)
        let comparison = SimulationComparison([base, same, more])
        #expect(comparison.rows.count > 10)
        // (occupancy of care types without places has no value, nor a difference)
        for row in comparison.rows where row.estimates[0] != nil {
            guard row.differences.count == 2, let d = row.differences[0] else {
                Issue.record("\(row.kpi): no difference")
                continue
            }
            #expect(d.mean == 0 && d.sd == 0, "\(row.kpi) against itself")
        }
        let waitingRow = comparison.rows.first { $0.kpi == "waitingMean" }
        let waiting = waitingRow?.differences.last.flatMap { $0 }
        #expect((waiting?.mean ?? 0) < 0, "more places, shorter waiting list")
        #expect(comparison.json.contains("\"differenceToBaseline\""))
        #expect(comparison.markdown.contains("| more places − baseline |"))
        let page = SimulationComparisonHTML(comparison).document
        #expect(page.contains("<polygon") && page.contains("<polyline") && page.contains("more places"))
        #expect(!page.contains("http://") && !page.contains("https://"), "self-contained")
    }

    @Test("differences in words: enough decimals for the interval, a sign, and a verdict only the interval supports")
    func words() {
        #expect(SimulationComparison.words(Estimate([0.0031, 0.0042, 0.0035, 0.0038])) == "+0.0036 (95% CI +0.0029 to +0.0044; higher)")
        #expect(SimulationComparison.words(Estimate([-1.2, 0.9, 0.1])) == "-0.07 (95% CI -2.70 to +2.57; no clear difference)")
        #expect(SimulationComparison.words(Estimate([0, 0, 0])) == "+0.00 (95% CI +0.00 to +0.00; no clear difference)")
        #expect(SimulationComparison.words(Estimate([-4.1, -3.9])) == "-4.00 (95% CI -5.27 to -2.73; lower)")
        #expect(SimulationComparison.words(nil) == "-")
    }
}
