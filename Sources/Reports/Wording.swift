import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// Phrases shared by the human-readable formats, so that Markdown, HTML and the summary say the
/// same thing in the same words.
enum Wording {
    /// Where a report of no framework would list them (every Markdown and HTML page says it alike).
    static let noFramework = "No framework description was reviewed."

    /// After the citations of a piece of evidence that lists only the first of them.
    static func moreSources(_ count: Int) -> String {
        "and \(count) more source\(count == 1 ? "" : "s"), not listed"
    }

    /// After the evidence of a finding whose tests reached more places than they list.
    static func unlisted(_ count: Int) -> String {
        "its tests reached \(count) more place\(count == 1 ? "" : "s"), not listed"
    }

    /// `channels[payload-fetch]` → `channel “payload-fetch”`; anything else as written.
    static func plainSubject(_ subject: String) -> String {
        let kinds = [("components[", "component"), ("credentials[", "credential"), ("channels[", "channel")]
        for (prefix, noun) in kinds where subject.hasPrefix(prefix) && subject.hasSuffix("]") {
            let name = subject.dropFirst(prefix.count).dropLast()
            if !name.contains("[") { return "\(noun) “\(name)”" }
        }
        return subject
    }

    /// A sentence without its final full stop, to be followed by more.
    static func clause(_ sentence: String) -> String {
        sentence.hasSuffix(".") && !sentence.hasSuffix("..") ? String(sentence.dropLast()) : sentence
    }

    /// Said after a list written with `partial: true`.
    static let partialList = "(a partial list: others may be in it)"

    /// The label of `SameFacts` in the reports written for reading.
    static let sameFacts = "Decided by the same facts as"
    /// After a finding named but not shown on a page (`ShownFindings`).
    static let onlyInJSON = "(in the JSON report)"

    /// The other findings of a `SameFacts` group, then how many more: each as its id written by
    /// `id` (a link, where the format has them and the page shows the finding) and its check and
    /// element, each written by `code`.
    static func sameFacts(
        _ others: SameFacts.Others, id: (SameFacts.Link) -> String, code: (String) -> String
    ) -> String {
        let named = others.links.map { link in
            "\(id(link)) (\(code(link.rule))" + (link.subject.map { " on " + code($0) } ?? "") + ")"
        }
        return (named + [others.unlistedPhrase].compactMap { $0 }).joined(separator: ", ")
    }

    /// What a guard's evidence is there for, said after it in the Markdown and HTML reports; nil
    /// for the requirement's. Worded for a guard that held, failed or could not be decided alike.
    static func guarding(_ phase: Observation.Phase) -> String? {
        switch phase {
        case .require: nil
        case .when: "(whether the check applies)"
        case .where: "(whether this element is checked)"
        }
    }

    static func state(_ state: Evidence.State) -> String {
        switch state {
        case .stated: return "stated"
        case .unknown: return "stated as unknown"
        case .absent: return "not stated (this is where it belongs)"
        }
    }

    /// One sentence for a board member: what the policy asks and what the description shows.
    static func reason(_ finding: Finding, clauseTitle: String) -> String {
        let subject = finding.subject.map { " (concerns the \(plainSubject($0)))" } ?? ""
        let what = finding.title.hasSuffix(".") ? String(finding.title.dropLast()) : finding.title
        let where_ = "policy clause \(finding.clauseID), “\(clauseTitle)”; \(finding.severity.rawValue)"
        switch finding.status {
        // The title is what the check requires; said as such, so that "Not met: gLExec is the
        // identity-switching tool the pilot uses" is not read as a statement that it is.
        case .violated: return "Required, not met: \(what)\(subject) (\(where_))."
        case .needsInformation: return "Required, not known: \(what)\(subject) (\(where_))."
        case .satisfied: return "Required, met: \(what)\(subject) (\(where_))."
        case .notApplicable: return "Does not apply here: \(what)\(subject) (\(where_))."
        }
    }

    /// What the reviewers said of a finding, as one sentence without its final full stop; nil
    /// when they said nothing that holds or lapsed.
    static func judgement(_ state: FrameworkTracking.State) -> String? {
        switch state {
        case .unjudged:
            return nil
        case .judged(let j):
            return "Judged \(j.kind.phrase) by \(j.reviewer.phrase) on \(j.date): \(clause(oneLine(j.justification)))"
        case .lapsed(let j, let now):
            return "Judged \(j.kind.phrase) by \(j.reviewer.phrase) on \(j.date) when it was \(j.status.phrase); it is "
                + "now \(now.phrase), so the judgement lapsed and the finding is open again"
        }
    }

    /// A finding's judgement in a word or two, for a table cell: its kind, "lapsed", or "—".
    static func judgementCell(_ state: FrameworkTracking.State) -> String {
        switch state {
        case .unjudged: "—"
        case .judged(let j): j.kind.phrase
        case .lapsed: "lapsed"
        }
    }

    /// Whether the verdict is signed, in two words for a table cell.
    static func signOffMark(_ verdict: FindingsVerdict) -> String {
        verdict.signOffPending ? "pending sign-off" : "signed"
    }

