/// An OR-Library assignment problem (Beasley's `assign*.txt`: n, then the
/// n × n costs, row by row) written as careplace files: n children and n
/// one-place day services at one point, in one network, the costs as the
/// distance matrix. With the default weights (1 per km, no wait, no
/// residential or network penalty, unplaced 1000 > any cost of at most 999)
/// every child is placed and the plan's objective is the assignment's
/// optimum: OR-Library's known optima test the planner, and assign800's
/// 640,000-entry matrix measures reading a matrix end to end.
public enum AssignmentInstance {
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// landscape.yaml, cases.csv and travel-km.csv for the text of an
    /// assignment file.
    public static func files(_ text: String) throws(Problem) -> [(name: String, contents: String)] {
        let numbers = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        guard let first = numbers.first, let n = Int(first), n > 0, n <= 5_000 else {
            throw Problem(description: "expected the number of agents (1 to 5,000) first; found \(numbers.first.map { String($0.prefix(20)) } ?? "nothing")")
        }
        guard numbers.count == 1 + n * n else {
            throw Problem(description: "expected \(n) × \(n) = \(n * n) costs after n = \(n); found \(numbers.count - 1)")
        }
        var costs: [Int] = []
        costs.reserveCapacity(n * n)
        for (k, word) in numbers.dropFirst().enumerated() {
            guard let cost = Int(word), (0...999).contains(cost) else {
                throw Problem(description: "cost \(k + 1) is \(String(word.prefix(20))); expected a whole number from 0 to 999")
            }
            costs.append(cost)
        }
        let width = String(n).count
        func id(_ prefix: String, _ k: Int) -> String {
            prefix + String(repeating: "0", count: width - String(k).count) + String(k)
        }
        var landscape = """
            # OR-Library assignment instance (\(n) × \(n)): \(n) children, \(n) one-place day services;
            # the costs are the distance matrix. The optimal objective is the assignment's optimum.
            planningDate: 2026-11-23
            distance: { matrix: travel-km.csv }
            careTypes:
              - { id: day, name: "Any service" }
            networks:
              - { id: all, name: "One network" }
            regions:
              - { id: everywhere, name: Everywhere, network: all }
            facilities:

            """
        for j in 1...n {
            landscape += "  - { id: \(id("F", j)), region: everywhere, lat: 52.0, lon: 5.0, services: [{ id: \(id("S", j)), careTypes: [day], mode: day, capacity: 1 }] }\n"
        }
        var cases = "id,lat,lon,region,age,needs\n"
        var matrix = "from,to,km\n"
        for i in 1...n {
            cases += "\(id("C", i)),52.0,5.0,everywhere,12,day\n"
            for j in 1...n { matrix += "\(id("C", i)),\(id("F", j)),\(costs[(i - 1) * n + j - 1])\n" }
        }
        return [("landscape.yaml", landscape), ("cases.csv", cases), ("travel-km.csv", matrix)]
    }
}
