import Foundation
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// Shared by the test targets: where the package is, the built `mupj`, and loading real inputs.
public enum TestSupport {
    /// The package root, found from this file's own path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// The generated part of a document of the package, between its `<!-- reference:start -->`
    /// and `<!-- reference:end -->` lines, for the tests that keep it current.
    public static func generatedReference(in document: String) throws -> String {
        let text = try String(contentsOfFile: path(document), encoding: .utf8)
        guard let start = text.range(of: "<!-- reference:start -->\n"),
            let end = text.range(of: "<!-- reference:end -->", range: start.upperBound..<text.endIndex)
        else { throw Failure("\(document) has no generated reference between its markers") }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// Loads the shipped catalogs (`checklists/`), failing loudly if any has an error.
    public static func shippedCatalogs() throws -> CatalogSet {
        let (set, diagnostics) = CatalogSet.load(directory: path("checklists"))
        guard let set else {
            throw Failure("shipped catalogs do not load:\n" + diagnostics.map(\.description).joined(separator: "\n"))
        }
        return set
    }

    /// Validates description text as a file named `name`.
    public static func description(_ text: String, name: String = "test.yaml") -> DescriptionLoader.Outcome {
        DescriptionLoader.load(SourceFile(path: name, bytes: Array(text.utf8)))
    }

    /// The `mupj` executable built beside the test bundle.
    public static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("mupj")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/mupj")
    }

    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `mupj` with `arguments` in `directory` (the package root by default). With
    /// `standardOutput`, the child's standard output is that file (`/dev/full`, say) and `stdout`
    /// is empty.
    public static func mupj(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], stdin: String? = nil,
        standardOutput: String? = nil
    ) throws -> Run {
        try run(
            binary, arguments, in: directory, environment: environment, stdin: stdin, standardOutput: standardOutput)
    }

    /// Runs mupj and calls `action` once its standard error holds `text` (or once it has ended
    /// without it): for a test that must act while the command waits (release a lock it waits
    /// for), whatever the time the command takes to get there. Standard output is read only after
    /// that: a command that fills the pipe (64 KiB) before it says `text` would stall until the
    /// minute the wait allows, so use it for commands that say little first.
    public static func mupj(_ arguments: [String], whenStandardErrorHolds text: String, _ action: () -> Void)
        throws -> Run
    {
        try withoutActuallyEscaping(action) { action in try run(binary, arguments, watch: (text, action)) }
    }

    /// Runs `script` with `/bin/sh -c`, `$0` and on being `arguments`: for arguments that a
    /// `String` cannot carry (bytes that are not UTF-8), made by the shell.
    public static func shell(_ script: String, _ arguments: String...) throws -> Run {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script] + arguments)
    }

    private static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        stdin: String? = nil, standardOutput: String? = nil, watch: (text: String, action: () -> Void)? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env.removeValue(forKey: "MUPJ_CHECKLISTS")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        if let standardOutput {
            guard let file = FileHandle(forWritingAtPath: standardOutput) else {
                throw Failure("cannot open \(standardOutput)")
            }
            process.standardOutput = file
        } else {
            process.standardOutput = out
        }
        // Standard error goes to a file: read from a second pipe only after standard output ends,
        // a child writing more than a pipe holds (500 diagnostics) blocked, and the test with it.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("mupj-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw Failure("cannot create \(errURL.path)")
        }
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? err.close() }
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        if let watch {
            // Standard error is a file: looked at every 10 ms, for at most a minute.
            for _ in 0..<6_000 {
                let said = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
                if said.contains(watch.text) || !process.isRunning { break }
                usleep(10_000)
            }
            watch.action()
        }
        // Standard output is read before waiting so a large output cannot block the child.
        let outData = standardOutput == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        let errData = try Data(contentsOf: errURL)
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, inside this test process's scratch directory.
    public static func temporaryDirectory() throws -> URL {
        let url = scratch.appendingPathComponent("test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The directory every test's temporary files go in, one per test process, removed with
    /// everything in it when the process exits. (Removing each test's directory when the test
    /// ends would need every test to say when that is; a directory per test, left behind, was
    /// fifty more entries in the system's temporary directory at every run of the suite.)
    public static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mupj-tests-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratch) }
        return url
    }()

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}

/// A small deterministic generator (SplitMix64): generated test inputs are the same on every run,
/// so that a failure can be run again.
public struct SplitMix64 {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}