    /// How many open findings the reviewers judged, and how; nil without a tracking file.
    static func judgements(_ tracking: FrameworkTracking) -> String? {
        guard tracking.file != nil else { return nil }
        let judged = tracking.open - tracking.unjudged
        var text = "\(judged) of \(tracking.open) open finding\(tracking.open == 1 ? "" : "s") judged"
        let kinds = Judgement.Kind.allCases.compactMap { kind -> String? in
            guard let n = tracking.judged[kind], n > 0 else { return nil }
            return "\(n) \(kind.phrase)"
        }
        if !kinds.isEmpty { text += " (" + kinds.joined(separator: ", ") + ")" }
        return text
    }

    /// When a verdict is signed, for the reader of a summary.
    static let signOffRule =
        "A verdict is signed when the reviewers have judged every open finding and reviewers from both OSG and EGEE "
        + "have signed the same verdict for the description as reviewed; until then it is pending sign-off and is "
        + "what the findings and the judgements made so far support."

    /// The conditions the signatures of a conditional recommendation set, each once, in file order.
    static func conditions(_ status: SignOffStatus) -> [String] {
        guard status.signed else { return [] }
        var seen = Set<String>()
        return status.signOffs.flatMap(\.conditions).map(oneLine).filter { seen.insert($0).inserted }
    }

    /// Text written over several lines, on one: every run of white space becomes a space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Why the verdict is what it is, for a board member.
    static func explanation(_ verdict: FindingsVerdict) -> String {
        if verdict.signOff.signed && verdict.verdict != verdict.supported {
            return
                "The reviewers signed a stricter verdict than the findings alone support (\(verdict.supported.phrase))."
        }
        if verdict.verdict == .recommend && verdict.dismissed > 0 {
            return "Nothing counts against the framework: the reviewers judged every open finding mitigated or a "
                + "false positive."
        }
        return explanation(verdict.verdict)
    }

    static func explanation(_ verdict: Verdict) -> String {
        switch verdict {
        case .recommend: return "The description meets every policy clause that applies to it."
        case .recommendWithConditions:
            return
                "No violation of high or critical severity stands but the accepted risks; the points listed are the "
                + "conditions."
        case .doNotRecommend:
            return "A check of high or critical severity is violated, and not accepted as a risk."
        case .reviewIncomplete:
            return
                "Serious questions are still open: the framework cannot be recommended until they are answered."
        }
    }

    /// Anchor of a clause section inside a framework section: `fw2-mupj-5`.
    static func clauseAnchor(framework index: Int, clause: String) -> String {
        "fw\(index + 1)-" + Paths.slug(clause)
    }

    static func frameworkAnchor(_ index: Int) -> String { "fw\(index + 1)" }

    /// Words a reader may not know, explained once per summary and HTML review; the clauses are
    /// named from the catalogs reviewed against, since a count of clauses mixes documents
    /// (MUPJ-1 to MUPJ-10 of the policy, VO-1 to VO-6 of the VO operations obligations).
    static func legend(_ catalogs: [CatalogInfo]) -> [(term: String, meaning: String)] {
        let documents = catalogs.compactMap { catalog -> String? in
            let ids = catalog.clauses.map(\.id)
            guard let first = ids.first, let last = ids.last else { return nil }
            // A few are named; more are counted, from the first to the last in the catalog's
            // order, which need not be a run of numbers.
            let named = ids.count <= 3 ? ids.listed() : "the \(ids.count) clauses \(first) to \(last)"
            return named + " of “\(catalog.title)”"
        }
        let clause =
            "One numbered obligation of a policy document"
            + (documents.isEmpty ? "." : "; here " + documents.listed() + ".")
        return [("Clause", clause)] + legendTerms
    }

    private static let legendTerms: [(term: String, meaning: String)] = [
        (
            "Finding",
            "The outcome of one check of a clause against a framework description, or against one of its "
                + "components, credentials or channels: a check of every channel gives a finding per channel, so a "
                + "clause counted once can have several findings."
        ),
        ("Violated (not met)", "The description shows the obligation is not met."),
        (
            "Needs information (open question)",
            "The description is silent or says it does not know; the reviewers must ask the experiment."
        ),
        ("Satisfied (met)", "The description shows the obligation is met."),
        ("Not applicable", "The obligation does not arise for this framework."),
        (
            "Severity",
            "How much harm a breach could do: critical, high, medium or low. Critical and high count as serious."
        ),
        (
            "Sign-off",
            "Until it is signed, the verdict is what the findings support. It becomes the review team's "
                + "recommendation when the reviewers have judged every open finding (confirmed, accepted risk, mitigated "
                + "or false positive) and reviewers from both OSG and EGEE have signed the same verdict."
        ),
        (
            "Prerequisite",
            "One of the four conditions the MB set in November 2007 before the policy comes into effect (PRE-1 to "
                + "PRE-4), and gLExec deployed at the sites, which the MB added in November 2009 (PRE-5)."
        ),
        ("SHA-256", "A fingerprint of a file: the same value means exactly the same file was used."),
    ]
}
