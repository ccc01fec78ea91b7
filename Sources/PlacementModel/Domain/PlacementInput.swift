/// A landscape and its cases, read and checked, ready to plan.
public struct PlacementInput: Sendable {
    public var landscape: Landscape
    public var cases: [Case]
    /// Things ignored on purpose (extra columns, matrix rows for unknown ids).
    public var warnings: [InputProblem]
    /// The optional columns the cases file lacks (SPEC §2), for `validate`
    /// to say what their absence means.
    public var absentColumns: [String]

    public init(landscape: Landscape, cases: [Case], warnings: [InputProblem] = [], absentColumns: [String] = []) {
        self.landscape = landscape
        self.cases = cases
        self.warnings = warnings
        self.absentColumns = absentColumns
    }
}
