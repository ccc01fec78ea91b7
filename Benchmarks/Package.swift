// swift-tools-version: 6.1
// careplace's benchmarks: a nested package so that the main package does not
// depend on ordo-one/benchmark. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the
// clone of careplace is called: derive it instead of assuming "careplace".
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// A benchmark executable in Benchmarks/<name>, using these products of careplace.
func benchmark(_ name: String, using products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: root) },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "careplace-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmark("SolverBenchmarks", using: ["LinearProgramming", "GLPK"]),
        benchmark("PlacementBenchmarks", using: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "GLPK", "SafeWrite", "PlacementXLSX"]),
        benchmark("ScenarioBenchmarks", using: ["PlacementModel", "Placement", "PlacementIO", "PlacementScenarios", "GLPK"]),
        benchmark("SimulationBenchmarks", using: ["Placement", "PlacementScenarios", "PlacementSimulation", "GLPK"]),
    ],
    swiftLanguageModes: [.v6]
)
