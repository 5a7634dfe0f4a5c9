import ReviewEngine
import ReviewRecords

/// What must happen before the MB's page can say more, and who does it: the experiments answer
/// the questions their descriptions leave open and remedy the checks not met (or the reviewers
/// find them not to apply), reviewers from OSG and EGEE judge the open findings and sign each
/// verdict (PRE-2 asks for those verdicts), and the prerequisites not met get their evidence.
/// The prerequisites are named, not their actors: the status file says what is missing, not who
/// is to supply it. Plain sentences, worked out once for every format of the summary.
enum NextSteps {
    /// How many frameworks a sentence names before it counts the rest: the page must stay on one
    /// sheet, and a summary of hundreds of frameworks would list them all in each sentence.
    static let namedAtMost = 8

    static func sentences(_ entries: [FrameworkOverview], prerequisites: PrerequisitesSection?) -> [String] {
        var experiments: [String] = []
        var unjudged: [String] = []
        var unsigned: [String] = []
        for entry in entries {
            var (open, asked, notMet) = (0, 0, 0)
            for clause in entry.review.clauses {
                for finding in clause.findings where finding.status.isOpen {
                    // A judgement that lapsed is no judgement: the finding is open again.
                    var kind: Judgement.Kind?
                    if case .judged(let judgement) = entry.tracking.state(of: finding) { kind = judgement.kind }
                    if kind == nil { open += 1 }
                    // Still the experiment's to answer or remedy unless the reviewers took it out
                    // of the verdict or accepted it as a risk; a confirmed finding stands.
                    guard kind == nil || kind == .confirmed else { continue }
                    if finding.status == .needsInformation { asked += 1 } else { notMet += 1 }
                }
            }
            let parts = [
                asked > 0 ? "\(asked) open question\(asked == 1 ? "" : "s")" : nil,
                notMet > 0 ? "\(notMet) requirement\(notMet == 1 ? "" : "s") not met" : nil,
            ].compactMap { $0 }
            let name = entry.review.name
            if !parts.isEmpty { experiments.append("\(name) (\(entry.review.vo)): \(parts.joined(separator: ", "))") }
            guard !entry.verdict.signOff.signed else { continue }
            if open > 0 { unjudged.append("\(name) \(open)") }
            unsigned.append(name)
        }
        var steps: [String] = []
        if !experiments.isEmpty {
            steps.append(
                "The experiments answer the open questions (needs-information findings) and remedy the requirements not "
                    + "met, unless the reviewers find otherwise: \(named(experiments, separator: "; ")).")
        }
        if !unsigned.isEmpty {
            let judge = unjudged.isEmpty ? "" : "judge the open findings not yet judged (\(named(unjudged))) and "
            let which =
                unsigned.count == entries.count && entries.count > 1
                ? "every verdict" : "the verdict" + (unsigned.count == 1 ? " of " : "s of ") + named(unsigned)
            steps.append("Reviewers from OSG and EGEE \(judge)sign \(which).")
        }
        if let prerequisites {
            if !prerequisites.notMet.isEmpty {
                steps.append(
                    "Still to be met, with the evidence each lacks listed above: "
                        + "\(prerequisites.notMet.listed()).")
            } else if prerequisites.awaitingMB {
                steps.append("The MB decides whether the policy comes into effect: every prerequisite is met.")
            }
        }
        if steps.isEmpty {
            steps.append(
                prerequisites == nil
                    ? "None for the reviews: every verdict is signed and nothing is left to answer or remedy. The "
                        + "prerequisites were not assessed in this run."
                    : "None: every verdict is signed, nothing is left to answer or remedy, and every prerequisite is "
                        + "met.")
        }
        return steps
    }

    /// The first `namedAtMost` of `items`, as a sentence lists them, and how many more there are.
    static func named(_ items: [String], separator: String = ", ") -> String {
        guard items.count > namedAtMost else {
            return separator == ", " ? items.listed() : items.joined(separator: separator)
        }
        let more = items.count - namedAtMost
        return items.prefix(namedAtMost).joined(separator: separator) + "\(separator)and \(more) more"
    }
}
