import ArgumentParser
import FoundationEssentials
import ReviewEngine
import YAMLDocument

/// Limits on what is read, shared by every command that reads YAML.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxBytes

    @Option(help: "Deepest nesting of YAML collections.")
    var maxDepth: Int = LoadLimits.default.maxDepth

    @Option(help: "Most nodes that YAML aliases may expand to in one file.")
    var maxAliasNodes: Int = LoadLimits.default.maxAliasNodes

    @Option(help: "Most YAML nodes (keys, values and items) in one file.")
    var maxNodes: Int = LoadLimits.default.maxNodes

    var limits: LoadLimits {
        LoadLimits(maxBytes: maxFileSize, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes, maxNodes: maxNodes)
    }

    func validate() throws {
        guard maxFileSize > 0, maxDepth > 0, maxAliasNodes >= 0, maxNodes > 0 else {
            throw ValidationError("limits must be positive")
        }
    }
}

/// Limits on the review of each description, for the commands that review: a review's work is the
/// product of the catalogs' checks and the description's elements, which no file's own limit bounds.
struct ReviewLimitOptions: ParsableArguments {
    @Option(help: "Most findings the review of one description may give.")
    var maxFindings: Int = ReviewLimits.default.maxFindings

    @Option(help: "Most steps (elements checked and places visited) the review of one description may take.")
    var maxSteps: Int = ReviewLimits.default.maxSteps

    var limits: ReviewLimits { ReviewLimits(maxFindings: maxFindings, maxSteps: maxSteps) }

    func validate() throws {
        guard maxFindings > 0, maxSteps > 0 else { throw ValidationError("review limits must be positive") }
    }
}

enum Inputs {
    /// Files named on the command line, with directories expanded to the `*.yaml` / `*.yml`
    /// regular files directly in them, in sorted order (see `FileKind` for what else a directory
    /// may hold). A path that cannot be read is a diagnostic (exit 2).
    static func expand(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            switch FileKind.of(path) {
            case .failure(let problem): problems.append(problem)
            case .success(.directory):
                // Only the files directly in the directory: sub-directories (such as frameworks/examples)
                // are reviewed when named, so that examples never mix with the real descriptions.
                guard let listed = FileKind.entries(of: path, endingWith: [".yaml", ".yml"]) else {
                    problems.append(Diagnostic(file: path, location: nil, message: "cannot read the directory"))
                    continue
                }
                if listed.files.isEmpty && listed.problems.isEmpty {
                    problems.append(
                        Diagnostic(file: path, location: nil, message: "no *.yaml or *.yml files in the directory"))
                }
                files += listed.files
                problems += listed.problems
            case .success: files.append(path)
            }
        }
        return (files, problems)
    }
}
