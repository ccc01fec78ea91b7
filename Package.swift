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
        .library(name: "PlacementModel", targets: ["PlacementModel"]),
        .library(name: "Placement", targets: ["Placement"]),
        .library(name: "PlacementIO", targets: ["PlacementIO"]),
        .library(name: "PlacementScenarios", targets: ["PlacementScenarios"]),
        .library(name: "DutchLandscape", targets: ["DutchLandscape"]),
        .library(name: "PlacementSimulation", targets: ["PlacementSimulation"]),
        .library(name: "SafeWrite", targets: ["SafeWrite"]),
        .library(name: "PlacementXLSX", targets: ["PlacementXLSX"]),
    ],
    dependencies: [
        // The command-line front end (subcommands, help, validation). The only
        // third-party dependency so far.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML landscapes and scenarios (SPEC §1, §6), with line numbers for
        // every problem and duplicate-key detection.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // API docs: `swift package generate-documentation` (a plugin; nothing linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // Tests only: reads assignments.xlsx back (an xlsx is a zip of XML).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // MARK: - Public API
        .target(name: "LinearProgramming"),
        .target(name: "GLPK", dependencies: ["LinearProgramming", "CGLPKShims", "SafeWrite"]),
        // Output files written whole, never over an input or a special file,
        // a folder's set swapped in as one.
        .target(name: "SafeWrite", dependencies: ["CFileShims"]),
        // Dependencies run one way, down this list: the domain and its rules;
        // the problem, the flow and the planner; readers, writers and
        // reports; the Dutch geography and the instance generator; scenarios.
        // None of them knows GLPK: only the executable (and tests) choose it.
        .target(name: "PlacementModel"),
        .target(name: "Placement", dependencies: ["PlacementModel", "LinearProgramming"]),
        .target(name: "PlacementIO", dependencies: ["PlacementModel", "Placement", "SafeWrite", .product(name: "Yams", package: "Yams")]),
        .target(name: "DutchLandscape", dependencies: ["PlacementModel"]),
        .target(
            name: "PlacementScenarios",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "SafeWrite", .product(name: "Yams", package: "Yams")]
        ),
        // assignments.xlsx: the proposal as a workbook (libxlsxwriter).
        .target(name: "PlacementXLSX", dependencies: ["PlacementModel", "Placement", "PlacementIO", "CXlsxWriter"]),
        // The landscape over time (SPEC §7): the day loop around the planner.
        .target(
            name: "PlacementSimulation",
            dependencies: ["PlacementModel", "Placement", "LinearProgramming", "PlacementIO", "PlacementScenarios", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "careplace",
            dependencies: [
                "LinearProgramming", "GLPK", "PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "PlacementScenarios",
                "PlacementSimulation", "SafeWrite", "PlacementXLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details (no stable API)
        // The only C we write: one guarded entry per GLPK call sequence. It
        // includes <glpk.h> from the system and, since Debian ships no
        // glpk.pc, links "glpk" directly.
        .target(name: "CGLPKShims", linkerSettings: [.linkedLibrary("glpk")]),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not expose.
        .target(name: "CFileShims"),
        // libxlsxwriter (Debian's libxlsxwriter-dev): real xlsx for the
        // coordinator's proposal, with dates, numbers, filters and frozen
        // headers; writing the zipped XML by hand would be the alternative.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),

        // MARK: - Tests
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "SafeWriteTests", dependencies: ["SafeWrite"]),
        .testTarget(
            name: "PlacementXLSXTests",
            dependencies: ["PlacementXLSX", "PlacementIO", "Placement", "PlacementModel", "PlacementTestSupport", "GLPK", "ZIPFoundation"]
        ),
        .testTarget(
            name: "GLPKTests",
            dependencies: ["GLPK", "LinearProgramming"],
            resources: [.copy("Models")]
        ),
        // Small inputs built in code, shared by the placement test targets.
        .target(name: "PlacementTestSupport", dependencies: ["PlacementModel"], path: "Tests/PlacementTestSupport"),
        .testTarget(name: "PlacementModelTests", dependencies: ["PlacementModel", "PlacementTestSupport"]),
        .testTarget(
            name: "PlacementTests",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "PlacementTestSupport", "GLPK", "LinearProgramming"]
        ),
        .testTarget(
            name: "PlacementIOTests",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "PlacementTestSupport", "GLPK"]
        ),
        .testTarget(
            name: "DutchLandscapeTests",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "PlacementTestSupport", "GLPK"]
        ),
        .testTarget(
            name: "PlacementScenariosTests",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "DutchLandscape", "PlacementScenarios", "PlacementTestSupport", "GLPK"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PlacementSimulationTests",
            dependencies: ["PlacementModel", "Placement", "PlacementIO", "PlacementSimulation", "PlacementTestSupport", "GLPK"]
        ),
        // Fixtures are read from the package folder by the built binary, not bundled.
        .testTarget(name: "careplaceTests", dependencies: ["careplace", "LinearProgramming", "GLPK", "PlacementModel"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// Strict compiler features for every Swift target, in one place.
for target in package.targets where !["CGLPKShims", "CFileShims", "CXlsxWriter"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
