package import PlacementModel

/// Collects problems while reading; readers go on after a problem so that
/// all of them are reported at once.
package struct ProblemLog {
    package var problems: [InputProblem] = []

    package mutating func add(_ file: String, _ line: Int?, _ field: String?, _ message: String) {
        problems.append(InputProblem(file: file, line: line, field: field, message: message))
    }
}

/// Shows a found value in a message: quoted, at most 40 characters, and
/// control characters (terminal escapes, NUL) written as `\u{1B}`, so that
/// an input can neither retitle nor clear the terminal that reads it.
package func shown(_ value: String) -> String {
    let limit = 40
    let head = value.count > limit ? String(value.prefix(limit)) : value
    var out = "\""
    for scalar in head.unicodeScalars {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        case 0x22, 0x5C: out += "\\" + String(scalar)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + (value.count > limit ? "…\"" : "\"")
}

/// A number written in plain decimal notation (digits, a point, an exponent):
/// not hexadecimal (`0x34` is not latitude 52), not `inf` or `nan`.
package func decimal(_ text: some StringProtocol) -> Double? {
    var digits = false
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
        default: return nil
        }
    }
    return digits ? Double(text) : nil
}
