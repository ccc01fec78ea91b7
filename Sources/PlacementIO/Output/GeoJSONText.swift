import Foundation

/// The pieces of a GeoJSON document: numbers without trailing zeros (null
/// when not finite), JSON strings, property objects.
package enum GeoJSONText {
    package static func number(_ x: Double, _ digits: Int = 6) -> String {
        guard x.isFinite else { return "null" }
        var text = String(format: "%.\(digits)f", locale: nil, x)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    package static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    package static func properties(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A point feature ([lon, lat], as GeoJSON has it).
    package static func point(lat: Double, lon: Double, properties: [(String, String)]) -> String {
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(number(lon)),\(number(lat))]},\"properties\":\(Self.properties(properties))}"
    }

    package static func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
