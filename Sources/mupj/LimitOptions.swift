import ArgumentParser
import ReviewEngine
import YAMLDocument

/// Limits on what is read, shared by every command that reads YAML. Every limit takes the next
/// argument as its value unconditionally, so that `--max-depth -1` is refused as a limit that is
/// not positive instead of "missing value" (the parser would take `-1` for an option).
struct LimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Largest input file in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxBytes

    @Option(parsing: .unconditional, help: "Deepest nesting of YAML collections.")
    var maxDepth: Int = LoadLimits.default.maxDepth

    @Option(parsing: .unconditional, help: "Most nodes that YAML aliases may expand to in one file.")
    var maxAliasNodes: Int = LoadLimits.default.maxAliasNodes

    @Option(parsing: .unconditional, help: "Most YAML nodes (keys, values and items) in one file.")
    var maxNodes: Int = LoadLimits.default.maxNodes

    var limits: LoadLimits {
        LoadLimits(maxBytes: maxFileSize, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes, maxNodes: maxNodes)
    }

    func validate() throws {
        try Limit.refuseBelowLeast([
            ("--max-file-size", maxFileSize, 1), ("--max-depth", maxDepth, 1), ("--max-alias-nodes", maxAliasNodes, 0),
            ("--max-nodes", maxNodes, 1),
        ])
    }
}

/// The check every limit option gets.
enum Limit {
    /// The usage error for the first limit below its least value, naming the option and the value
    /// given: one message for every limit, which says which of several options to mend.
    static func refuseBelowLeast(_ limits: [(option: String, value: Int, least: Int)]) throws {
        for limit in limits where limit.value < limit.least {
            throw ValidationError("\(limit.option) must be at least \(limit.least), got \(limit.value)")
        }
    }
}

/// Limits on the review of each description, for the commands that review: a review's work is the
/// product of the catalogs' checks and the description's elements, which no file's own limit bounds.
/// Values are taken unconditionally, as for `LimitOptions`.
struct ReviewLimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Most findings the review of one description may give.")
    var maxFindings: Int = ReviewLimits.default.maxFindings

    @Option(
        parsing: .unconditional,
        help: "Most steps (elements checked and places visited) the review of one description may take.")
    var maxSteps: Int = ReviewLimits.default.maxSteps

    var limits: ReviewLimits { ReviewLimits(maxFindings: maxFindings, maxSteps: maxSteps) }

    func validate() throws {
        try Limit.refuseBelowLeast([("--max-findings", maxFindings, 1), ("--max-steps", maxSteps, 1)])
    }
}
