import PolicyCatalog
import YAMLDocument

/// Bounds on the review of one description. Each file is bounded on its own when it is read (its
/// size, depth and nodes), but a review's work is the product of the two: every check of the
/// catalogs over every element of its collection, and every place its paths pass through. A
/// catalog of 2 000 checks over the components, with a description of 10 000 components (both
/// within their own limits), gave 20 million findings: two minutes and 18 GiB of memory. These
/// stop such a review early, at the check that passes the bound, with a located error.
public struct ReviewLimits: Sendable, Hashable {
    /// Most findings one description's review may give: what the result holds in memory and the
    /// reports print (about 1 KiB each in memory, and several in a JSON report).
    public var maxFindings: Int
    /// Most steps one description's review may take: a step is an element a check is run on, or
    /// a place a path passes through. What bounds the time of checks that give few findings (a
    /// `where` that selects nothing, a path that follows references to every element).
    public var maxSteps: Int

    public init(maxFindings: Int, maxSteps: Int) {
        self.maxFindings = maxFindings
        self.maxSteps = maxSteps
    }

    /// Well above the heaviest descriptions the default load limits admit, reviewed against the
    /// shipped catalogs (docs/limits.md gives their counts), and low enough that a review refused
    /// at either bound ends within about a second.
    public static let `default` = ReviewLimits(maxFindings: 100_000, maxSteps: 5_000_000)

    /// No bound: what code that reads `PathResolver` alone counts against.
    static let unlimited = ReviewLimits(maxFindings: .max, maxSteps: .max)

    /// These limits, raised to `floor`'s bound by bound.
    public func atLeast(_ floor: ReviewLimits) -> ReviewLimits {
        ReviewLimits(maxFindings: max(maxFindings, floor.maxFindings), maxSteps: max(maxSteps, floor.maxSteps))
    }

    func maximum(_ limit: ReviewLimitExceeded.Limit) -> Int {
        limit == .findings ? maxFindings : maxSteps
    }
}

/// A review stopped at one of its limits: which one, and the check, in its catalog file, that
/// passed it. No partial result is kept: a review is all the findings or none.
public struct ReviewLimitExceeded: Error, Sendable, Hashable {
    public enum Limit: Sendable, Hashable {
        case findings, steps
    }

    public var limit: Limit
    public var maximum: Int
    /// The description under review.
    public var framework: String
    public var catalogFile: String
    public var clauseID: String
    public var checkID: String
    /// Where the check is written in its catalog.
    public var location: SourceLocation

    /// Located at the check: the description has no single place that is too large, and the
    /// check is what a reviewer can change (or raise the limit for).
    public var diagnostic: Diagnostic {
        let (what, option) =
            limit == .findings
            ? ("findings", "--max-findings") : ("steps (elements checked and places visited)", "--max-steps")
        return Diagnostic(
            file: catalogFile, location: location,
            message: "the review of \(framework) passed \(maximum) \(what) at check '\(checkID)' of \(clauseID), "
                + "and was stopped; raise the limit with \(option)")
    }
}

/// The work of one description's review so far, shared by the path resolver (places) and the
/// engine (elements, findings). A class: the resolver's methods, which count, do not mutate it.
final class WorkMeter {
    let limits: ReviewLimits
    var steps = 0
    var findings = 0

    init(limits: ReviewLimits) {
        self.limits = limits
    }

    /// Pattern work (`Pattern.Search.work`: instructions visited) in one step. A visit takes a
    /// few nanoseconds, a step of the resolver about a hundred.
    static let patternWorkPerStep = 16

    /// Bytes of a text a pattern searches read in one step, before the search's own work.
    static let textBytesPerStep = 4

    /// Comparisons of a value with a catalog's literals (`one_of`, `contains…`) in one step, at
    /// 20–30 ns each. A `one_of` of 10 000 ids on 10 000 components compared 10⁸ times, for
    /// 2.7 s, where the step limit saw a test a component.
    static let comparisonsPerStep = 4

    /// Whether `pattern` matches in `text`, the search counted in steps, and stopped where it
    /// would pass the step limit (then the meter has passed it, and the answer is false: the
    /// review stops at its next check of the limits, and keeps nothing).
    func search(_ pattern: Pattern, in text: String, at offset: Int) -> Bool {
        let key = SearchKey(pattern: pattern.source, offset: offset)
        // The same text (shared, so compared by its storage), asked again.
        if let earlier = searched[key], earlier.text == text {
            steps += 1
            return earlier.found
        }
        // A search may read the whole text, about a step's time for every four bytes, so that is
        // charged before it starts: 15 MB were read (1.5 s, 400 MB, when a search first copied its
        // text into characters) before a search of them was stopped at the limit.
        steps += text.utf8.count / Self.textBytesPerStep
        guard steps <= limits.maxSteps else { return false }
        let remaining = limits.maxSteps - steps
        let budget =
            remaining >= Int.max / Self.patternWorkPerStep - 1
            ? Int.max : max(0, remaining + 1) * Self.patternWorkPerStep
        let search = pattern.search(text, budget: budget)
        steps += search.work / Self.patternWorkPerStep + 1
        let found = search.found ?? false
        searched[key] = (text, found)
        return found
    }

    /// A pattern and where its text is in the description.
    private struct SearchKey: Hashable {
        var pattern: String
        var offset: Int
    }

    /// Each search's answer: a test that fails is searched again to list the places that fail it,
    /// and a text of 15 MB took 1.2 s each time.
    private var searched: [SearchKey: (text: String, found: Bool)] = [:]

    /// Which limit the review has passed, if any.
    var passed: ReviewLimitExceeded.Limit? {
        if findings > limits.maxFindings { return .findings }
        if steps > limits.maxSteps { return .steps }
        return nil
    }
}
