import ArgumentParser
import Foundation
import YAMLDocument

/// Limits on what is read, shared by every command that reads YAML.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxBytes

    @Option(help: "Deepest nesting of YAML collections.")
    var maxDepth: Int = LoadLimits.default.maxDepth

    @Option(help: "Most nodes that YAML aliases may expand to in one file.")
    var maxAliasNodes: Int = LoadLimits.default.maxAliasNodes

    var limits: LoadLimits {
        LoadLimits(maxBytes: maxFileSize, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes)
    }

    func validate() throws {
        guard maxFileSize > 0, maxDepth > 0, maxAliasNodes >= 0 else {
            throw ValidationError("limits must be positive")
        }
    }
}

enum Inputs {
    /// Files named on the command line, with directories expanded to the `*.yaml` / `*.yml`
    /// files below them in sorted order. A path that does not exist is a diagnostic (exit 2).
    static func expand(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(file: path, location: nil, message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else {
                problems.append(Diagnostic(file: path, location: nil, message: "cannot read the directory"))
                continue
            }
            var found: [String] = []
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            if found.isEmpty {
                problems.append(
                    Diagnostic(file: path, location: nil, message: "no *.yaml or *.yml files in the directory"))
            }
            files += found.sorted()
        }
        return (files, problems)
    }
}
