import ReviewEngine
import ReviewRecords

/// What must happen before the MB's page can say more, and who does it: the experiments answer
/// the questions their descriptions leave open, reviewers from OSG and EGEE judge the open
/// findings and sign each verdict (PRE-2 asks for those verdicts), and the prerequisites not met
/// are completed. The prerequisites are named, not their actors: the record the status file
/// holds says what is missing, not who is to supply it. Plain sentences, worked out once for
/// every format of the summary.
enum NextSteps {
    static func sentences(_ entries: [FrameworkOverview], prerequisites: PrerequisitesSection?) -> [String] {
        var questions: [String] = []
        var unjudged: [String] = []
        var unsigned: [String] = []
        for entry in entries where !entry.verdict.signOff.signed {
            var (open, asked) = (0, 0)
            for clause in entry.review.clauses {
                for finding in clause.findings where finding.status.isOpen {
                    // A judgement that lapsed is no judgement: the finding is open again.
                    if case .judged = entry.tracking.state(of: finding) { continue }
                    open += 1
                    if finding.status == .needsInformation { asked += 1 }
                }
            }
            let name = entry.review.name
            if asked > 0 { questions.append("\(entry.review.vo) \(asked) (\(name))") }
            if open > 0 { unjudged.append("\(name) \(open)") }
            unsigned.append(name)
        }
        var steps: [String] = []
        if !questions.isEmpty {
            steps.append(
                "The experiments answer their open questions: \(questions.listed()).")
        }
        if !unsigned.isEmpty {
            let judge = unjudged.isEmpty ? "" : "judge the open findings not yet judged (\(unjudged.listed())) and "
            let which =
                unsigned.count == entries.count && entries.count > 1
                ? "every verdict" : "the verdict" + (unsigned.count == 1 ? " of " : "s of ") + unsigned.listed()
            steps.append("Reviewers from \(FindingsVerdict.signingOrganisations.listed()) \(judge)sign \(which).")
        }
        if let prerequisites {
            if !prerequisites.notMet.isEmpty {
                steps.append("The prerequisites not met are completed: \(prerequisites.notMet.listed()).")
            } else if prerequisites.awaitingMB {
                steps.append("The MB decides whether the policy comes into effect: every prerequisite is met.")
            }
        }
        if steps.isEmpty {
            steps.append(
                prerequisites == nil
                    ? "None for the reviews: every verdict is signed. The prerequisites were not assessed in this run."
                    : "None: every verdict is signed and every prerequisite is met.")
        }
        return steps
    }
}
