package import PlacementModel

/// Collects problems while reading; readers go on after a problem so that
/// all of them are reported at once.
package struct ProblemLog {
    package var problems: [InputProblem] = []

    package mutating func add(_ file: String, _ line: Int?, _ field: String?, _ message: String) {
        problems.append(InputProblem(file: file, line: line, field: field, message: message))
    }
}

/// Shows a found value in a message: quoted, shortened, never a whole row.
package func shown(_ value: String) -> String {
    let limit = 60
    return value.count > limit ? "\"\(value.prefix(limit))…\"" : "\"\(value)\""
}
