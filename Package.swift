// swift-tools-version: 6.2
import PackageDescription

// The pipeline, left to right; each module imports only modules to its left:
// CLibYAML, CSHA256 → YAMLDocument → DocumentSchema → FrameworkModel → PolicyCatalog → ReviewEngine
//   → ReviewRecords → Reports → mupj (CLI).
// Beside the pipeline: CAllocator (the allocator's settings, made by the CLI when it starts),
// Corpora (generated inputs: the benchmark's corpora and the hostile inputs that the hardening
// tests check and the benchmark times), on FrameworkModel's template, Benchmarking (the hidden
// `mupj bench`: those inputs timed in process and through the binary), on Reports and Corpora, and
// ShippedCatalogs (the catalogs of checklists/ built into the binary, for use where a project has
// none).
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), .treatAllWarnings(as: .error)]

// Every catalog of checklists/, in name order (a test checks this list against the directory).
let shippedCatalogs = ["jspg-mupj-v1.0.yaml", "mb-prerequisites.yaml", "vo-operations.yaml"]

let package = Package(
    name: "mupj",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "mupj", targets: ["mupj"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // SHA-256 blocks on the x86 SHA extensions, for the digests reports record (see SHA256.swift).
        // DWARF 4, which valgrind (callgrind, the profiler docs/limits.md uses) still reads.
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // glibc's allocator settings, which Swift's Glibc module does not declare (see allocator.c);
        // DWARF 4 as above.
        .target(name: "CAllocator", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(name: "YAMLDocument", dependencies: ["CLibYAML", "CSHA256"], swiftSettings: strict),
        .target(name: "DocumentSchema", dependencies: ["YAMLDocument"], swiftSettings: strict),
        .target(name: "FrameworkModel", dependencies: ["DocumentSchema"], swiftSettings: strict),
        .target(name: "PolicyCatalog", dependencies: ["FrameworkModel"], swiftSettings: strict),
        .target(name: "ReviewEngine", dependencies: ["PolicyCatalog"], swiftSettings: strict),
        .target(name: "ReviewRecords", dependencies: ["ReviewEngine"], swiftSettings: strict),
        .target(name: "Reports", dependencies: ["ReviewRecords"], swiftSettings: strict),
        .target(name: "Corpora", dependencies: ["FrameworkModel"], swiftSettings: strict),
        .target(name: "Benchmarking", dependencies: ["Reports", "Corpora"], swiftSettings: strict),
        // The catalogs of checklists/, built into the binary so that an installed `mupj` reviews
        // from any directory. Sources/ShippedCatalogs/checklists is a link to checklists/, so that
        // a build embeds the catalogs as they are where they are edited. (A target rooted at the
        // package instead would hold every scratch directory under it, and SwiftPM then fails an
        // incremental build made with --scratch-path inside the package: "unknown build description".)
        .target(
            name: "ShippedCatalogs", dependencies: ["YAMLDocument"],
            resources: shippedCatalogs.map { .embedInCode("checklists/" + $0) }, swiftSettings: strict),
        .executableTarget(
            name: "mupj",
            dependencies: [
                "Reports", "Benchmarking", "CAllocator", "ShippedCatalogs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["ReviewEngine"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "YAMLDocumentTests", dependencies: ["YAMLDocument", "CLibYAML", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "DocumentSchemaTests", dependencies: ["DocumentSchema", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "FrameworkModelTests", dependencies: ["FrameworkModel", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PolicyCatalogTests", dependencies: ["PolicyCatalog", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ReviewEngineTests", dependencies: ["ReviewEngine", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ReviewRecordsTests", dependencies: ["ReviewRecords", "Corpora", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Corpora", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["mupj", "Reports", "ShippedCatalogs", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HardeningTests", dependencies: ["mupj", "Benchmarking", "Corpora", "TestSupport"],
            swiftSettings: strict),
    ]
)
