import ArgumentParser
import Foundation
import SafeWrite

/// `careplace demo --out DIR`: the bundled demo's files, to start from.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the bundled demo (landscape.yaml and cases.csv) into a folder, to look at or start from.",
        discussion: "The demo travels inside the executable: it is what `careplace generate \(BundledDemo.arguments.joined(separator: " "))` writes."
    )

    @Option(help: "Output folder (created when missing).")
    var out = "careplace-demo"

    func run() throws {
        let files = BundledDemo.files
        guard !files.isEmpty else { throw CLIError.failure("the bundled demo could not be generated") }
        try OutputCheck.folders([(out, files.map(\.name))], protecting: [])
        do {
            try OutputWriter.write(files, into: out, protecting: [])
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        print("written: \(files.map { (out as NSString).appendingPathComponent($0.name) }.joined(separator: ", "))")
        print("plan it: careplace solve --landscape \((out as NSString).appendingPathComponent("landscape.yaml")) --cases \((out as NSString).appendingPathComponent("cases.csv"))")
    }
}
