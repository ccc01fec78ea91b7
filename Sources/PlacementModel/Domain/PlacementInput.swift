/// A landscape and its cases, read and checked, ready to plan.
public struct PlacementInput: Sendable {
    public var landscape: Landscape
    public var cases: [Case]
    /// Things ignored on purpose (extra columns, matrix rows for unknown ids).
    public var warnings: [InputProblem]

    public init(landscape: Landscape, cases: [Case], warnings: [InputProblem] = []) {
        self.landscape = landscape
        self.cases = cases
        self.warnings = warnings
    }
}
