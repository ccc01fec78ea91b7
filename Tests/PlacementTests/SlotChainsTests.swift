@testable import DutchLandscape
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The chains that let the flow reach a service's release dates through one
/// arc per service: every column must be reachable at exactly its cost,
/// and nothing cheaper.
@Suite("Slot chains (one arc per service, the dates along a chain)")
struct SlotChainsTests {
    /// A generated landscape with children ready later than the planning
    /// date (so the backward chains are used) and all three urgencies.
    static let problem: PlacementProblem = {
        let input = InstanceGenerator(options: .init(cases: 300, seed: 5)).generate()
        return PlacementProblem(landscape: input.landscape, cases: input.cases)
    }()

    /// The cost of reaching each chain node's group from `entry` along the chain.
    static func pathCosts(_ chains: SlotChains, from entry: (node: Int, cost: Double)) -> [Int: Double] {
        var costs: [Int: Double] = [:]
        var x = entry.node, cost = entry.cost
        while x >= 0 {
            costs[chains.group(x)] = cost
            let next = chains.next(x)
            if next >= 0 { cost += chains.step(x) }
            x = next
        }
        return costs
    }

    @Test("every column is reached from its case's entries (on or after its ready day forward, before it backward) at exactly its cost, by one way only")
    func columnsAtTheirCost() {
        let problem = Self.problem
        let chains = SlotChains(problem)
        var laterReady = 0, columns = 0
        for ci in problem.cases.indices {
            let ready = problem.ready[ci].number
            if ready > problem.landscape.planningDate.number { laterReady += 1 }
            for p in problem.pairRanges[ci] {
                let pair = problem.pairs[p]
                let groups = problem.groupsOfService[Int(pair.serviceIndex)]
                // an entry costs its own column, as the flow's arcs do
                func start(_ entry: (node: Int, group: Int)) -> (node: Int, cost: Double) {
                    (entry.node, problem.cost(ColumnKey(pair: Int32(p), group: Int32(entry.group))))
                }
                let entries = chains.entries(case: ci, ready: ready, groups: groups)
                #expect(entries.forward.map { problem.slotGroups[$0.group].release.number >= ready } ?? true)
                #expect(entries.backward.map { problem.slotGroups[$0.group].release.number < ready } ?? true)
                let forward = entries.forward.map { Self.pathCosts(chains, from: start($0)) } ?? [:]
                let backward = entries.backward.map { Self.pathCosts(chains, from: start($0)) } ?? [:]
                #expect(Set(forward.keys).isDisjoint(with: backward.keys), "case \(ci), pair \(p): a group reached both ways")
                #expect(Set(forward.keys).union(backward.keys) == Set(groups), "case \(ci), pair \(p): not every release reached")
                for g in groups {
                    let expected = problem.cost(ColumnKey(pair: Int32(p), group: Int32(g)))
                    let reached = forward[g] ?? backward[g] ?? .infinity
                    #expect(abs(reached - expected) <= 1e-9 * max(1, expected), "case \(ci), group \(g): \(reached) vs \(expected)")
                    columns += 1
                }
            }
        }
        #expect(laterReady >= 10, "the backward chains are exercised")
        #expect(chains.weights.count == 3, "one forward chain per urgency")
        #expect(columns == problem.columnCount)
    }

    @Test("a chain node's price is the cheapest way on to a group: its price plus the steps there")
    func nodePrices() {
        let problem = Self.problem
        let chains = SlotChains(problem)
        var rng = SplitMix64(seed: 3)
        let groupPrices = problem.slotGroups.map { _ in rng.next() % 3 == 0 ? 0 : Double(rng.next() % 2_000) / 4 }
        let prices = chains.prices(groups: groupPrices)
        for x in 0..<chains.nodes {
            let cheapest = Self.pathCosts(chains, from: (x, 0)).map { g, cost in cost + groupPrices[g] }.min() ?? .infinity
            #expect(abs(prices[x] - cheapest) <= 1e-9 * max(1, cheapest), "node \(x)")
        }
    }
}
