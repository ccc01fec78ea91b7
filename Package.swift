// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "careplace",
    platforms: [.macOS(.v15)],
    products: [
        // MARK: - Public API
        .executable(name: "careplace", targets: ["careplace"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "Placement", targets: ["Placement"]),
    ],
    dependencies: [
        // The command-line front end (subcommands, help, validation). The only
        // third-party dependency so far.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML landscapes and scenarios (SPEC §1, §6), with line numbers for
        // every problem and duplicate-key detection.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - Public API
        .target(name: "LinearProgramming"),
        .target(name: "GLPK", dependencies: ["LinearProgramming", "CGLPKShims"]),
        .target(name: "Placement", dependencies: ["LinearProgramming", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "careplace",
            dependencies: [
                "LinearProgramming", "GLPK", "Placement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details (no stable API)
        // The only C we write: one guarded entry per GLPK call sequence. It
        // includes <glpk.h> from the system and, since Debian ships no
        // glpk.pc, links "glpk" directly.
        .target(name: "CGLPKShims", linkerSettings: [.linkedLibrary("glpk")]),

        // MARK: - Tests
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(
            name: "GLPKTests",
            dependencies: ["GLPK", "LinearProgramming"],
            resources: [.copy("Models")]
        ),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "GLPK", "LinearProgramming"], exclude: ["Scenario/Golden"]),
        // Fixtures are read from the package folder by the built binary, not bundled.
        .testTarget(name: "careplaceTests", dependencies: ["careplace", "LinearProgramming", "GLPK"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// Strict compiler features for every Swift target, in one place.
for target in package.targets where target.name != "CGLPKShims" {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
